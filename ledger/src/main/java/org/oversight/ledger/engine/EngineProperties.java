package org.oversight.ledger.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code oversight.engine.*}: the recognition processor (docs/ledger.md §8), validated at start.
 *
 * @param enabled run the processor (default true; read by {@link EngineConfiguration}'s condition)
 * @param pageSize leaves read per page (default 256, ≥ 1)
 * @param pollIntervalMs how often the worker looks for new leaves besides being woken (default 1000, ≥ 1)
 */
@ConfigurationProperties("oversight.engine")
public record EngineProperties(Boolean enabled, Integer pageSize, Long pollIntervalMs) {
    public EngineProperties {
        enabled = enabled == null || enabled;
        pageSize = pageSize == null ? 256 : pageSize;
        pollIntervalMs = pollIntervalMs == null ? 1000 : pollIntervalMs;
        if (pageSize < 1) {
            throw new IllegalArgumentException("oversight.engine.page-size " + pageSize + " < 1");
        }
        if (pollIntervalMs < 1) {
            throw new IllegalArgumentException("oversight.engine.poll-interval-ms " + pollIntervalMs + " < 1");
        }
    }
}
