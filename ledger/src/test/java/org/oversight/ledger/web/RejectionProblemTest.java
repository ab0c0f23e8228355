package org.oversight.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oversight.ledger.aggregate.Rejection;

/** Every rejection of the aggregate layer has its problem type, with the same rule name. */
class RejectionProblemTest {
    @Test
    void everyRejectionMapsToTheProblemOfTheSameRule() {
        for (Rejection r : Rejection.values()) {
            ProblemType p = ProblemType.of(r);
            assertThat(p.rule()).as(r.name()).isEqualTo(r.rule());
        }
        assertThat(ProblemType.of(Rejection.STREAM_FORK).status().value()).isEqualTo(409);
        assertThat(ProblemType.of(Rejection.BAD_SIGNATURE).status().value()).isEqualTo(422);
    }
}
