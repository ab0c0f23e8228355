package org.oversight.ledger.witness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.oversight.domain.checkpoint.SignedCheckpoint;

/** The quorum status of the log's checkpoints, for the metric and {@code GET /v1/witness/status}. */
public class WitnessStatus {
    private final List<WitnessClient> clients;
    private final Supplier<Optional<SignedCheckpoint>> latest;
    private final CosignatureStore store;
    private final CheckpointCosignatures cosignatures;

    WitnessStatus(List<WitnessClient> clients, Supplier<Optional<SignedCheckpoint>> latest, CosignatureStore store,
            CheckpointCosignatures cosignatures) {
        this.clients = clients;
        this.latest = latest;
        this.store = store;
        this.cosignatures = cosignatures;
    }

    /** One witness as the log sees it. */
    public record Witness(String key, String url, long cosignedSize, String lastError, int consecutiveFailures) {}

    /**
     * @param quorum witnesses required
     * @param latestCheckpointSize the latest signed checkpoint's size (-1: none)
     * @param latestHasQuorum whether it carries valid cosignatures from {@code quorum} witnesses
     * @param quorumCheckpointSize the largest size whose checkpoint has stored cosignatures from
     *     {@code quorum} witnesses (-1: none)
     */
    public record Snapshot(int quorum, long latestCheckpointSize, boolean latestHasQuorum, long quorumCheckpointSize,
            List<Witness> witnesses) {
        /** Leaves of the latest checkpoint not covered by a quorum-cosigned one. */
        public long quorumLagLeaves() {
            return Math.max(0, latestCheckpointSize - Math.max(0, quorumCheckpointSize));
        }
    }

    public Snapshot snapshot() {
        Optional<SignedCheckpoint> current = latest.get();
        int k = cosignatures.quorum().k();
        long latestSize = current.map(c -> c.checkpoint().size()).orElse(-1L);
        boolean has = current.isPresent() && cosignatures.hasQuorum(current.get());
        long quorumSize = k == 0 ? latestSize : store.largestSizeWith(k);
        List<Witness> ws = new ArrayList<>();
        for (WitnessClient c : clients) {
            ws.add(new Witness(c.key().toVerifierKey(), c.url(), c.cosignedSize(), c.lastError(), c.failures()));
        }
        return new Snapshot(k, latestSize, has, quorumSize, ws);
    }
}
