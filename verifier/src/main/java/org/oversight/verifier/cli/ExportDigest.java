package org.oversight.verifier.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.oversight.verifier.report.Plural;

/**
 * Passes the export through while taking its SHA-256 and length, for the report's provenance: a
 * reader can check that the report speaks of the very bytes they hold.
 */
final class ExportDigest extends FilterInputStream {
    private final MessageDigest sha;
    private long bytes;

    ExportDigest(InputStream in) {
        super(in);
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sha.update((byte) b);
            bytes++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = in.read(buffer, off, len);
        if (n > 0) {
            sha.update(buffer, off, n);
            bytes += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must be hashed too.
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** "sha256 HEX, N bytes" of everything read so far (call once, after reading to the end). */
    String describe() {
        return "sha256 " + HexFormat.of().formatHex(sha.digest()) + ", " + Plural.of(bytes, "byte");
    }
}
