package org.oversight.domain.json;

import java.util.Optional;

/**
 * A well-formed JSON value does not fit the shape a caller maps it to: a required member is
 * missing, has the wrong type or range, or an unexpected member is present. The message names the
 * member's path (e.g. {@code $.header.seq}) and the offending value.
 */
public final class JsonFieldException extends JsonException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final transient JsonValue found;

    public JsonFieldException(String path, String problem, JsonValue found) {
        super("field " + path + ": " + problem + (found == null ? "" : ", found " + Describe.value(found)));
        this.path = path;
        this.found = found;
    }

    /** Path of the offending member, {@code $} being the root value. */
    public String path() {
        return path;
    }

    /** The offending value, if there is one (absent for a missing member). */
    public Optional<JsonValue> found() {
        return Optional.ofNullable(found);
    }
}
