package org.oversight.ledger.ingest;

import org.axonframework.common.caching.Cache;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.sequencer.LeafStore;

/**
 * Brings the write path's in-memory state up to a log that another process wrote: rebuilds the
 * {@link LedgerRegistry} from the committed leaves and empties the aggregate cache (cached
 * aggregates may predate events another leader appended to their streams). Called by a node that
 * becomes leader, under the sequencer's writer lock, before it accepts writes.
 */
public final class RegistryResync {
    private final LedgerRegistry registry;
    private final LeafStore store;
    private final Cache aggregateCache;

    public RegistryResync(LedgerRegistry registry, LeafStore store, Cache aggregateCache) {
        this.registry = registry;
        this.store = store;
        this.aggregateCache = aggregateCache;
    }

    /** Rebuilds from leaves {@code [0, treeSize)}; {@code treeSize} must be the committed size. */
    public void resync(long treeSize) {
        aggregateCache.removeAll();
        try {
            RegistryLoader.rebuild(registry, store, treeSize);
        } catch (RuntimeException e) {
            // The registry kept its old state, which is not the log's: the write path rebuilds first.
            registry.markDirty();
            throw e;
        }
    }
}
