package org.oversight.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
    private static final long S = 1_000_000_000L;

    @Test
    void eventsAreDueAtFixedIntervalsFromTheStart() {
        ArrivalSchedule s = ArrivalSchedule.of(5 * S, 4);
        assertThat(s.dueNanos(0)).isEqualTo(5 * S);
        assertThat(s.dueNanos(1)).isEqualTo(5 * S + 250_000_000L);
        assertThat(s.dueNanos(40)).isEqualTo(15 * S);
    }

    @Test
    void dueByCountsEventsDueAtOrBeforeNowAndAgreesWithDueNanos() {
        ArrivalSchedule s = ArrivalSchedule.of(1000, 3); // period 333,333,333.3 ns
        assertThat(s.dueBy(999)).isZero();
        assertThat(s.dueBy(1000)).isEqualTo(1);
        for (long n = 0; n < 2000; n++) {
            long due = s.dueNanos(n);
            assertThat(s.dueBy(due)).as("at due time of %d", n).isEqualTo(n + 1);
            assertThat(s.dueBy(due - 1)).as("just before %d", n).isEqualTo(n);
        }
    }

    @Test
    void sharesInterleaveIntoTheTotalRate() {
        int streams = 7;
        List<Long> merged = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            ArrivalSchedule s = ArrivalSchedule.shareOf(0, 700, i, streams);
            for (long n = 0; n < 100; n++) {
                merged.add(s.dueNanos(n));
            }
        }
        merged.sort(null);
        // 700/s overall: consecutive arrivals 1/700 s apart (± rounding), none bunched.
        for (int j = 1; j < merged.size(); j++) {
            assertThat(merged.get(j) - merged.get(j - 1)).isBetween(1_428_570L, 1_428_573L);
        }
    }

    @Test
    void aSenderOnTimeSendsOneEventAndALateOneSendsEverythingDueUpToTheBatchLimit() {
        ArrivalSchedule s = ArrivalSchedule.of(0, 10); // every 100 ms
        assertThat(s.batchEnd(3, s.dueNanos(3), 50, 1000)).isEqualTo(4);
        // 1 s late for event 3: events 3..13 are due.
        assertThat(s.batchEnd(3, s.dueNanos(13), 50, 1000)).isEqualTo(14);
        assertThat(s.batchEnd(3, s.dueNanos(13), 5, 1000)).isEqualTo(8);
        assertThat(s.batchEnd(3, s.dueNanos(13), 50, 6)).isEqualTo(6);
        // Called early (before its due time) it still sends the next event.
        assertThat(s.batchEnd(3, 0, 50, 1000)).isEqualTo(4);
    }

    @Test
    void invalidArgumentsNameTheValue() {
        assertThatThrownBy(() -> ArrivalSchedule.of(0, 0)).hasMessageContaining("rate 0.0");
        assertThatThrownBy(() -> ArrivalSchedule.of(0, Double.NaN)).hasMessageContaining("rate NaN");
        assertThatThrownBy(() -> ArrivalSchedule.shareOf(0, 10, 3, 3)).hasMessageContaining("index 3 not in [0, 3)");
        assertThatThrownBy(() -> ArrivalSchedule.of(0, 1).batchEnd(5, 0, 1, 5)).hasMessageContaining("5 >= limit 5");
        assertThatThrownBy(() -> ArrivalSchedule.of(0, 1).batchEnd(0, 0, 0, 5)).hasMessageContaining("max batch 0");
    }
}
