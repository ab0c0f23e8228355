package org.oversight.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CosignLatencyTest {
    private static final long MS = 1_000_000;

    @Test
    void eachSizeWaitsUntilACheckpointAtLeastAsLargeCarriesTheQuorum() {
        CosignLatency.Tracker t = new CosignLatency.Tracker(2);
        t.observe(10, 0, 0);
        t.observe(10, 1, 100 * MS);     // one witness: not yet
        t.observe(20, 0, 200 * MS);     // a new checkpoint before size 10 reached the quorum
        t.observe(20, 2, 500 * MS);     // covers 10 (after 500 ms) and 20 (after 300 ms)
        t.observe(30, 0, 600 * MS);     // never cosigned in the run
        CosignLatency.Result r = t.result();
        assertThat(r.latenciesMs()).containsExactly(300.0, 500.0);
        assertThat(r.unreached()).isEqualTo(1);
        assertThat(r.percentile(50)).isEqualTo(300.0);
        assertThat(r.percentile(99)).isEqualTo(500.0);
        assertThat(new CosignLatency.Tracker(1).result().percentile(50)).isNaN();
    }
}
