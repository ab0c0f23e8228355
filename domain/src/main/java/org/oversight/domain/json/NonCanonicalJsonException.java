package org.oversight.domain.json;

/**
 * The input is valid JSON but not the canonical encoding of its value (docs/format.md §1):
 * whitespace, unsorted or duplicate member names, a non-minimal escape, a fraction, exponent,
 * {@code -0}, an integer beyond ±(2<sup>53</sup>−1), or a byte order mark. The message names the
 * byte offset and what was found there.
 */
public final class NonCanonicalJsonException extends JsonException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    public NonCanonicalJsonException(long offset, String problem) {
        super("non-canonical JSON at offset " + offset + ": " + problem);
        this.offset = offset;
    }

    /** Byte offset of the first non-canonical input byte. */
    public long offset() {
        return offset;
    }
}
