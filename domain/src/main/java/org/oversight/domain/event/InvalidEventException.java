package org.oversight.domain.event;

import org.oversight.domain.json.JsonFieldException;

/**
 * An event's bytes or fields do not conform to docs/format.md §3–§4.
 *
 * <p>Checked: every caller that parses untrusted input must decide what to do with a bad event.
 * The message always names the offending field's path from the envelope root (e.g.
 * {@code $.payload.faceBox.width}) and the offending value, so a rejected submission can be
 * diagnosed from the message alone.
 */
public class InvalidEventException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int MAX_VALUE_CHARS = 80;

    private final String path;

    /** A field-level problem: {@code path} is the JSON path, {@code value} the offending value. */
    public InvalidEventException(String path, Object value, String problem) {
        super("field " + path + ": " + problem + ", found " + quote(value));
        this.path = path;
    }

    /** A problem with the input as a whole (e.g. not canonical JSON) or with a cause to keep. */
    public InvalidEventException(String path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** The JSON model's field error, with its path and message unchanged. */
    static InvalidEventException of(JsonFieldException e) {
        return new InvalidEventException(e.path(), e.getMessage(), e);
    }

    /** The JSON path of the offending field; {@code $} for the whole envelope. */
    public String path() {
        return path;
    }

    static String quote(Object value) {
        if (value == null) {
            return "nothing";
        }
        String s = value instanceof String str ? "\"" + str + "\"" : String.valueOf(value);
        if (s.length() > MAX_VALUE_CHARS) {
            return s.substring(0, MAX_VALUE_CHARS) + "…(" + s.length() + " chars)";
        }
        return s;
    }
}
