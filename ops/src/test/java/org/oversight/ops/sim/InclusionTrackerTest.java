package org.oversight.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InclusionTrackerTest {
    @Test
    void aCheckpointResolvesExactlyTheLeavesBelowItsSize() {
        InclusionTracker t = new InclusionTracker();
        t.acknowledged(10, 1_000);
        t.acknowledged(12, 2_000);
        t.acknowledged(11, 1_500);
        assertThat(t.checkpointSeen(12, 5_000)).isEqualTo(2); // leaves 10, 11
        assertThat(t.pendingCount()).isEqualTo(1);
        assertThat(t.latencies().summary().max()).isEqualTo(4_000);
        assertThat(t.checkpointSeen(13, 9_000)).isEqualTo(1);
        assertThat(t.pendingCount()).isZero();
        assertThat(t.latencies().summary()).isEqualTo(new LatencySamples.Summary(3, 4_000, 7_000, 7_000));
    }

    @Test
    void aLeafAcknowledgedAfterItsCheckpointWasSeenIsResolvedByTheNextPollNotLost() {
        InclusionTracker t = new InclusionTracker();
        t.checkpointSeen(100, 1_000);
        t.acknowledged(50, 900); // the answer arrived after the checkpoint was observed
        assertThat(t.checkpointSeen(100, 1_100)).isEqualTo(1);
        assertThat(t.latencies().summary().p50()).isEqualTo(200);
    }

    @Test
    void anOlderSmallerCheckpointDoesNotShrinkWhatIsCovered() {
        InclusionTracker t = new InclusionTracker();
        t.checkpointSeen(100, 1_000);
        t.acknowledged(70, 500);
        assertThat(t.checkpointSeen(10, 1_200)).isEqualTo(1);
        assertThat(t.largestSize()).isEqualTo(100);
    }
}
