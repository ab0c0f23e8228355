package org.oversight.recognition.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.oversight.recognition.match.internal.BlockedScan;
import org.oversight.recognition.match.internal.SquaredDistance;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.tfjs.ModelId;

/**
 * Batched search is bit-identical to one-at-a-time search, and both equal the brute-force definition
 * (every score by {@link SquaredDistance#scalar}, sorted by {@link Candidate}'s order, first k within
 * the threshold) — on random galleries and probes, with ties, at and around block edges.
 */
class BatchedSearchPropertyTest {
    private static final ModelId MODEL = ModelId.of(new byte[32]);
    private static final int BLOCK = BlockedScan.BLOCK_ROWS;

    /** Components from a small alphabet, so that many scores tie and the entry id decides. */
    private static byte[] components(Random r, int alphabet) {
        byte[] c = new byte[128];
        for (int i = 0; i < 128; i++) {
            c[i] = switch (alphabet) {
                case 0 -> (byte) (r.nextInt(255) - 127);
                case 1 -> (byte) (r.nextInt(3) - 1);
                default -> (byte) (r.nextBoolean() ? 127 : -127);
            };
        }
        return c;
    }

    private static List<Candidate> bruteForce(List<byte[]> gallery, List<Long> ids, byte[] probe, int k, int maxScore) {
        List<Candidate> all = new ArrayList<>();
        for (int j = 0; j < gallery.size(); j++) {
            int score = SquaredDistance.scalar(probe, 0, gallery.get(j), 0);
            if (score <= maxScore) {
                all.add(new Candidate(ids.get(j), score));
            }
        }
        all.sort(null);
        return all.subList(0, Math.min(k, all.size()));
    }

