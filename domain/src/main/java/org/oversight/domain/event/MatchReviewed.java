package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.json.JsonObject;

/**
 * A human review of a proposed match (docs/format.md §4.8, rule R1). Stream {@code match/<match>},
 * seq ≥ 1. Signed by a reviewer; the reviewer is the signer key's principal.
 *
 * @param match the match case id (equals the stream id)
 * @param verdict confirm, reject or inconclusive
 * @param rationale the reviewer's reasons, 1–4096 code points
 */
public record MatchReviewed(String match, Verdict verdict, String rationale) implements EventPayload {
    private static final Set<String> FIELDS = Set.of("match", "verdict", "rationale");

    public MatchReviewed {
        String m = match;
        String r = rationale;
        Values.present("$.verdict", verdict);
        Values.unchecked(() -> check("$", m, r));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static MatchReviewed fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String match = Fields.string(o, "match");
        String rationale = Fields.string(o, "rationale");
        check(o.path(), match, rationale);
        Verdict verdict = Verdict.fromWireName(Fields.path(o, "verdict"), Fields.string(o, "verdict"));
        return new MatchReviewed(match, verdict, rationale);
    }

    private static void check(String at, String match, String rationale) throws InvalidEventException {
        Values.identifier(at + ".match", match);
        Values.text(at + ".rationale", rationale, 4096);
    }

    @Override
    public EventType type() {
        return EventType.MATCH_REVIEWED;
    }

    @Override
    public StreamId stream() {
        return StreamId.match(match);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("match", match)
                .put("verdict", verdict.wireName())
                .put("rationale", rationale)
                .build();
    }
}
