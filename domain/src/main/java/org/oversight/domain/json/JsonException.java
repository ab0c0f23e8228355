package org.oversight.domain.json;

/**
 * Base of every checked exception for JSON input that Oversight refuses: bytes that are not JSON
 * ({@link MalformedJsonException}), JSON that is not in canonical form
 * ({@link NonCanonicalJsonException}), and well-formed values that do not fit the schema a caller
 * maps them to ({@link JsonFieldException}).
 */
public class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
