package org.oversight.domain.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.oversight.domain.checkpoint.MalformedCheckpointException;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.note.MalformedNoteException;

/**
 * Reads a log export (docs/format.md §10) as a stream: the header first, then the leaves one at a
 * time, in constant memory.
 *
 * <p>It checks framing only — that the header is canonical, that there are exactly
 * {@code treeSize} leaf lines, each within {@link LogExport#MAX_LEAF_BYTES}, and nothing after
 * them. It does not verify the checkpoint's signature or that the leaves hash to its root: that is
 * the verifier's job, stage by stage.
 *
 * <p>Reads the input in bulk into its own buffer (so wrapping it in a buffered stream is not
 * needed) and scans for line ends in that array: a 170 MB export is framed in well under a second.
 * Memory is the buffer: {@value #BUFFER_BYTES} bytes, grown only for a header line longer than that
 * (up to {@link LogExport#MAX_HEADER_BYTES}). Not thread-safe.
 */
public final class LogExportReader {
    /** Initial buffer size: many leaves per read, and always room for one whole leaf line. */
    static final int BUFFER_BYTES = 1 << 18;

    private final InputStream in;
    private byte[] buf = new byte[BUFFER_BYTES];
    /** The unread bytes are {@code buf[pos, limit)}. */
    private int pos;
    private int limit;
    private boolean eof;
    private final SignedCheckpoint checkpoint;
    private final long treeSize;
    private long nextLeaf;
    private long line = 1;

    /**
     * Reads and parses the header line.
     *
     * @throws MalformedExportException if the header is missing, not canonical JSON, of the wrong
     *     format, or its checkpoint is not a well-formed signed checkpoint note
     */
    public LogExportReader(InputStream in) throws IOException, MalformedExportException {
        this.in = Objects.requireNonNull(in, "in");
        byte[] headerLine = readLine(LogExport.MAX_HEADER_BYTES, -1);
        if (headerLine == null) {
            throw new MalformedExportException(1, "empty input: no header line");
        }
        JsonObject header;
        try {
            if (!(CanonicalJson.parseCanonical(headerLine, new JsonLimits(4, LogExport.MAX_HEADER_BYTES))
                    instanceof JsonObject object)) {
                throw new MalformedExportException(1, "header is not a JSON object");
            }
            header = object;
            header.requireOnly(Set.of("checkpoint", "format"));
            String format = header.requireString("format");
            if (!LogExport.FORMAT.equals(format)) {
                throw new MalformedExportException(1, "format '" + format + "' is not '" + LogExport.FORMAT + "'");
            }
            checkpoint = SignedCheckpoint.parse(header.requireString("checkpoint").getBytes(StandardCharsets.UTF_8));
        } catch (JsonException e) {
            throw new MalformedExportException(1, "header: " + e.getMessage(), e);
        } catch (MalformedNoteException | MalformedCheckpointException e) {
            throw new MalformedExportException(1, "header checkpoint: " + e.getMessage(), e);
        }
        treeSize = checkpoint.checkpoint().size();
    }

    /** The checkpoint from the header, parsed but NOT verified. */
    public SignedCheckpoint checkpoint() {
        return checkpoint;
    }

    /** Number of leaves the export must carry (the checkpoint's size). */
    public long treeSize() {
        return treeSize;
    }

    /** Index of the leaf {@link #nextLeaf()} returns next. */
    public long position() {
        return nextLeaf;
    }

    /**
     * The next leaf's bytes, or {@code null} after the last one (having checked that nothing
     * follows).
     *
     * @throws MalformedExportException if the input ends early, a leaf line is empty or too long,
     *     or data follows the last leaf
     */
    public byte[] nextLeaf() throws IOException, MalformedExportException {
        if (nextLeaf == treeSize) {
            if (pos == limit) {
                fill();
            }
            if (pos < limit) {
                throw new MalformedExportException(line, "data after the last leaf (tree size " + treeSize + ")");
            }
            return null;
        }
        byte[] leaf = readLine(LogExport.MAX_LEAF_BYTES, nextLeaf);
        if (leaf == null) {
            throw new MalformedExportException(line, "input ends after " + nextLeaf + " leaves; checkpoint covers "
                    + treeSize);
        }
        if (leaf.length == 0) {
            throw new MalformedExportException(line - 1, "leaf " + nextLeaf + " is empty");
        }
        nextLeaf++;
        return leaf;
    }

    /**
     * Reads up to LF; null at clean end of input. The LF itself is required.
     *
     * @param leaf the leaf index the line must hold, −1 for the header (names it in errors)
     */
    private byte[] readLine(int max, long leaf) throws IOException, MalformedExportException {
        int scanned = pos;
        while (true) {
            int lf = indexOfLf(scanned, limit);
            if (lf >= 0) {
                if (lf - pos > max) {
                    throw new MalformedExportException(line, what(leaf) + " is longer than " + max + " bytes");
                }
                byte[] out = Arrays.copyOfRange(buf, pos, lf);
                pos = lf + 1;
                line++;
                return out;
            }
            if (limit - pos > max) {
                throw new MalformedExportException(line, what(leaf) + " is longer than " + max + " bytes");
            }
            if (eof) {
                if (pos == limit) {
                    return null;
                }
                throw new MalformedExportException(line, what(leaf) + " is not terminated by LF");
            }
            int seen = limit - pos;
            fill();
            scanned = pos + seen;
        }
    }

    private static String what(long leaf) {
        return leaf < 0 ? "header" : "leaf " + leaf;
    }

    private int indexOfLf(int from, int to) {
        byte[] b = buf;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Moves the unread bytes to the front (growing the buffer if they fill it) and reads more after
     * them; sets {@code eof} at the end of the input. Reads at least one byte unless at the end.
     */
    private void fill() throws IOException {
        int unread = limit - pos;
        if (unread == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, unread);
            pos = 0;
            limit = unread;
        }
        int n;
        do {
            n = in.read(buf, limit, buf.length - limit);
        } while (n == 0);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }
}
