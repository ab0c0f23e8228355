package org.oversight.ledger.kurrentlog;

import org.oversight.ledger.sequencer.Sequencer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Actuator component {@code kurrentDbLog}: DOWN while the KurrentDB streams are behind the log and
 * the last attempt to catch up failed (aggregate loads, and so writes, fail until it succeeds). Always
 * UP on a node that may not write (a follower: the leader mirrors).
 */
public final class KurrentDbLogHealthIndicator implements HealthIndicator {
    private final KurrentDbLogMirror mirror;
    private final Sequencer sequencer;

    KurrentDbLogHealthIndicator(KurrentDbLogMirror mirror, Sequencer sequencer) {
        this.mirror = mirror;
        this.sequencer = sequencer;
    }

    @Override
    public Health health() {
        long committed = sequencer.committed().size();
        long mirrored = mirror.mirroredSize();
        if (!sequencer.mayWrite()) {
            // A follower (or ex-leader) does not mirror; an old failure of its own is not its concern now.
            return Health.up().withDetail("treeSize", committed).withDetail("mirroredSize", mirrored)
                    .withDetail("mirroredBy", "the leader").build();
        }
        Health.Builder b = mirror.lastFailure().filter(f -> mirrored < committed)
                .map(f -> Health.down().withDetail("failure", f)).orElseGet(Health::up);
        return b.withDetail("treeSize", committed).withDetail("mirroredSize", mirrored).build();
    }
}
