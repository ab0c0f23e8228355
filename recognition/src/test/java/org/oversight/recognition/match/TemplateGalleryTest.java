package org.oversight.recognition.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.tfjs.ModelId;

class TemplateGalleryTest {
    private static final ModelId MODEL = ModelId.of(new byte[32]);

    private static FaceTemplate random(Random r) throws Exception {
        byte[] c = new byte[128];
        for (int i = 0; i < c.length; i++) {
            c[i] = (byte) (r.nextInt(255) - 127);
        }
        return FaceTemplate.of(MODEL, c);
    }

    @Test
    void scoreIsExactSquaredDistance() throws Exception {
        byte[] a = new byte[128], b = new byte[128];
        a[0] = 127;
        b[0] = -127;
        a[1] = 3;
        assertThat(MatchScore.squaredDistance(FaceTemplate.of(MODEL, a), FaceTemplate.of(MODEL, b))).isEqualTo(254 * 254 + 9);
        assertThat(MatchThreshold.ofEuclidean(0.55).maxScore()).isEqualTo(19824); // floor(140.8^2) = floor(19824.64)
        assertThat(MatchThreshold.DEFAULT.maxScore()).isEqualTo(8281);
        assertThat(MatchThreshold.DEFAULT.matches(8281)).isTrue();
        assertThat(MatchThreshold.DEFAULT.matches(8282)).isFalse();
    }

    @Test
    void vectorDistanceEqualsTheScalarDefinitionIncludingExtremes() {
        Random r = new Random(11);
        byte[] a = new byte[128 * 64], b = new byte[128 * 64];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (r.nextInt(255) - 127);
            b[i] = (byte) (r.nextInt(255) - 127);
        }
        java.util.Arrays.fill(a, 0, 128, (byte) 127);
        java.util.Arrays.fill(b, 0, 128, (byte) -127);
        for (int j = 0; j < 64; j++) {
            assertThat(org.oversight.recognition.match.internal.SquaredDistance.of(a, j * 128, b, j * 128))
                    .isEqualTo(org.oversight.recognition.match.internal.SquaredDistance.scalar(a, j * 128, b, j * 128));
            byte[] x = java.util.Arrays.copyOfRange(a, j * 128, j * 128 + 128);
            byte[] y = java.util.Arrays.copyOfRange(b, j * 128, j * 128 + 128);
            assertThat(org.oversight.recognition.match.internal.SquaredDistance.ofWidened(
                    org.oversight.recognition.match.internal.SquaredDistance.widen(x),
                    org.oversight.recognition.match.internal.SquaredDistance.widen(y)))
                    .isEqualTo(org.oversight.recognition.match.internal.SquaredDistance.scalar(x, 0, y, 0));
        }
        assertThat(org.oversight.recognition.match.internal.SquaredDistance.of(a, 0, b, 0)).isEqualTo(MatchScore.MAX);
    }

    @Test
    void searchIsIndependentOfInsertionOrderAndParallelism() throws Exception {
        Random r = new Random(7);
        List<FaceTemplate> templates = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            templates.add(random(r));
        }
        FaceTemplate probe = templates.get(1234);
        // Duplicate templates under different ids create exact score ties.
        List<Long> ids = new ArrayList<>();
        for (long i = 0; i < templates.size(); i++) {
            ids.add(i);
        }
        TemplateGallery inOrder = new TemplateGallery(MODEL);
        for (int i = 0; i < templates.size(); i++) {
            inOrder.add(ids.get(i), templates.get(i % 5000));
        }
        Collections.shuffle(ids, new Random(1));
        TemplateGallery shuffled = new TemplateGallery(MODEL);
        for (long id : ids) {
            shuffled.add(id, templates.get((int) (id % 5000)));
        }
        MatchThreshold any = MatchThreshold.ofScore(MatchScore.MAX);
        List<Candidate> expected = inOrder.search(probe, 25, any);
        assertThat(expected.get(0)).isEqualTo(new Candidate(1234, 0));
        assertThat(expected.get(1)).isEqualTo(new Candidate(6234, 0)); // the tie, broken by entry id
        assertThat(expected).isSorted();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            assertThat(shuffled.search(probe, 25, any)).isEqualTo(expected);
            assertThat(shuffled.search(probe, 25, any, pool)).isEqualTo(expected);
            assertThat(inOrder.search(probe, 25, any, pool)).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
        List<Candidate> brute = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            brute.add(new Candidate(i, MatchScore.squaredDistance(probe, templates.get(i % 5000))));
        }
        Collections.sort(brute);
        assertThat(expected).isEqualTo(brute.subList(0, 25));
    }

    @Test
    void thresholdFiltersAndBadInputIsRejected() throws Exception {
        TemplateGallery g = new TemplateGallery(MODEL);
        Random r = new Random(3);
        FaceTemplate t = random(r);
        g.add(1, t);
        g.add(2, random(r));
        assertThat(g.search(t, 5, MatchThreshold.ofScore(0))).containsExactly(new Candidate(1, 0));
        assertThatThrownBy(() -> g.add(1, t)).isInstanceOf(DuplicateEntryException.class).hasMessageContaining("entry 1");
        FaceTemplate other = FaceTemplate.of(ModelId.of(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), new byte[128]);
        assertThatThrownBy(() -> g.search(other, 1, MatchThreshold.DEFAULT)).isInstanceOf(IncompatibleTemplateException.class);
        assertThatThrownBy(() -> g.search(t, 0, MatchThreshold.DEFAULT)).hasMessageContaining("k 0 < 1");
    }
}
