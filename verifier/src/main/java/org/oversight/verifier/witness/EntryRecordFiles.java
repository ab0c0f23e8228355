package org.oversight.verifier.witness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.TreeSet;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.verifier.input.InputFiles;
import org.oversight.verifier.input.InputTooLargeException;

/**
 * The directory {@code <state>/entry-records}: one file {@code <leaf>.record} per kept schema-2
 * watchlist entry, holding the canonical bytes of its sealed enrolment record (format.md §12.8) —
 * biometric data, so each file is created owner-only ({@code rw-------}, the directory
 * {@code rwx------}) where the file system has POSIX permissions.
 *
 * <p>Writes are atomic and durable like the rest of the witness's state: a temporary file is
 * written and fsynced, moved over the target atomically, and the directory fsynced. A deletion
 * overwrites the file with zeros (fsync) before unlinking it, so the bytes do not stay in the file's
 * blocks on an ordinary file system (a journal, a snapshot or a disk's remapped blocks may still
 * hold them: docs/rules.md "Biometric data"). Nothing here checks a file's content: the caller
 * checks each record against its leaf before using it ({@link WitnessEntryRecords}). Not
 * thread-safe: the live auditor serialises access.
 */
final class EntryRecordFiles {
    static final String DIRECTORY = "entry-records";
    private static final String SUFFIX = ".record";
    private static final String TEMPORARY = ".tmp";

    private final Path dir;

    EntryRecordFiles(Path stateDir) throws IOException {
        this.dir = stateDir.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
    }

    /** The file of the entry at {@code leaf}. */
    Path path(long leaf) {
        return dir.resolve(leaf + SUFFIX);
    }

    /**
     * The bytes stored for the entry at {@code leaf}, if any; at most
     * {@link SealedEnrolmentRecord#MAX_BYTES} + 1 are read.
     *
     * @throws InputTooLargeException if it is longer than any record
     * @throws IOException if the file exists but cannot be read
     */
    Optional<byte[]> read(long leaf) throws IOException {
        try {
            return Optional.of(InputFiles.read(path(leaf), SealedEnrolmentRecord.MAX_BYTES));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Stores {@code record} as the entry at {@code leaf}'s file, replacing any (owner-only, atomic, fsynced). */
    void write(long leaf, byte[] record) throws IOException {
        Path tmp = dir.resolve(leaf + SUFFIX + TEMPORARY);
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(record);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, path(leaf), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            erase(tmp);
            throw new IOException("cannot store " + path(leaf) + " atomically: " + e.getMessage(), e);
        }
        syncDirectory();
    }

    /** Overwrites the entry at {@code leaf}'s file with zeros, then deletes it; nothing if there is none. */
    void delete(long leaf) throws IOException {
        if (erase(path(leaf))) {
            syncDirectory();
        }
    }

    /**
     * The leaves that have a file, in increasing order; temporary files left by a crash mid-write
     * are erased on the way. Names that are not a leaf's file are left alone.
     */
    TreeSet<Long> leaves() throws IOException {
        TreeSet<Long> out = new TreeSet<>();
        boolean erased = false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (name.endsWith(SUFFIX + TEMPORARY)) {
                    erased |= erase(p);
                } else if (name.endsWith(SUFFIX)) {
                    parseLeaf(name.substring(0, name.length() - SUFFIX.length())).ifPresent(out::add);
                }
            }
        }
        if (erased) {
            syncDirectory();
        }
        return out;
    }

    private static Optional<Long> parseLeaf(String digits) {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(digits));
    }

    /** Zeros (fsynced), then unlinks {@code file}; whether it existed. */
    private static boolean erase(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 1 << 16));
            for (long written = 0; written < size; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - written));
                written += ch.write(zeros, written);
            }
            ch.force(true);
        }
        Files.delete(file);
        return true;
    }

    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Directories cannot be opened for fsync on every platform; the files themselves are synced.
        }
    }
}
