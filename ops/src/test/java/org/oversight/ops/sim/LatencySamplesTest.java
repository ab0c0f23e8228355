package org.oversight.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencySamplesTest {
    @Test
    void nearestRankPercentilesOfOneToHundred() {
        LatencySamples s = new LatencySamples();
        for (long v = 100; v >= 1; v--) {
            s.add(v);
        }
        LatencySamples.Summary sum = s.summary();
        assertThat(sum.count()).isEqualTo(100);
        assertThat(sum.p50()).isEqualTo(50);
        assertThat(sum.p99()).isEqualTo(99);
        assertThat(sum.max()).isEqualTo(100);
    }

    @Test
    void p99OfFewSamplesIsTheMaximumAndEmptyIsMinusOne() {
        LatencySamples s = new LatencySamples();
        assertThat(s.summary()).isEqualTo(new LatencySamples.Summary(0, -1, -1, -1));
        assertThat(s.summary().millis()).isEqualTo("—");
        s.add(7);
        s.add(3);
        s.add(5);
        assertThat(s.summary()).isEqualTo(new LatencySamples.Summary(3, 5, 7, 7));
    }

    @Test
    void mergeKeepsEverySampleAndBatchesCountPerEvent() {
        LatencySamples a = new LatencySamples();
        LatencySamples b = new LatencySamples();
        Random r = new Random(42);
        long max = 0;
        for (int i = 0; i < 5000; i++) {
            long v = r.nextInt(1_000_000);
            max = Math.max(max, v);
            (i % 2 == 0 ? a : b).add(v);
        }
        b.add(max + 1, 3);
        LatencySamples all = LatencySamples.merge(List.of(a, b));
        assertThat(all.count()).isEqualTo(5003);
        assertThat(all.summary().max()).isEqualTo(max + 1);
    }

    @Test
    void rejectsNegativeLatencyAndBadQuantiles() {
        assertThatThrownBy(() -> new LatencySamples().add(-1)).hasMessageContaining("-1 ns");
        assertThatThrownBy(() -> LatencySamples.nearestRank(new long[] {1}, 0)).hasMessageContaining("quantile 0.0");
    }
}
