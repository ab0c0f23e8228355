package org.oversight.ledger.sequencer;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code oversight.checkpoint.*}: when the log signs a new checkpoint (docs/ledger.md §6), validated
 * at start.
 *
 * @param everyLeaves sign after this many new leaves (default 1000, ≥ 1)
 * @param intervalMs …or after this many milliseconds with anything new (default 1000, ≥ 1)
 */
@ConfigurationProperties("oversight.checkpoint")
public record CheckpointProperties(Long everyLeaves, Long intervalMs) {
    public CheckpointProperties {
        everyLeaves = everyLeaves == null ? 1000 : everyLeaves;
        intervalMs = intervalMs == null ? 1000 : intervalMs;
        if (everyLeaves < 1) {
            throw new IllegalArgumentException("oversight.checkpoint.every-leaves " + everyLeaves + " < 1");
        }
        if (intervalMs < 1) {
            throw new IllegalArgumentException("oversight.checkpoint.interval-ms " + intervalMs + " < 1");
        }
    }
}
