package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.json.JsonObject;

/**
 * The action taken on a match (docs/format.md §4.8, rule R1: it must follow the required
 * confirmations). Stream {@code match/<match>}, seq ≥ 1. Signed by an officer.
 *
 * @param match the match case id (equals the stream id)
 * @param action what was done, a token (e.g. {@code stop-and-speak}, {@code arrest}, {@code no-action})
 * @param reference the case or incident reference, 1–256 code points
 */
public record MatchActioned(String match, String action, String reference) implements EventPayload {
    private static final Set<String> FIELDS = Set.of("match", "action", "reference");

    public MatchActioned {
        String m = match;
        String a = action;
        String r = reference;
        Values.unchecked(() -> check("$", m, a, r));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static MatchActioned fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String match = Fields.string(o, "match");
        String action = Fields.string(o, "action");
        String reference = Fields.string(o, "reference");
        check(o.path(), match, action, reference);
        return new MatchActioned(match, action, reference);
    }

    private static void check(String at, String match, String action, String reference) throws InvalidEventException {
        Values.identifier(at + ".match", match);
        Values.token(at + ".action", action);
        Values.text(at + ".reference", reference, 256);
    }

    @Override
    public EventType type() {
        return EventType.MATCH_ACTIONED;
    }

    @Override
    public StreamId stream() {
        return StreamId.match(match);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("match", match)
                .put("action", action)
                .put("reference", reference)
                .build();
    }
}
