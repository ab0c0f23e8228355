package org.oversight.ledger.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.sequencer.Sequencer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gauges an operator alerts on: {@code oversight_checkpoint_age_seconds}, the time since this node
 * last signed (or, after a start, loaded) the latest checkpoint, and
 * {@code oversight_checkpoint_unsigned_leaves}, the committed leaves no checkpoint covers yet. An
 * idle log is not re-signed, so the age alone may grow harmlessly; unsigned leaves with a growing
 * age mean the checkpointer is stuck (its health turns DOWN too).
 */
@Configuration
public class CheckpointMetrics {
    /** Registers the gauges when there is a checkpointer (not on the KurrentDB log) and a registry. */
    @Bean
    Object checkpointGauges(ObjectProvider<MeterRegistry> registry, ObjectProvider<Checkpointer> checkpointer,
            ObjectProvider<Sequencer> sequencer, ObjectProvider<Clock> clock) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        registry.ifAvailable(m -> checkpointer.ifAvailable(c -> sequencer.ifAvailable(s -> register(m, c, s, time))));
        return "checkpoint gauges";
    }

    static void register(MeterRegistry registry, Checkpointer checkpointer, Sequencer sequencer, Clock clock) {
        Gauge.builder("oversight.checkpoint.age", checkpointer,
                        c -> Math.max(0, clock.millis() - c.latestSignedAtMillis()) / 1000.0)
                .baseUnit("seconds")
                .description("time since the latest checkpoint was signed (or loaded at start)")
                .register(registry);
        Gauge.builder("oversight.checkpoint.unsigned.leaves", checkpointer,
                        c -> Math.max(0, sequencer.committed().size()
                                - c.latest().map(s -> s.checkpoint().size()).orElse(0L)))
                .description("committed leaves not yet covered by a signed checkpoint")
                .register(registry);
    }
}
