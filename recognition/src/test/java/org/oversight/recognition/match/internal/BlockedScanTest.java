package org.oversight.recognition.match.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The kernels of {@link BlockedScan}: the layout round-trips, and the default and plain kernels report the same hits. */
class BlockedScanTest {
    @Test
    void layoutRoundTripsAndKernelsAgreeWithTheDefinition() {
        Random r = new Random(17);
        int blocksCount = 3;
        int size = 2 * BlockedScan.BLOCK_ROWS + 5;
        byte[] blocks = new byte[blocksCount * BlockedScan.BLOCK_BYTES];
        int[] norms = new int[blocksCount * BlockedScan.BLOCK_ROWS];
        byte[][] rows = new byte[size][];
        for (int j = 0; j < size; j++) {
            rows[j] = random(r);
            BlockedScan.put(blocks, j, rows[j]);
            norms[j] = BlockedScan.norm(rows[j]);
        }
        for (int j = 0; j < size; j++) {
            assertThat(BlockedScan.get(blocks, j)).isEqualTo(rows[j]);
        }
        for (int probeCount = 1; probeCount <= 9; probeCount++) {
            byte[][] probes = new byte[probeCount][];
            int[] probeNorms = new int[probeCount];
            for (int p = 0; p < probeCount; p++) {
                probes[p] = p % 3 == 0 ? rows[r.nextInt(size)] : random(r);
                probeNorms[p] = BlockedScan.norm(probes[p]);
            }
            int[] widened = BlockedScan.widenProbes(probes);
            // Bounds near the median score, so that about half the rows are reported.
            int[] bounds = new int[probeCount];
            for (int p = 0; p < probeCount; p++) {
                int[] scores = new int[size];
                for (int j = 0; j < size; j++) {
                    scores[j] = SquaredDistance.scalar(probes[p], 0, rows[j], 0);
                }
                java.util.Arrays.sort(scores);
                bounds[p] = scores[size / 2];
            }
            List<String> fast = new ArrayList<>(), plain = new ArrayList<>(), expected = new ArrayList<>();
            for (int b = 0; b < blocksCount; b++) {
                BlockedScan.scanBlock(blocks, norms, b, size, widened, probeNorms, probeCount, bounds, BlockedScan.scratch(),
                        (p, row, score) -> fast.add(p + ":" + row + ":" + score));
                BlockedScan.scanBlockPlain(blocks, norms, b, size, widened, probeNorms, probeCount, bounds,
                        (p, row, score) -> plain.add(p + ":" + row + ":" + score));
            }
            for (int b = 0; b < blocksCount; b++) {
                for (int p = 0; p < probeCount; p++) {
                    for (int j = b * BlockedScan.BLOCK_ROWS; j < Math.min(size, (b + 1) * BlockedScan.BLOCK_ROWS); j++) {
                        int score = SquaredDistance.scalar(probes[p], 0, rows[j], 0);
                        if (score <= bounds[p]) {
                            expected.add(p + ":" + j + ":" + score);
                        }
                    }
                }
            }
            expected.sort(null);
            fast.sort(null);
            plain.sort(null);
            assertThat(expected).hasSizeGreaterThanOrEqualTo(size * probeCount / 2);
            assertThat(fast).isEqualTo(expected);
            assertThat(plain).isEqualTo(expected);
        }
    }

    private static byte[] random(Random r) {
        byte[] c = new byte[128];
        for (int i = 0; i < 128; i++) {
            c[i] = (byte) (r.nextInt(255) - 127);
        }
        return c;
    }
}
