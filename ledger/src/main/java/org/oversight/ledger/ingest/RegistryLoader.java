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

    /** Replays leaves {@code [0, size)}; a leaf that no longer passes is a broken invariant. */
    static void rebuild(LedgerRegistry registry, LeafStore store, long size) {
        registry.reset();
        for (long start = 0; start < size; start += PAGE) {
            List<StoredLeaf> page = store.leaves(start, (int) Math.min(PAGE, size - start));
            for (StoredLeaf leaf : page) {
                try {
                    registry.replay(SignedEvent.parse(leaf.leaf().leafBytes()), leaf.index());
                } catch (InvalidEventException | EventRejectedException e) {
                    throw new IllegalStateException("committed leaf " + leaf.index() + " (" + leaf.leaf().eventId()
                            + ") no longer passes the registry: " + e.getMessage(), e);
                }
            }
        }
        registry.markClean();
        LOG.info("registry rebuilt from {} leaves", size);
    }
}
