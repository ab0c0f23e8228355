package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.WitnessQuorum;

/** The one options object of {@link LogAuditor}: defaults, each wither changes only its own choice, bad values named. */
class AuditOptionsTest {
    @Test
    void defaultsAreOneThreadTheDefaultBatchAndGraceAndNothingElse() {
        assertThat(AuditOptions.defaults()).isEqualTo(new AuditOptions(1, LogAuditor.DEFAULT_BATCH,
                LogAuditor.PROJECTION_GRACE_LEAVES, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void eachWitherChangesOnlyItsOwnChoice() {
        WitnessQuorum quorum = WitnessQuorum.of(List.of(), 0);
        DisclosedRecords records = new DisclosedRecords();
        AuditOptions o = AuditOptions.defaults().withParallelism(3).withBatchSize(7).withProjectionGraceLeaves(0)
                .requiringWitnesses(quorum).withRecords(records);
        assertThat(o).isEqualTo(new AuditOptions(3, 7, 0, Optional.empty(), Optional.of(quorum), Optional.of(records)));
    }

    @Test
    void valuesOutOfRangeAreRejectedWithTheValue() {
        assertThatThrownBy(() -> AuditOptions.defaults().withParallelism(0)).hasMessage("parallelism 0 < 1");
        assertThatThrownBy(() -> AuditOptions.defaults().withBatchSize(-2)).hasMessage("batch size -2 < 1");
        assertThatThrownBy(() -> AuditOptions.defaults().withProjectionGraceLeaves(-1))
                .hasMessage("projection grace leaves -1 < 0");
    }
}
