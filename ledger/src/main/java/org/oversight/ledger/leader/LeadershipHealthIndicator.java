package org.oversight.ledger.leader;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health component {@code leadership}: UP on leader and follower alike (a follower serves reads),
 * with the role, this node's id, its epoch and the known leader, so a load balancer can route
 * writes to the node whose {@code role} is {@code LEADER}.
 */
public class LeadershipHealthIndicator implements HealthIndicator {
    private final LeadershipManager leadership;

    public LeadershipHealthIndicator(LeadershipManager leadership) {
        this.leadership = leadership;
    }

    @Override
    public Health health() {
        Health.Builder b = Health.up().withDetail("role", leadership.role().name())
                .withDetail("node", leadership.nodeId()).withDetail("epoch", leadership.epoch());
        leadership.leader().ifPresent(l -> {
            b.withDetail("leaderNode", l.nodeId());
            l.url().ifPresent(u -> b.withDetail("leaderUrl", u));
            b.withDetail("leaderEpoch", l.epoch());
        });
        return b.build();
    }
}
