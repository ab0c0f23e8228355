package org.oversight.recognition.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TfImageOpsTest {
    @Test
    void centredPaddingPutsTheRoundedHalfAfter() {
        // 1 row x 4 columns -> 4x4: d = 3, round(1.5) = 2 rows after, 1 before
        float[] x = {1, 2, 3, 4};
        float[] sq = TfImageOps.padToSquare(x, 1, 4, 1, true);
        assertThat(sq).containsExactly(0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0);
        float[] appended = TfImageOps.padToSquare(x, 1, 4, 1, false);
        assertThat(appended).containsExactly(1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void resizeUsesTopLeftAlignedSamplingWithoutHalfPixelCentres() {
        // 2 -> 4 columns: sources 0, 0.5, 1, 1.5 (last clamps to column 1)
        float[] y = TfImageOps.resizeBilinear(new float[] {10, 20}, 1, 2, 1, 1, 4);
        assertThat(y).containsExactly(10f, 15f, 20f, 20f);
        // 4 -> 2: sources 0 and 2 (no averaging)
        float[] z = TfImageOps.resizeBilinear(new float[] {1, 2, 3, 4}, 1, 4, 1, 1, 2);
        assertThat(z).containsExactly(1f, 3f);
    }

    @Test
    void toSquareInputCopiesWhenNothingToDo() {
        float[] x = new float[2 * 2 * 3];
        x[5] = 7;
        float[] y = TfImageOps.toSquareInput(x, 2, 2, 3, 2, true);
        assertThat(y).containsExactly(x).isNotSameAs(x);
    }

    @Test
    void clipAndFloorFollowsFaceApi() {
        assertThat(PixelRect.clipAndFloor(-3.5, 2.7, 10.2, 5.9, 8, 6))
                .contains(new PixelRect(0, 2, 6, 3)); // w0 = min(6.7 - 0, 8 - 0) = 6.7 -> 6; h0 = min(5.9, 3.3) -> 3
        assertThat(PixelRect.clipAndFloor(9, 0, 4, 4, 8, 6)).isEmpty();
        assertThat(PixelRect.clipAndFloor(1.2, 1.2, 0.5, 3, 8, 6)).isEmpty();
    }
}
