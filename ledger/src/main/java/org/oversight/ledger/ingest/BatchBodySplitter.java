package org.oversight.ledger.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Splits a batch body of the form {@code [{…},{…},…]} (no whitespace) into the bytes of its
 * elements without building a JSON tree, so that each envelope is parsed once (by
 * {@code SignedEvent.parse}) instead of three times (tree of the whole body, re-encoding, parse).
 *
 * <p>This is only a fast path: it finds element boundaries by tracking strings (with escapes) and
 * bracket depth and checks nothing else. The caller must parse every element with a canonical
 * parser; if any element fails, or {@link #split} returns empty, the caller must fall back to
 * parsing the whole body, which then reports the exact problem. Why that is equivalent: a body
 * whose elements are each canonical JSON objects, joined by commas without whitespace inside
 * brackets, is itself canonical JSON (RFC 8785 serialises an array element exactly as the element
 * alone), and its elements' canonical encodings are exactly these slices. Used for event batches and
 * for the vault's blob batches ({@code POST /v1/vault/blobs}).
 */
public final class BatchBodySplitter {
    private BatchBodySplitter() {}

    /**
     * The elements' bytes, or empty if {@code body} is not exactly {@code [} object ({@code ,}
     * object)* {@code ]} at the level of brackets and strings, or has more than {@code maxElements}.
     */
    public static Optional<List<byte[]>> split(byte[] body, int maxElements) {
        int n = body.length;
        if (n < 4 || body[0] != '[' || body[n - 1] != ']') {
            return Optional.empty();
        }
        List<byte[]> elements = new ArrayList<>();
        int i = 1;
        while (true) {
            if (body[i] != '{') {
                return Optional.empty();
            }
            int end = endOfObject(body, i, n - 1);
            if (end < 0 || elements.size() == maxElements) {
                return Optional.empty();
            }
            elements.add(Arrays.copyOfRange(body, i, end));
            if (end == n - 1) {
                return Optional.of(elements);
            }
            if (body[end] != ',' || end + 1 >= n - 1) {
                return Optional.empty();
            }
            i = end + 1;
        }
    }

    /** Index just after the object starting at {@code start}, or -1 if it does not close before {@code limit}. */
    private static int endOfObject(byte[] b, int start, int limit) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < limit; i++) {
            byte c = b[i];
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return c == '}' ? i + 1 : -1;
                }
                if (depth < 0) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
