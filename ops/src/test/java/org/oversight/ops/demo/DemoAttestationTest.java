package org.oversight.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo policy's FPIR bound grows with the watchlist it attests (rule R7, docs/rules.md). */
class DemoAttestationTest {
    @Test
    void boundIsTheRuleOfThreeTimesTheWatchlistSizeRoundedUp() {
        assertThat(DemoScenario.fpirBoundPpm(1)).isEqualTo(10_274); // ceil(3,000,000 / 292)
        assertThat(DemoScenario.fpirBoundPpm(5)).isEqualTo(51_370); // ceil(15,000,000 / 292)
        assertThat(DemoScenario.fpirBoundPpm(97)).isEqualTo(996_576);
        assertThat(DemoScenario.fpirBoundPpm(98)).isEqualTo(1_000_000); // a rate, capped at one
    }
}
