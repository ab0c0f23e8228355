package org.oversight.domain.json;

/**
 * The input is not acceptable JSON at all: a syntax error, invalid UTF-8, a lone surrogate, an
 * exceeded size or depth limit, or (for {@link JsonParser}) a value outside Oversight's integer-only
 * model. The message names the byte offset and what was found there.
 */
public final class MalformedJsonException extends JsonException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    public MalformedJsonException(long offset, String problem) {
        super("malformed JSON at offset " + offset + ": " + problem);
        this.offset = offset;
    }

    /** Offset of the first offending input unit (a byte, for every parser in this package). */
    public long offset() {
        return offset;
    }
}
