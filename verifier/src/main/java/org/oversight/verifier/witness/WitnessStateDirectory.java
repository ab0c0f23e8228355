package org.oversight.verifier.witness;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A witness's durable state, one directory:
 * <ul>
 *   <li>{@code checkpoint} — the log-signed checkpoint the witness last cosigned (its size is the
 *       verified size), replaced atomically (write, fsync, rename);
 *   <li>{@code leaves} — every leaf verified so far, each as a 4-byte big-endian length and the leaf
 *       bytes, appended and fsynced before the checkpoint is replaced; a tail beyond the
 *       checkpoint's size (a crash between the two writes) is cut off on load;
 *   <li>{@code EVIDENCE.txt} — written atomically when the witness halts (violation or fork): its
 *       presence alone makes the witness refuse to cosign, also after a restart, until an operator
 *       has read it and moved it away;
 *   <li>{@code epoch-keys/} ({@link WitnessEpochKeys}) and {@code entry-records/}
 *       ({@link EntryRecordFiles}) — the witness's epoch keys and the enrolment records of kept
 *       watchlist entries, owner-only.
 * </ul>
 * Not thread-safe: the live auditor serialises all access.
 */
final class WitnessStateDirectory {
    static final String CHECKPOINT = "checkpoint";
    static final String LEAVES = "leaves";
    static final String EVIDENCE = "EVIDENCE.txt";

    private final Path dir;

    WitnessStateDirectory(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    Path path() {
        return dir;
    }

    Path evidencePath() {
        return dir.resolve(EVIDENCE);
    }

    Optional<byte[]> checkpoint() throws IOException {
        Path p = dir.resolve(CHECKPOINT);
        return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
    }

    void saveCheckpoint(byte[] signedNote) throws IOException {
        writeAtomically(CHECKPOINT, signedNote);
    }

    Optional<String> evidence() throws IOException {
        Path p = evidencePath();
        return Files.exists(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
    }

    void saveEvidence(String text) throws IOException {
        writeAtomically(EVIDENCE, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The first {@code count} verified leaves; the file is cut to exactly them.
     *
     * @throws IOException if the file holds fewer (the state directory is damaged)
     */
    List<byte[]> loadLeaves(long count) throws IOException {
        Path p = dir.resolve(LEAVES);
        List<byte[]> leaves = new ArrayList<>();
        long offset = 0;
        if (count > 0) {
            try (InputStream raw = Files.newInputStream(p);
                    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
                for (long i = 0; i < count; i++) {
                    int length = in.readInt();
                    if (length < 0 || length > 1 << 20) {
                        throw new IOException(p + ": leaf " + i + " has length " + length);
                    }
                    byte[] leaf = new byte[length];
                    in.readFully(leaf);
                    leaves.add(leaf);
                    offset += 4 + length;
                }
            } catch (EOFException e) {
                throw new IOException(p + " holds " + leaves.size() + " leaves, fewer than the " + count
                        + " the cosigned checkpoint covers", e);
            }
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.truncate(offset);
            ch.force(true);
        }
        return leaves;
    }

    void appendLeaves(List<byte[]> leaves) throws IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve(LEAVES), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            for (byte[] leaf : leaves) {
                ByteBuffer b = ByteBuffer.allocate(4 + leaf.length).putInt(leaf.length).put(leaf).flip();
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            ch.force(true);
        }
    }

    private void writeAtomically(String name, byte[] content) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + dir.resolve(name) + " atomically: " + e.getMessage(), e);
        }
    }
}
