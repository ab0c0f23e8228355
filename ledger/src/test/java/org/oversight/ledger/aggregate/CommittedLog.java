package org.oversight.ledger.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.oversight.domain.bundle.IndexedEvent;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;

/**
 * The ledger's committed leaves as {@link LedgerRegistry#checkDisclosuresAgainst} reads them, for
 * tests of the cross-stream checks at ingest: events are applied to a registry as a request would
 * ({@link #apply}) and become committed only at {@link #commit}.
 */
final class CommittedLog implements LedgerRegistry.CommittedEvents {
    private final TreeMap<Long, SignedEvent> committed = new TreeMap<>();
    private final List<SignedEvent> applied = new ArrayList<>();

    @Override
    public Optional<SignedEvent> at(long leaf) {
        return Optional.ofNullable(committed.get(leaf));
    }

    @Override
    public List<IndexedEvent> stream(StreamId stream) {
        List<IndexedEvent> out = new ArrayList<>();
        for (Map.Entry<Long, SignedEvent> e : committed.entrySet()) {
            if (e.getValue().stream().equals(stream)) {
                out.add(new IndexedEvent(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    /** Applies {@code e} to {@code registry} at the next leaf, uncommitted. */
    void apply(LedgerRegistry registry, SignedEvent e) throws Exception {
        registry.replay(e, applied.size());
        applied.add(e);
    }

    /** Commits everything applied so far (the leaf store now answers for it). */
    void commit(LedgerRegistry registry) {
        for (int i = 0; i < applied.size(); i++) {
            committed.put((long) i, applied.get(i));
        }
        registry.markClean();
    }

    /** The events applied so far, in leaf order. */
    List<SignedEvent> applied() {
        return applied;
    }
}
