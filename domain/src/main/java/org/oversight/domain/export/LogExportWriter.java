package org.oversight.domain.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonObject;

/**
 * Streams a log export: the header with the signed checkpoint, then each leaf on its own line.
 * It holds nothing but a counter, so exports of any size stream in constant memory.
 *
 * <p>Precondition: the caller writes exactly the checkpoint's {@code size} leaves, in leaf order;
 * {@link #finish()} checks the count.
 */
public final class LogExportWriter {
    private final OutputStream out;
    private final long treeSize;
    private long written;

    /**
     * Writes the header line now.
     *
     * @throws IllegalArgumentException if the header line (LF excluded) would exceed
     *     {@link LogExport#MAX_HEADER_BYTES}, which readers refuse (a checkpoint note with very many
     *     or very long lines); nothing is written then
     */
    public LogExportWriter(OutputStream out, SignedCheckpoint checkpoint) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.treeSize = checkpoint.checkpoint().size();
        JsonObject header = JsonObject.builder()
                .put("checkpoint", new String(checkpoint.toBytes(), StandardCharsets.UTF_8))
                .put("format", LogExport.FORMAT)
                .build();
        byte[] line = CanonicalJson.encode(header);
        if (line.length > LogExport.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("export header of " + line.length + " bytes > "
                    + LogExport.MAX_HEADER_BYTES);
        }
        out.write(line);
        out.write('\n');
    }

    /**
     * Writes the next leaf.
     *
     * @throws IllegalArgumentException if the leaf contains an LF or exceeds
     *     {@link LogExport#MAX_LEAF_BYTES}, or if more than {@code treeSize} leaves are written
     */
    public void writeLeaf(byte[] leafBytes) throws IOException {
        if (written >= treeSize) {
            throw new IllegalArgumentException("leaf " + written + " >= tree size " + treeSize);
        }
        if (leafBytes.length > LogExport.MAX_LEAF_BYTES) {
            throw new IllegalArgumentException("leaf " + written + " has " + leafBytes.length + " bytes > "
                    + LogExport.MAX_LEAF_BYTES);
        }
        for (byte b : leafBytes) {
            if (b == '\n') {
                throw new IllegalArgumentException("leaf " + written + " contains an LF; leaves are canonical JSON");
            }
        }
        out.write(leafBytes);
        out.write('\n');
        written++;
    }

    /**
     * Flushes and checks that exactly {@code treeSize} leaves were written.
     *
     * @throws IllegalStateException if fewer leaves were written than the checkpoint covers
     */
    public void finish() throws IOException {
        out.flush();
        if (written != treeSize) {
            throw new IllegalStateException("wrote " + written + " leaves, checkpoint covers " + treeSize);
        }
    }
}
