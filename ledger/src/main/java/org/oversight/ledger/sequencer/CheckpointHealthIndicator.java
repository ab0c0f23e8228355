package org.oversight.ledger.sequencer;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** DOWN once the checkpointer has refused to sign (possible equivocation or corrupt state). */
public class CheckpointHealthIndicator implements HealthIndicator {
    private final Checkpointer checkpointer;
    private final Sequencer sequencer;

    public CheckpointHealthIndicator(Checkpointer checkpointer, Sequencer sequencer) {
        this.checkpointer = checkpointer;
        this.sequencer = sequencer;
    }

    @Override
    public Health health() {
        Health.Builder b = checkpointer.failure().map(f -> Health.down().withDetail("alarm", f)).orElseGet(Health::up);
        b.withDetail("treeSize", sequencer.committed().size());
        checkpointer.latest().ifPresent(c -> b.withDetail("checkpointSize", c.checkpoint().size()));
        return b.build();
    }
}
