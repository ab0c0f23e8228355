package org.oversight.recognition.align;

import org.oversight.recognition.landmarks.FaceLandmarks68;

/**
 * face-api's {@code FaceLandmarks.alignDlib()}, the rectangle face-api cuts out for face
 * descriptors ({@code withFaceDescriptors()} passes {@code useDlibAlignment: true}), in double
 * arithmetic exactly as face-api evaluates it:
 *
 * <pre>
 *   L, R, M   = centres (sum in index order from (0, 0), divided by the count) of points
 *               36..41 (left eye), 42..47 (right eye), 48..67 (mouth)
 *   d(P)      = sqrt((M.x - P.x)^2 + (M.y - P.y)^2)
 *   size      = floor(((d(L) + d(R)) / 2) / 0.45)
 *   C         = centre of (L, R, M)
 *   x         = floor(max(0, C.x - 0.5 * size)),  y = floor(max(0, C.y - 0.43 * size))
 *   rectangle = (x, y, min(size, regionWidth + x), min(size, regionHeight + y))
 * </pre>
 *
 * where regionWidth/Height are those of the face region the landmarks were predicted on (face-api
 * passes the landmarks' own image dimensions, which are the face crop's; the {@code + x} is
 * face-api's, kept for compatibility).
 */
public final class DlibAlignment {
    private static final double REL_X = 0.5;
    private static final double REL_Y = 0.43;
    private static final double REL_SCALE = 0.45;

    private DlibAlignment() {}

    /** The aligned rectangle {@code [x, y, width, height]}; all four are integers (as doubles). */
    public static double[] rectangle(FaceLandmarks68 landmarks) {
        double[] left = centre(landmarks, 36, 42);
        double[] right = centre(landmarks, 42, 48);
        double[] mouth = centre(landmarks, 48, 68);
        double eyeToMouth = (distance(mouth, left) + distance(mouth, right)) / 2;
        double size = Math.floor(eyeToMouth / REL_SCALE);
        double cx = ((0 + left[0]) + right[0] + mouth[0]) / 3;
        double cy = ((0 + left[1]) + right[1] + mouth[1]) / 3;
        double x = Math.floor(Math.max(0, cx - REL_X * size));
        double y = Math.floor(Math.max(0, cy - REL_Y * size));
        double w = Math.min(size, landmarks.region().width() + x);
        double h = Math.min(size, landmarks.region().height() + y);
        return new double[] {x, y, w, h};
    }

    private static double[] centre(FaceLandmarks68 lm, int from, int to) {
        double sx = 0;
        double sy = 0;
        for (int i = from; i < to; i++) {
            sx = sx + lm.x(i);
            sy = sy + lm.y(i);
        }
        int n = to - from;
        return new double[] {sx / n, sy / n};
    }

    private static double distance(double[] m, double[] p) {
        double dx = m[0] - p[0];
        double dy = m[1] - p[1];
        return Math.sqrt(dx * dx + dy * dy);
    }
}
