package org.oversight.ops.client;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonParser;
import org.oversight.domain.json.JsonString;
import org.oversight.domain.json.JsonValue;

/**
 * An RFC 9457 problem as the ledger answers it ({@code urn:oversight:problem:<rule>}, docs/ledger.md
 * §1), or the best description of a non-problem error answer.
 *
 * @param status the HTTP status of the answer (which wins over a {@code status} member)
 * @param type the {@code type} URI, or {@code about:blank} if absent
 * @param title the {@code title}, or the empty string
 * @param detail the {@code detail}, or (for a body that is not a problem object) the body's first
 *     200 characters
 */
public record Problem(int status, String type, String title, String detail) {
    private static final String RULE_PREFIX = "urn:oversight:problem:";
    private static final int SNIPPET = 200;

    /**
     * Reads an error answer. Never fails: a body that is not a JSON object with string members is
     * described by its text.
     */
    public static Problem parse(int status, byte[] body) {
        JsonObject o;
        try {
            JsonValue v = JsonParser.parse(body);
            if (!(v instanceof JsonObject obj)) {
                return fallback(status, body);
            }
            o = obj;
        } catch (JsonException e) {
            return fallback(status, body);
        }
        String type = string(o, "type").orElse("about:blank");
        String title = string(o, "title").orElse("");
        String detail = string(o, "detail").orElse("");
        if (!o.has("type") && !o.has("title") && !o.has("detail")) {
            return fallback(status, body);
        }
        return new Problem(status, type, title, detail);
    }

    /** The ledger rule ({@code sequence-gap}, {@code bad-signature}, …) if the type is one of the ledger's. */
    public Optional<String> rule() {
        return type.startsWith(RULE_PREFIX) ? Optional.of(type.substring(RULE_PREFIX.length())) : Optional.empty();
    }

    private static Optional<String> string(JsonObject o, String name) {
        return o.get(name).filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).value());
    }

    private static Problem fallback(int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > SNIPPET) {
            text = text.substring(0, SNIPPET) + "…";
        }
        return new Problem(status, "about:blank", "", text);
    }

    @Override
    public String toString() {
        return status + " " + rule().orElse(type) + (title.isEmpty() ? "" : " (" + title + ")")
                + (detail.isEmpty() ? "" : ": " + detail);
    }
}
