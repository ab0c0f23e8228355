package org.oversight.ledger.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.security.Role;
import org.oversight.ledger.testing.LedgerAppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

/** The checkpoint gauges are registered and exported to Prometheus for operators. */
class CheckpointMetricsTest extends LedgerAppTest {
    @Autowired
    MeterRegistry registry;

    @Test
    void checkpointAgeAndUnsignedLeavesAreExported() throws Exception {
        double age = registry.get("oversight.checkpoint.age").gauge().value();
        // The test context signs a checkpoint every 50 ms when leaves wait; the age is a recent time.
        assertThat(age).isBetween(0.0, 3600.0);
        assertThat(registry.get("oversight.checkpoint.age").gauge().getId().getBaseUnit()).isEqualTo("seconds");
        assertThat(registry.get("oversight.checkpoint.unsigned.leaves").gauge().value()).isGreaterThanOrEqualTo(0);
        MvcResult r = mvc.perform(get("/actuator/prometheus").header("Authorization", bearer(Role.OPERATOR)))
                .andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentAsString()).contains("oversight_checkpoint_age_seconds ",
                "oversight_checkpoint_unsigned_leaves ");
    }
}
