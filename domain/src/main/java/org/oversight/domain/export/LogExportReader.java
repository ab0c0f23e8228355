package org.oversight.domain.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 */
public final class LogExportReader {
    private final InputStream in;
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
        byte[] headerLine = readLine(LogExport.MAX_HEADER_BYTES, "header");
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
            int extra = in.read();
            if (extra != -1) {
                throw new MalformedExportException(line, "data after the last leaf (tree size " + treeSize + ")");
            }
            return null;
        }
        byte[] leaf = readLine(LogExport.MAX_LEAF_BYTES, "leaf " + nextLeaf);
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

    /** Reads up to LF; null at clean end of input. The LF itself is required. */
    private byte[] readLine(int max, String what) throws IOException, MalformedExportException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        int b = in.read();
        if (b == -1) {
            return null;
        }
        long lineNumber = line;
        while (b != '\n') {
            if (b == -1) {
                throw new MalformedExportException(lineNumber, what + " is not terminated by LF");
            }
            if (buf.size() == max) {
                throw new MalformedExportException(lineNumber, what + " is longer than " + max + " bytes");
            }
            buf.write(b);
            b = in.read();
        }
        line++;
        return buf.toByteArray();
    }
}