    @Test
    void batchedEqualsSingleEqualsBruteForceOnRandomGalleries() throws Exception {
        int[] edgeSizes = {0, 1, 2, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK + 17, 4096 + 3};
        Random r = new Random(20261206L);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int cases = 0, nonEmptyResults = 0, ties = 0;
        try {
            for (int round = 0; round < 60; round++) {
                int n = round < edgeSizes.length ? edgeSizes[round] : r.nextInt(5 * BLOCK);
                int alphabet = round % 3;
                List<byte[]> rows = new ArrayList<>();
                List<Long> ids = new ArrayList<>();
                TemplateGallery gallery = new TemplateGallery(MODEL);
                for (int j = 0; j < n; j++) {
                    // Some rows repeat an earlier one: equal scores under different ids.
                    byte[] c = j > 0 && r.nextInt(4) == 0 ? rows.get(r.nextInt(j)) : components(r, alphabet);
                    long id = r.nextLong();
                    rows.add(c);
                    ids.add(id);
                    gallery.add(id, FaceTemplate.of(MODEL, c));
                }
                int probeCount = 1 + round % 17;
                List<FaceTemplate> probes = new ArrayList<>();
                List<byte[]> probeRows = new ArrayList<>();
                for (int p = 0; p < probeCount; p++) {
                    // Some probes are gallery rows (score 0), some their negation (large scores), the rest random.
                    byte[] c = n > 0 && r.nextInt(3) == 0 ? rows.get(r.nextInt(n)) : components(r, alphabet);
                    if (r.nextInt(8) == 0) {
                        c = c.clone();
                        for (int i = 0; i < 128; i++) {
                            c[i] = (byte) -c[i];
                        }
                    }
                    probeRows.add(c);
                    probes.add(FaceTemplate.of(MODEL, c));
                }
                int k = switch (round % 4) {
                    case 0 -> 1;
                    case 1 -> 3;
                    case 2 -> 10;
                    default -> n + 5;
                };
                // Thresholds: everything, the default, none but exact matches, and a typical score (a boundary that ties sit on).
                int typical = n == 0 ? 0 : SquaredDistance.scalar(probeRows.get(0), 0, rows.get(r.nextInt(n)), 0);
                for (int maxScore : new int[] {MatchScore.MAX, MatchThreshold.DEFAULT.maxScore(), 0, typical}) {
                    MatchThreshold threshold = MatchThreshold.ofScore(maxScore);
                    List<List<Candidate>> batched = gallery.search(probes, k, threshold);
                    List<List<Candidate>> parallel = gallery.search(probes, k, threshold, pool);
                    assertThat(batched).hasSize(probeCount);
                    assertThat(parallel).isEqualTo(batched);
                    for (int p = 0; p < probeCount; p++) {
                        List<Candidate> expected = bruteForce(rows, ids, probeRows.get(p), k, maxScore);
                        assertThat(gallery.search(probes.get(p), k, threshold)).as("round %d probe %d", round, p)
                                .isEqualTo(expected);
                        assertThat(batched.get(p)).as("round %d probe %d, batched", round, p).isEqualTo(expected);
                        cases++;
                        nonEmptyResults += expected.isEmpty() ? 0 : 1;
                        for (int i = 1; i < expected.size(); i++) {
                            ties += expected.get(i).score() == expected.get(i - 1).score() ? 1 : 0;
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // The generator really produced non-trivial results and ties decided by entry id.
        assertThat(cases).isGreaterThan(1000);
        assertThat(nonEmptyResults).isGreaterThan(cases / 3);
        assertThat(ties).isGreaterThan(100);
    }

    @Test
    void extremeScoresAreExact() throws Exception {
        byte[] plus = new byte[128], minus = new byte[128];
        Arrays.fill(plus, (byte) 127);
        Arrays.fill(minus, (byte) -127);
        TemplateGallery gallery = new TemplateGallery(MODEL);
        for (int j = 0; j < BLOCK + 3; j++) {
            gallery.add(j, FaceTemplate.of(MODEL, j % 2 == 0 ? plus : minus));
        }
        MatchThreshold any = MatchThreshold.ofScore(MatchScore.MAX);
        List<List<Candidate>> result = gallery.search(List.of(FaceTemplate.of(MODEL, minus), FaceTemplate.of(MODEL, plus)),
                BLOCK + 3, any);
        assertThat(result.get(0).get(0)).isEqualTo(new Candidate(1, 0));
        assertThat(result.get(0).get(result.get(0).size() - 1)).isEqualTo(new Candidate(BLOCK + 2, MatchScore.MAX));
        assertThat(result.get(1).get(0)).isEqualTo(new Candidate(0, 0));
        assertThat(result.get(1).get(result.get(1).size() - 1)).isEqualTo(new Candidate(BLOCK + 1, MatchScore.MAX));
    }

    @Test
    void emptyProbeListAndEmptyGallery() throws Exception {
        TemplateGallery empty = new TemplateGallery(MODEL);
        assertThat(empty.search(List.of(), 5, MatchThreshold.DEFAULT)).isEmpty();
        Random r = new Random(5);
        FaceTemplate probe = FaceTemplate.of(MODEL, components(r, 0));
        assertThat(empty.search(List.of(probe, probe), 5, MatchThreshold.ofScore(MatchScore.MAX)))
                .containsExactly(List.of(), List.of());
    }

    @Test
    void aProbeOfAnotherModelIsNamedByIndexAndKIsChecked() throws Exception {
        Random r = new Random(6);
        TemplateGallery g = new TemplateGallery(MODEL);
        g.add(1, FaceTemplate.of(MODEL, components(r, 0)));
        byte[] otherId = new byte[32];
        otherId[0] = 1;
        FaceTemplate other = FaceTemplate.of(ModelId.of(otherId), components(r, 0));
        FaceTemplate ok = FaceTemplate.of(MODEL, components(r, 0));
        assertThatThrownBy(() -> g.search(List.of(ok, other), 1, MatchThreshold.DEFAULT))
                .isInstanceOf(IncompatibleTemplateException.class).hasMessageStartingWith("probe 1: ");
        assertThatThrownBy(() -> g.search(List.of(ok), 0, MatchThreshold.DEFAULT)).hasMessageContaining("k 0 < 1");
    }
}
