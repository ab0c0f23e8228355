package org.oversight.ledger.ingest;

import java.util.List;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rebuilds the {@link LedgerRegistry} by replaying the committed leaves in leaf order. */
final class RegistryLoader {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryLoader.class);
    private static final int PAGE = 1000;

    private RegistryLoader() {}

    /** Where {@link #rebuild} reads the committed leaves from: {@link LeafStore#leaves(long, int)}. */
    @FunctionalInterface
    interface LeafSource {
        List<StoredLeaf> leaves(long start, int count);
    }

    /** Replays leaves {@code [0, size)} of {@code store}; see {@link #rebuild(LedgerRegistry, LeafSource, long)}. */
    static void rebuild(LedgerRegistry registry, LeafStore store, long size) {
        rebuild(registry, store::leaves, size);
    }

    /**
     * Replays leaves {@code [0, size)} into a fresh registry and only then swaps it into
     * {@code registry} ({@link LedgerRegistry#replaceWith}). If reading fails (the database is
     * down or recovering), {@code registry} keeps its previous state and its dirty flag, and the
     * exception propagates: the caller must not accept writes until a rebuild succeeds. Resetting
     * first and replaying in place would leave an empty registry behind, with genesis open again.
     *
     * @throws IllegalStateException if a committed leaf no longer passes the registry (a broken invariant)
     * @throws RuntimeException whatever {@code leaves} throws; {@code registry} is then unchanged
     */
    static void rebuild(LedgerRegistry registry, LeafSource leaves, long size) {
        LedgerRegistry rebuilt = new LedgerRegistry();
        for (long start = 0; start < size; start += PAGE) {
            List<StoredLeaf> page = leaves.leaves(start, (int) Math.min(PAGE, size - start));
            if (page.size() != Math.min(PAGE, size - start)) {
                throw new IllegalStateException("leaf source returned " + page.size() + " leaves from " + start
                        + " but the committed log has " + size);
            }
            for (StoredLeaf leaf : page) {
                try {
                    rebuilt.replay(SignedEvent.parse(leaf.leaf().leafBytes()), leaf.index());
                } catch (InvalidEventException | EventRejectedException e) {
                    throw new IllegalStateException("committed leaf " + leaf.index() + " (" + leaf.leaf().eventId()
                            + ") no longer passes the registry: " + e.getMessage(), e);
                }
            }
        }
        registry.replaceWith(rebuilt);
        LOG.info("registry rebuilt from {} leaves", size);
    }
}
