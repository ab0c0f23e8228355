package org.oversight.recognition.detect;

/**
 * An axis-aligned rectangle in image pixel coordinates (x right, y down, origin at the top-left
 * corner of the top-left pixel), as face-api's {@code Box}: doubles, exactly the values face-api
 * computes. {@link #toMilli()} gives the integer form the golden files compare; a signed
 * {@code FaceDetected} carries whole pixels (docs/format.md §4.7, §9).
 */
public record FaceBox(double x, double y, double width, double height) {
    /** Fixed-point scale of the golden files' integer form: 1/1000 pixel. */
    public static final int MILLI = 1000;

    /** {@code [x, y, width, height]} in thousandths of a pixel, each {@link #toMilli(double) rounded}. */
    public long[] toMilli() {
        return new long[] {toMilli(x), toMilli(y), toMilli(width), toMilli(height)};
    }

    /**
     * {@code floor(v * 1000 + 0.5)} in double arithmetic: round half up to the nearest thousandth
     * of a pixel.
     */
    public static long toMilli(double v) {
        return (long) Math.floor(v * MILLI + 0.5);
    }

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }
}
