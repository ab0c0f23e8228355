package org.oversight.domain.json;

/**
 * Resource limits for the parsers, checked before any work proportional to the violation is done.
 *
 * @param maxDepth maximum nesting of arrays and objects (a scalar at top level has depth 0); at
 *     most {@value #DEPTH_CEILING} so that recursion can never exhaust the stack
 * @param maxBytes maximum input length in bytes (in chars for a reader of text)
 */
public record JsonLimits(int maxDepth, int maxBytes) {
    /** Hard ceiling on {@link #maxDepth}, well inside the default thread stack. */
    public static final int DEPTH_CEILING = 1000;

    /**
     * Depth 64, 4 MiB: for JSON without limits of its own. Signed documents use theirs (envelope
     * 1 MiB/8, export header 1 MiB/4, bundle 16 MiB/11: docs/format.md §1.3).
     */
    public static final JsonLimits DEFAULT = new JsonLimits(64, 4 << 20);

    /** @throws IllegalArgumentException if a limit is out of range */
    public JsonLimits {
        if (maxDepth < 1 || maxDepth > DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth " + maxDepth + " not in [1, " + DEPTH_CEILING + "]");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " < 1");
        }
    }
}
