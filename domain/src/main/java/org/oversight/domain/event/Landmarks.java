package org.oversight.domain.event;

import java.util.Arrays;
import java.util.Objects;
import org.oversight.domain.json.JsonArray;

/**
 * The 68 facial landmarks of a detection (docs/format.md §4.7), in the iBUG 300-W order the
 * landmark model outputs. Each coordinate is an integer in units of 1/{@value #SCALE} pixel
 * (pixel coordinate × {@value #SCALE}, rounded by the emitter), so no floating point is signed.
 * On the wire: an array of 68 two-element arrays {@code [x, y]}.
 */
public final class Landmarks {
    /** Number of landmark points. */
    public static final int POINTS = 68;
    /** Sub-pixel scale: a coordinate of {@code c} means {@code c / SCALE} pixels. */
    public static final int SCALE = 64;

    private final int[] xy;

    private Landmarks(int[] xy) {
        this.xy = xy;
    }

    /**
     * Landmarks from a copy of {@code xy} = {@code [x0, y0, x1, y1, …]}, 136 values.
     *
     * @throws IllegalArgumentException if {@code xy.length != 136}
     */
    public static Landmarks of(int[] xy) {
        Objects.requireNonNull(xy, "xy");
        if (xy.length != 2 * POINTS) {
            throw new IllegalArgumentException("landmark coordinates " + xy.length + " != " + 2 * POINTS);
        }
        return new Landmarks(xy.clone());
    }

    /**
     * Reads and validates the landmark array.
     *
     * @throws InvalidEventException naming the path and value of the first invalid element
     */
    public static Landmarks fromJson(JsonArray a) throws InvalidEventException {
        if (a.size() != POINTS) {
            throw new InvalidEventException(a.path(), a.size() + " points", "landmarks must have exactly " + POINTS + " points");
        }
        int[] xy = new int[2 * POINTS];
        for (int i = 0; i < POINTS; i++) {
            JsonArray point = Fields.arrayAt(a, i, 2);
            xy[2 * i] = (int) Fields.integerAt(point, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
            xy[2 * i + 1] = (int) Fields.integerAt(point, 1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return new Landmarks(xy);
    }

    /** x of point {@code i}, in 1/{@value #SCALE} pixel. */
    public int x(int i) {
        Objects.checkIndex(i, POINTS);
        return xy[2 * i];
    }

    /** y of point {@code i}, in 1/{@value #SCALE} pixel. */
    public int y(int i) {
        Objects.checkIndex(i, POINTS);
        return xy[2 * i + 1];
    }

    /** A copy of all coordinates, {@code [x0, y0, x1, y1, …]}. */
    public int[] toArray() {
        return xy.clone();
    }

    /** The landmarks as a JSON array of {@code [x, y]} pairs. */
    public JsonArray toJson() {
        JsonArray.Builder b = JsonArray.builder();
        for (int i = 0; i < POINTS; i++) {
            b.add(JsonArray.ofLongs(xy[2 * i], xy[2 * i + 1]));
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Landmarks other && Arrays.equals(xy, other.xy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        return "Landmarks" + Arrays.toString(Arrays.copyOf(xy, 4)).replace("]", ", …]");
    }
}
