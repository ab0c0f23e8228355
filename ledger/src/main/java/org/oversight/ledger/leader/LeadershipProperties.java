package org.oversight.ledger.leader;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code oversight.leadership.*}: several nodes, one writer (docs/ledger.md §10), validated at start.
 *
 * @param enabled run leadership (default false; read by {@link LeadershipConfiguration}'s condition)
 * @param nodeId this node's name (default: host name and pid, {@link #node()})
 * @param advertisedUrl where followers send writers (default none)
 * @param pollIntervalMs how often the lease is checked (default 1000; at most half the session timeout)
 * @param sessionTimeoutMs the lease session's idle timeout, the bound on failover (default 10000)
 * @param lockKey the advisory lock key, the same on every node of a log (default "OVRSLOG1" in ASCII)
 */
@ConfigurationProperties("oversight.leadership")
public record LeadershipProperties(Boolean enabled, String nodeId, String advertisedUrl, Long pollIntervalMs,
        Long sessionTimeoutMs, Long lockKey) {
    /** Default advisory lock key: ASCII "OVRSLOG1". All nodes of a log must agree. */
    static final long DEFAULT_LOCK_KEY = 0x4F5652534C4F4731L;

    public LeadershipProperties {
        enabled = enabled != null && enabled;
        nodeId = nodeId == null || nodeId.isBlank() ? null : nodeId;
        advertisedUrl = advertisedUrl == null || advertisedUrl.isBlank() ? null : advertisedUrl;
        pollIntervalMs = pollIntervalMs == null ? 1000 : pollIntervalMs;
        sessionTimeoutMs = sessionTimeoutMs == null ? 10_000 : sessionTimeoutMs;
        lockKey = lockKey == null ? DEFAULT_LOCK_KEY : lockKey;
        if (pollIntervalMs < 1) {
            throw new IllegalArgumentException("oversight.leadership.poll-interval-ms " + pollIntervalMs + " < 1");
        }
        if (pollIntervalMs * 2 > sessionTimeoutMs) {
            throw new IllegalArgumentException("oversight.leadership.poll-interval-ms " + pollIntervalMs
                    + " must be at most half of session-timeout-ms " + sessionTimeoutMs
                    + ", or the leader's own lease session idles out");
        }
    }

    /** {@link #nodeId}, or host name and pid. */
    public String node() {
        return nodeId != null ? nodeId : LeadershipConfiguration.defaultNodeId();
    }

    /** {@link #advertisedUrl}, if set. */
    public Optional<String> url() {
        return Optional.ofNullable(advertisedUrl);
    }
}
