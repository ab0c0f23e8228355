package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;

/**
 * The recognition engine proposes a match (docs/format.md §4.8, rule R2). Stream
 * {@code match/<match>}, seq 0 only. Signed by the engine.
 *
 * @param match the match case id (equals the stream id)
 * @param detection the detection matched
 * @param candidateEntry the watchlist entry id matched
 * @param score the exact integer score: squared distance between the detection's and the entry's
 *     int8 templates (format.md §9.5; lower is closer). Whether it passes {@code threshold}, and
 *     whether that threshold is the policy's, is rule R6, judged with the policy in force
 *     ({@code org.oversight.domain.policy.RuleBook}), not by the parser
 * @param threshold the threshold applied (from the policy in force)
 * @param watchlistSnapshot the watchlist snapshot searched
 * @param modelId the model whose templates were compared
 * @param engineVersion the engine build, 1–128 chars of {@code [A-Za-z0-9._:@/+-]}
 */
public record MatchProposed(
        String match,
        DetectionRef detection,
        String candidateEntry,
        long score,
        long threshold,
        SnapshotRef watchlistSnapshot,
        String modelId,
        String engineVersion)
        implements EventPayload {
    private static final Set<String> FIELDS = Set.of("match", "detection", "candidateEntry", "score", "threshold",
            "watchlistSnapshot", "modelId", "engineVersion");
    private static final long MAX = JsonNumber.MAX_SAFE_INTEGER;
    private static final long MIN = JsonNumber.MIN_SAFE_INTEGER;

    public MatchProposed {
        String m = match;
        String c = candidateEntry;
        long s = score;
        long t = threshold;
        String mo = modelId;
        String v = engineVersion;
        Values.present("$.detection", detection);
        Values.present("$.watchlistSnapshot", watchlistSnapshot);
        Values.unchecked(() -> check("$", m, c, s, t, mo, v));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static MatchProposed fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String match = Fields.string(o, "match");
        String candidate = Fields.string(o, "candidateEntry");
        long score = Fields.integer(o, "score", MIN, MAX);
        long threshold = Fields.integer(o, "threshold", MIN, MAX);
        String modelId = Fields.string(o, "modelId");
        String engineVersion = Fields.string(o, "engineVersion");
        check(o.path(), match, candidate, score, threshold, modelId, engineVersion);
        DetectionRef detection = DetectionRef.fromJson(Fields.object(o, "detection"));
        SnapshotRef snapshot = SnapshotRef.fromJson(Fields.object(o, "watchlistSnapshot"));
        return new MatchProposed(match, detection, candidate, score, threshold, snapshot, modelId, engineVersion);
    }

    private static void check(String at, String match, String candidate, long score, long threshold,
            String modelId, String engineVersion) throws InvalidEventException {
        Values.identifier(at + ".match", match);
        Values.identifier(at + ".candidateEntry", candidate);
        Values.range(at + ".score", score, MIN, MAX);
        Values.range(at + ".threshold", threshold, MIN, MAX);
        Values.modelId(at + ".modelId", modelId);
        Values.engineVersion(at + ".engineVersion", engineVersion);
    }

    @Override
    public EventType type() {
        return EventType.MATCH_PROPOSED;
    }

    @Override
    public StreamId stream() {
        return StreamId.match(match);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("match", match)
                .put("detection", detection.toJson())
                .put("candidateEntry", candidateEntry)
                .put("score", score)
                .put("threshold", threshold)
                .put("watchlistSnapshot", watchlistSnapshot.toJson())
                .put("modelId", modelId)
                .put("engineVersion", engineVersion)
                .build();
    }
}
