package org.oversight.recognition.landmarks;

import org.oversight.recognition.detect.FaceBox;
import org.oversight.recognition.image.PixelRect;

/**
 * The 68 iBUG landmark points of one face in image pixel coordinates (doubles, exactly face-api's
 * {@code landmarks.positions}), with the face region they were predicted from. Point {@code i}
 * is ({@link #x(int)}, {@link #y(int)}); 36..41 left eye, 42..47 right eye, 48..67 mouth.
 * {@link #toMilli()} is the integer form the golden files compare; a signed {@code FaceDetected}
 * carries 1/64 pixel (docs/format.md §4.7, §9).
 */
public final class FaceLandmarks68 {
    /** Number of points. */
    public static final int POINTS = 68;

    private final double[] xs;
    private final double[] ys;
    private final PixelRect region;

    FaceLandmarks68(double[] xs, double[] ys, PixelRect region) {
        if (xs.length != POINTS || ys.length != POINTS) {
            throw new IllegalArgumentException("landmarks need " + POINTS + " points, got " + xs.length + "/" + ys.length);
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.region = region;
    }

    public double x(int i) {
        return xs[i];
    }

    public double y(int i) {
        return ys[i];
    }

    /** The face region (detection box clipped and floored) the landmark net saw. */
    public PixelRect region() {
        return region;
    }

    /** {@code [x0, y0, x1, y1, ...]} in thousandths of a pixel, rounded as {@link FaceBox#toMilli(double)}. */
    public long[] toMilli() {
        long[] out = new long[2 * POINTS];
        for (int i = 0; i < POINTS; i++) {
            out[2 * i] = FaceBox.toMilli(xs[i]);
            out[2 * i + 1] = FaceBox.toMilli(ys[i]);
        }
        return out;
    }
}
