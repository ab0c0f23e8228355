package org.oversight.recognition.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NonMaxSuppressionTest {
    @Test
    void keepsBestSuppressesOverlapsAndBreaksTiesByIndex() {
        float[] boxes = {
            0, 0, 1, 1,       // 0
            0, 0, 1, 0.9f,    // 1: IoU 0.9 with 0
            2, 2, 3, 3,       // 2: disjoint
            2, 2, 3, 3,       // 3: same as 2, same score -> later index loses
            5, 5, 6, 6,       // 4: below threshold
        };
        float[] scores = {0.8f, 0.9f, 0.7f, 0.7f, 0.5f};
        List<Integer> kept = NonMaxSuppression.select(boxes, scores, 100, 0.5, 0.5);
        assertThat(kept).containsExactly(1, 2);
    }

    @Test
    void scoreThresholdIsStrictAndMaxOutputCaps() {
        float[] boxes = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
        float[] scores = {0.5f, 0.6f, 0.7f};
        assertThat(NonMaxSuppression.select(boxes, scores, 100, 0.5, 0.5)).containsExactly(2, 1);
        assertThat(NonMaxSuppression.select(boxes, scores, 1, 0.5, 0.5)).containsExactly(2);
    }

    @Test
    void iouIsZeroForDegenerateBoxes() {
        float[] boxes = {0, 0, 0, 1, 0, 0, 1, 1};
        assertThat(NonMaxSuppression.iou(boxes, 0, 1)).isZero();
    }

    @Test
    void fixedPointFormsRoundHalfUp() {
        assertThat(FaceBox.toMilli(1.0005)).isEqualTo(1001);
        assertThat(FaceBox.toMilli(-0.0005)).isEqualTo(0);
        assertThat(new FaceDetection(0.5f, new FaceBox(0, 0, 1, 1), 0).scoreMicros()).isEqualTo(500000);
        assertThat(JsMath.round(2.5)).isEqualTo(3.0);
        assertThat(JsMath.round(-2.5)).isEqualTo(-2.0);
    }
}
