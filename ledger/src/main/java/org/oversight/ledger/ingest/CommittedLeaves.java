package org.oversight.ledger.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.bundle.IndexedEvent;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.sequencer.LeafKey;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.StoredLeaf;

/**
 * The committed leaves of the leaf store as the disclosure rules read them (a leaf by index, a
 * stream's events in seq order): what {@link LedgerRegistry#checkDisclosuresAgainst} and the vault's
 * disclosure endpoint judge a {@code RecordDisclosed} against. A stored leaf that does not parse is
 * a bug of the store (it was parsed before it was stored): unchecked.
 */
public final class CommittedLeaves implements LedgerRegistry.CommittedEvents {
    private final LeafStore leaves;

    public CommittedLeaves(LeafStore leaves) {
        this.leaves = Objects.requireNonNull(leaves, "leaves");
    }

    @Override
    public Optional<SignedEvent> at(long leaf) {
        return leaves.leaves(leaf, 1).stream().findFirst().map(CommittedLeaves::parsed);
    }

    @Override
    public List<IndexedEvent> stream(StreamId stream) {
        List<IndexedEvent> out = new ArrayList<>();
        String name = stream.text();
        for (long seq = 0;; seq++) {
            Optional<LeafKey> key = leaves.keyAt(name, seq);
            if (key.isEmpty()) {
                return out;
            }
            leaves.findByHash(key.get().hash()).ifPresent(l -> out.add(new IndexedEvent(l.index(), parsed(l))));
        }
    }

    private static SignedEvent parsed(StoredLeaf leaf) {
        try {
            return SignedEvent.parse(leaf.leaf().leafBytes());
        } catch (InvalidEventException e) {
            throw new IllegalStateException("stored leaf " + leaf.index() + " does not parse: " + e.getMessage(), e);
        }
    }
}
