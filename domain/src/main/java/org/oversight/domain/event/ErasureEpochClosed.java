package org.oversight.domain.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;

/**
 * Closes an erasure epoch (docs/format.md §4.9, §12): the vault has re-wrapped the data keys of
 * the {@code kept} records and destroyed the epoch's private key; every witness recipient destroys
 * its own when it replays this event. Stream {@code epoch/<epoch>}, seq 1 only. Signed by the engine.
 *
 * @param epoch the epoch id (equals the stream id)
 * @param kept 0–65,536 kept records in strictly increasing detection leaf order (the event must
 *     still fit one leaf, format.md §6.1)
 * @param erased the number of the epoch's detections whose data keys were destroyed, 0–2^53−1
 */
public record ErasureEpochClosed(String epoch, List<KeptRecord> kept, long erased) implements EventPayload {
    /** Most kept records one close may list. */
    public static final int MAX_KEPT = 65_536;
    private static final Set<String> FIELDS = Set.of("epoch", "kept", "erased");

    public ErasureEpochClosed {
        Values.present("$.kept", kept);
        kept = List.copyOf(kept);
        String e = epoch;
        List<KeptRecord> k = kept;
        long n = erased;
        Values.unchecked(() -> check("$", e, k, n));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static ErasureEpochClosed fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String epoch = Fields.identifier(o, "epoch");
        JsonArray a = Fields.array(o, "kept", 0, MAX_KEPT);
        List<KeptRecord> kept = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            kept.add(KeptRecord.fromJson(Fields.objectAt(a, i)));
        }
        long erased = Fields.integer(o, "erased", 0, JsonNumber.MAX_SAFE_INTEGER);
        check(o.path(), epoch, kept, erased);
        return new ErasureEpochClosed(epoch, kept, erased);
    }

    private static void check(String at, String epoch, List<KeptRecord> kept, long erased)
            throws InvalidEventException {
        Values.identifier(at + ".epoch", epoch);
        List<DetectionRef> refs = new ArrayList<>(kept.size());
        for (KeptRecord k : kept) {
            refs.add(k.detection());
        }
        DetectionRefs.check(at + ".kept", refs, 0, MAX_KEPT);
        Values.range(at + ".erased", erased, 0, JsonNumber.MAX_SAFE_INTEGER);
    }

    /** The kept detections, in leaf order. */
    public List<DetectionRef> keptDetections() {
        List<DetectionRef> refs = new ArrayList<>(kept.size());
        for (KeptRecord k : kept) {
            refs.add(k.detection());
        }
        return List.copyOf(refs);
    }

    @Override
    public EventType type() {
        return EventType.ERASURE_EPOCH_CLOSED;
    }

    @Override
    public StreamId stream() {
        return StreamId.epoch(epoch);
    }

    @Override
    public JsonObject toJson() {
        JsonArray.Builder a = JsonArray.builder();
        for (KeptRecord k : kept) {
            a.add(k.toJson());
        }
        return JsonObject.builder().put("epoch", epoch).put("kept", a.build()).put("erased", erased).build();
    }
}
