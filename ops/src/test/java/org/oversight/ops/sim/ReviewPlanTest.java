package org.oversight.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReviewPlanTest {
    @Test
    void everyMatchGetsTwoDistinctReviewersAndEveryPairOccurs() {
        for (int m = 2; m <= 9; m++) {
            ReviewPlan plan = new ReviewPlan(m, 0.5);
            Set<String> pairs = new HashSet<>();
            int[] load = new int[m];
            for (long i = 0; i < (long) m * (m - 1) * 10; i++) {
                ReviewPlan.Assignment a = plan.assign(i);
                assertThat(a.first()).isNotEqualTo(a.second()).isBetween(0, m - 1);
                assertThat(a.second()).isBetween(0, m - 1);
                pairs.add(Math.min(a.first(), a.second()) + "-" + Math.max(a.first(), a.second()));
                load[a.first()]++;
                load[a.second()]++;
            }
            assertThat(pairs).as("pairs of %d reviewers", m).hasSize(m * (m - 1) / 2);
            for (int r = 0; r < m; r++) {
                assertThat(load[r]).as("reviews by %d of %d", r, m).isEqualTo(load[0]);
            }
        }
    }

    @Test
    void theConfirmedShareIsExact() {
        ReviewPlan plan = new ReviewPlan(4, 0.3);
        int confirmed = 0;
        for (long i = 0; i < 1000; i++) {
            confirmed += plan.assign(i).confirm() ? 1 : 0;
        }
        assertThat(confirmed).isEqualTo(300);
        assertThat(new ReviewPlan(3, 0).assign(5).confirm()).isFalse();
        assertThat(new ReviewPlan(3, 1).assign(5).confirm()).isTrue();
    }

    @Test
    void rejectsFewerThanTwoReviewers() {
        assertThatThrownBy(() -> new ReviewPlan(1, 0.5)).hasMessageContaining("reviewers 1 < 2");
        assertThatThrownBy(() -> Share.of(1.5)).hasMessageContaining("share 1.5");
    }
}
