package org.oversight.domain.export;

/**
 * Constants of the log export format (docs/format.md §10): one header line — canonical JSON
 * {@code {"checkpoint":"<signed note text>","format":"oversight/export/v1"}} — followed by exactly
 * {@code treeSize} lines, line {@code i + 2} holding the leaf bytes of leaf {@code i}, each line
 * ending in a single LF.
 *
 * <p>Leaf bytes are canonical JSON (RFC 8785), which never contains a raw LF, so every leaf is
 * carried byte for byte with no escaping: the export's lines <em>are</em> the leaves.
 */
public final class LogExport {
    /** The value of the header's {@code format} member. */
    public static final String FORMAT = "oversight/export/v1";

    /** Largest leaf accepted, in bytes, its line's LF not counted; the sequencer refuses larger events (format.md §6). */
    public static final int MAX_LEAF_BYTES = 65_535;

    /** Largest header line (the signed checkpoint note plus framing), in bytes, its LF not counted. */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    private LogExport() {}
}
