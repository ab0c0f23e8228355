package org.oversight.recognition.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * face-api's SSD non-maximum suppression ({@code ssdMobilenetv1/nonMaxSuppression.ts}), exactly:
 * candidates are the boxes with score strictly above the threshold, ordered by descending score
 * with ties in ascending index order (a stable sort, as V8's); each candidate is kept unless its
 * IoU with an already kept box (checked newest first) exceeds the IoU threshold; at most
 * {@code maxOutput} are kept. IoU is computed in double from the float32 box corners.
 */
public final class NonMaxSuppression {
    private NonMaxSuppression() {}

    /**
     * @param boxes {@code [n][4]} flattened, corners in any order per axis ({@code [y1, x1, y2, x2]})
     * @return indices of the kept boxes in selection order
     */
    public static List<Integer> select(float[] boxes, float[] scores, int maxOutput, double iouThreshold,
            double scoreThreshold) {
        if (boxes.length != 4 * scores.length) {
            throw new IllegalArgumentException("boxes length " + boxes.length + " != 4 * scores length " + scores.length);
        }
        int outputSize = Math.min(maxOutput, scores.length);
        Integer[] candidates = new Integer[scores.length];
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > scoreThreshold) {
                candidates[n++] = i;
            }
        }
        candidates = Arrays.copyOf(candidates, n);
        Arrays.sort(candidates, Comparator.comparingDouble((Integer i) -> -(double) scores[i]));
        List<Integer> selected = new ArrayList<>();
        for (int c : candidates) {
            if (selected.size() >= outputSize) {
                break;
            }
            boolean suppressed = false;
            for (int j = selected.size() - 1; j >= 0; j--) {
                double iou = iou(boxes, c, selected.get(j));
                if (iou == 0.0) {
                    continue;
                }
                if (iou > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                selected.add(c);
            }
        }
        return List.copyOf(selected);
    }

    /** Intersection over union of boxes {@code i} and {@code j}, 0 if either has no area. */
    static double iou(float[] boxes, int i, int j) {
        double yminI = Math.min(boxes[4 * i], boxes[4 * i + 2]);
        double xminI = Math.min(boxes[4 * i + 1], boxes[4 * i + 3]);
        double ymaxI = Math.max(boxes[4 * i], boxes[4 * i + 2]);
        double xmaxI = Math.max(boxes[4 * i + 1], boxes[4 * i + 3]);
        double yminJ = Math.min(boxes[4 * j], boxes[4 * j + 2]);
        double xminJ = Math.min(boxes[4 * j + 1], boxes[4 * j + 3]);
        double ymaxJ = Math.max(boxes[4 * j], boxes[4 * j + 2]);
        double xmaxJ = Math.max(boxes[4 * j + 1], boxes[4 * j + 3]);
        double areaI = (ymaxI - yminI) * (xmaxI - xminI);
        double areaJ = (ymaxJ - yminJ) * (xmaxJ - xminJ);
        if (areaI <= 0 || areaJ <= 0) {
            return 0.0;
        }
        double interYmin = Math.max(yminI, yminJ);
        double interXmin = Math.max(xminI, xminJ);
        double interYmax = Math.min(ymaxI, ymaxJ);
        double interXmax = Math.min(xmaxI, xmaxJ);
        double inter = Math.max(interYmax - interYmin, 0.0) * Math.max(interXmax - interXmin, 0.0);
        return inter / (areaI + areaJ - inter);
    }
}
