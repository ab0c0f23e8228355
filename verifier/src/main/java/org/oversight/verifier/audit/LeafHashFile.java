package org.oversight.verifier.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.HashSource;
import org.oversight.domain.merkle.rfc6962.HashSourceException;

/**
 * The leaf hashes of an export, appended in leaf order to a temporary file (32 bytes per leaf),
 * so that an audit of any size can later look up old event hashes (to tell a replay from a fork)
 * and generate consistency proofs as evidence, without holding the tree in memory. The file is
 * deleted on {@link #close()}.
 *
 * <p>Not thread-safe: one auditor appends and reads.
 */
final class LeafHashFile implements HashSource, AutoCloseable {
    private static final int BUFFERED_HASHES = 2048;

    private final FileChannel channel;
    private final ByteBuffer pending = ByteBuffer.allocate(BUFFERED_HASHES * Sha256Digest.LENGTH);
    private long flushed;
    private long size;

    private LeafHashFile(FileChannel channel) {
        this.channel = channel;
    }

    /** Creates an empty store in a new temporary file, deleted on close. */
    static LeafHashFile createTemporary() throws IOException {
        Path path = Files.createTempFile("oversight-audit-", ".leafhashes");
        return new LeafHashFile(FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE));
    }

    /** Appends the hash of leaf {@link #size()}. */
    void append(Sha256Digest leafHash) throws IOException {
        if (!pending.hasRemaining()) {
            flush();
        }
        pending.put(leafHash.toByteArray());
        size++;
    }

    private void flush() throws IOException {
        pending.flip();
        long position = flushed * Sha256Digest.LENGTH;
        while (pending.hasRemaining()) {
            position += channel.write(pending, position);
        }
        pending.clear();
        flushed = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Sha256Digest leafHash(long index) throws HashSourceException {
        return leafHashes(index, index + 1).get(0);
    }

    @Override
    public List<Sha256Digest> leafHashes(long start, long end) throws HashSourceException {
        if (start < 0 || start > end || end > size || end - start > MAX_BATCH) {
            throw new IllegalArgumentException("leaf range [" + start + ", " + end + ") outside size " + size
                    + " or longer than " + MAX_BATCH);
        }
        try {
            if (end > flushed) {
                flush();
            }
            ByteBuffer buf = ByteBuffer.allocate((int) (end - start) * Sha256Digest.LENGTH);
            long position = start * Sha256Digest.LENGTH;
            while (buf.hasRemaining()) {
                int n = channel.read(buf, position + buf.position());
                if (n < 0) {
                    throw new HashSourceException("leaf hash file ends before leaf " + end);
                }
            }
            List<Sha256Digest> out = new ArrayList<>((int) (end - start));
            byte[] hash = new byte[Sha256Digest.LENGTH];
            buf.flip();
            while (buf.hasRemaining()) {
                buf.get(hash);
                out.add(Sha256Digest.of(hash));
            }
            return out;
        } catch (IOException e) {
            throw new HashSourceException("reading leaf hashes [" + start + ", " + end + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
