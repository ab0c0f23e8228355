package org.oversight.domain.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;

/**
 * The engine performed a retrospective search (docs/format.md §4.10, rule R4(b)): it searched
 * {@code searched} detections (the searchable set S) and found {@code hits}. Stream
 * {@code search/<search>}, seq 1 only. Signed by the engine.
 *
 * @param search the search id (equals the stream id)
 * @param searched how many detections were searched, 0 to 2^53−1 (= |S|, a rule)
 * @param hits 0–4,096 hits, strictly increasing {@code detection.leafIndex}
 * @param threshold the threshold applied, as {@code MatchProposed.threshold} (the policy's, a rule)
 * @param modelId the model whose templates were compared
 * @param engineVersion the engine build, 1–128 chars of {@code [A-Za-z0-9._:@/+-]}
 */
public record RetrospectiveSearchPerformed(String search, long searched, List<SearchHit> hits, long threshold,
        String modelId, String engineVersion) implements EventPayload {
    /** Most hits one event may list. */
    public static final int MAX_HITS = 4_096;
    private static final Set<String> FIELDS = Set.of("search", "searched", "hits", "threshold", "modelId",
            "engineVersion");
    private static final long MAX = JsonNumber.MAX_SAFE_INTEGER;
    private static final long MIN = JsonNumber.MIN_SAFE_INTEGER;

    public RetrospectiveSearchPerformed {
        Values.present("$.hits", hits);
        hits = List.copyOf(hits);
        String s = search;
        long n = searched;
        List<SearchHit> h = hits;
        long t = threshold;
        String m = modelId;
        String v = engineVersion;
        Values.unchecked(() -> check("$", s, n, h, t, m, v));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static RetrospectiveSearchPerformed fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String search = Fields.identifier(o, "search");
        long searched = Fields.integer(o, "searched", 0, MAX);
        JsonArray a = Fields.array(o, "hits", 0, MAX_HITS);
        List<SearchHit> hits = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            hits.add(SearchHit.fromJson(Fields.objectAt(a, i)));
        }
        long threshold = Fields.integer(o, "threshold", MIN, MAX);
        String modelId = Fields.modelId(o, "modelId");
        String engineVersion = Fields.string(o, "engineVersion");
        check(o.path(), search, searched, hits, threshold, modelId, engineVersion);
        return new RetrospectiveSearchPerformed(search, searched, hits, threshold, modelId, engineVersion);
    }

    private static void check(String at, String search, long searched, List<SearchHit> hits, long threshold,
            String modelId, String engineVersion) throws InvalidEventException {
        Values.identifier(at + ".search", search);
        Values.range(at + ".searched", searched, 0, MAX);
        if (hits.size() > MAX_HITS) {
            throw new InvalidEventException(at + ".hits", hits.size() + " hits", "not 0.." + MAX_HITS);
        }
        for (int i = 1; i < hits.size(); i++) {
            long previous = hits.get(i - 1).detection().leafIndex();
            if (hits.get(i).detection().leafIndex() <= previous) {
                throw new InvalidEventException(at + ".hits[" + i + "].detection.leafIndex",
                        hits.get(i).detection().leafIndex(), "not after the previous leafIndex " + previous
                                + " (strictly increasing, no duplicates)");
            }
        }
        Values.range(at + ".threshold", threshold, MIN, MAX);
        Values.modelId(at + ".modelId", modelId);
        Values.engineVersion(at + ".engineVersion", engineVersion);
    }

    @Override
    public EventType type() {
        return EventType.RETROSPECTIVE_SEARCH_PERFORMED;
    }

    @Override
    public StreamId stream() {
        return StreamId.search(search);
    }

    @Override
    public JsonObject toJson() {
        JsonArray.Builder h = JsonArray.builder();
        for (SearchHit hit : hits) {
            h.add(hit.toJson());
        }
        return JsonObject.builder()
                .put("search", search)
                .put("searched", searched)
                .put("hits", h.build())
                .put("threshold", threshold)
                .put("modelId", modelId)
                .put("engineVersion", engineVersion)
                .build();
    }
}
