package org.oversight.ledger.leader;

import java.time.Instant;
import java.util.Optional;

/**
 * The lease holder as recorded in {@code ledger_leader}: the node that last took the lease, the URL
 * it advertises (may be absent), its epoch and when it took over (database clock). Informational:
 * safety rests on the advisory lock and the epoch fence, not on this record.
 */
public record LeaderInfo(String nodeId, Optional<String> url, long epoch, Instant since) {}
