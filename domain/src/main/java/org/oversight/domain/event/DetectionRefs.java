package org.oversight.domain.event;

import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.json.JsonArray;

/** Lists of detection references in strictly increasing leaf order (one form per set, format.md §4.9). */
final class DetectionRefs {
    private DetectionRefs() {}

    static List<DetectionRef> parse(JsonArray a) throws InvalidEventException {
        List<DetectionRef> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(DetectionRef.fromJson(Fields.objectAt(a, i)));
        }
        return out;
    }

    /** Checks size and strictly increasing {@code leafIndex}; {@code at} is the array's path. */
    static void check(String at, List<DetectionRef> refs, int min, int max) throws InvalidEventException {
        if (refs.size() < min || refs.size() > max) {
            throw new InvalidEventException(at, refs.size() + " detections", "not " + min + ".." + max);
        }
        for (int i = 1; i < refs.size(); i++) {
            if (refs.get(i).leafIndex() <= refs.get(i - 1).leafIndex()) {
                throw new InvalidEventException(at + "[" + i + "].leafIndex", refs.get(i).leafIndex(),
                        "not after the previous leafIndex " + refs.get(i - 1).leafIndex()
                                + " (strictly increasing, no duplicates)");
            }
        }
    }

    static JsonArray toJson(List<DetectionRef> refs) {
        JsonArray.Builder b = JsonArray.builder();
        for (DetectionRef r : refs) {
            b.add(r.toJson());
        }
        return b.build();
    }
}
