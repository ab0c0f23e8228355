package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.json.JsonObject;

/**
 * A face's bounding box in whole frame pixels (docs/format.md §4.7); it may extend past the frame
 * edges, so {@code x} and {@code y} may be negative.
 *
 * @param x left edge, −2^31 to 2^31−1
 * @param y top edge, −2^31 to 2^31−1
 * @param width 1 to 2^31−1
 * @param height 1 to 2^31−1
 */
public record FaceBox(long x, long y, long width, long height) {
    private static final Set<String> FIELDS = Set.of("x", "y", "width", "height");

    public FaceBox {
        long a = x;
        long b = y;
        long w = width;
        long h = height;
        Values.unchecked(() -> check("$", a, b, w, h));
    }

    /**
     * Reads and validates a box object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static FaceBox fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        long x = Fields.integer(o, "x", Integer.MIN_VALUE, Integer.MAX_VALUE);
        long y = Fields.integer(o, "y", Integer.MIN_VALUE, Integer.MAX_VALUE);
        long w = Fields.integer(o, "width", 1, Integer.MAX_VALUE);
        long h = Fields.integer(o, "height", 1, Integer.MAX_VALUE);
        return new FaceBox(x, y, w, h);
    }

    private static void check(String at, long x, long y, long w, long h) throws InvalidEventException {
        Values.range(at + ".x", x, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Values.range(at + ".y", y, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Values.range(at + ".width", w, 1, Integer.MAX_VALUE);
        Values.range(at + ".height", h, 1, Integer.MAX_VALUE);
    }

    /** The box as a JSON object. */
    public JsonObject toJson() {
        return JsonObject.builder().put("x", x).put("y", y).put("width", width).put("height", height).build();
    }
}
