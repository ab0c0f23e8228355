package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;

/**
 * One hit of a retrospective search (docs/format.md §4.10): a detection and its score against the
 * searched entry, as {@code MatchProposed.score} (format.md §9.5: the minimum exact squared
 * distance to the entry's templates; lower is closer). Whether it is right is rule R4(b).
 *
 * @param detection the detection hit
 * @param score its score, an integer within ±(2^53−1)
 */
public record SearchHit(DetectionRef detection, long score) {
    private static final Set<String> FIELDS = Set.of("detection", "score");
    private static final long MAX = JsonNumber.MAX_SAFE_INTEGER;
    private static final long MIN = JsonNumber.MIN_SAFE_INTEGER;

    public SearchHit {
        Values.present("$.detection", detection);
        long s = score;
        Values.unchecked(() -> Values.range("$.score", s, MIN, MAX));
    }

    /**
     * Reads and validates a hit object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static SearchHit fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        DetectionRef detection = DetectionRef.fromJson(Fields.object(o, "detection"));
        long score = Fields.integer(o, "score", MIN, MAX);
        return new SearchHit(detection, score);
    }

    /** The hit as a JSON object. */
    public JsonObject toJson() {
        return JsonObject.builder().put("detection", detection.toJson()).put("score", score).build();
    }
}
