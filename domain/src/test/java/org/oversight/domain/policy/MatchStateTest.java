package org.oversight.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.Verdict;

class MatchStateTest {
    private static final Verdict C = Verdict.CONFIRM;
    private static final Verdict R = Verdict.REJECT;
    private static final Verdict I = Verdict.INCONCLUSIVE;

    @Test
    void requiredIsTheStricterPolicyButNeverBelowTwo() {
        assertThat(MatchState.confirmationsRequired()).isEqualTo(2);
        assertThat(MatchState.confirmationsRequired(1)).isEqualTo(2);
        assertThat(MatchState.confirmationsRequired(1, 3)).isEqualTo(3);
        assertThat(MatchState.confirmationsRequired(4, 2)).isEqualTo(4);
    }

    @Test
    void statesFollowTheCountedVerdicts() {
        assertThat(MatchState.of(false, List.of(), 2)).isEqualTo(MatchState.PENDING);
        assertThat(MatchState.of(false, List.of(C), 2)).isEqualTo(MatchState.PENDING);
        assertThat(MatchState.of(false, List.of(C, I), 2)).isEqualTo(MatchState.PENDING);
        assertThat(MatchState.of(false, List.of(C, C), 2)).isEqualTo(MatchState.CONFIRMED);
        assertThat(MatchState.of(false, List.of(C, C), 3)).isEqualTo(MatchState.PENDING);
        assertThat(MatchState.of(false, List.of(R, R), 2)).isEqualTo(MatchState.REJECTED);
        assertThat(MatchState.of(false, List.of(R, C), 2)).isEqualTo(MatchState.PENDING);
        // a reject is no veto: enough confirmations win
        assertThat(MatchState.of(false, List.of(R, R, C, C), 2)).isEqualTo(MatchState.CONFIRMED);
        assertThat(MatchState.of(true, List.of(), 2)).isEqualTo(MatchState.ACTIONED);
        assertThat(MatchState.of(true, List.of(R, R), 2)).isEqualTo(MatchState.ACTIONED);
    }

    @Test
    void wireNamesRoundTripAndUnknownNamesAreEmpty() {
        for (MatchState s : MatchState.values()) {
            assertThat(MatchState.fromWireName(s.wireName())).contains(s);
        }
        assertThat(MatchState.fromWireName("Pending")).isEmpty();
        assertThat(MatchState.fromWireName("")).isEmpty();
        assertThatThrownBy(() -> MatchState.of(false, List.of(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }
}
