package org.oversight.ledger.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.bundle.IndexedEvent;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.RetentionTerms;
import org.oversight.domain.event.RetrospectiveSearchDestroyed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.ledger.sequencer.LeafKey;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.StoredLeaf;

/**
 * Reads retrospective searches and what they depend on from the committed log, by stream
 * (docs/format.md §4.10): a search's stream {@code search/<id>}, the policy in force at a leaf, an
 * epoch's stream. Reads only; answers what is committed when called.
 */
public final class SearchLog {
    private final LeafStore leaves;

    public SearchLog(LeafStore leaves) {
        this.leaves = leaves;
    }

    /**
     * A search's stream: its {@code RetrospectiveSearchRequested} (seq 0), its
     * {@code RetrospectiveSearchPerformed} (seq 1) and the {@code RetrospectiveSearchAuthorized} or
     * {@code RetrospectiveSearchDestroyed} that ends it (seq 2), each with its leaf.
     */
    public record Search(IndexedEvent requested, Optional<IndexedEvent> performed, Optional<IndexedEvent> ended) {
        public boolean destroyed() {
            return ended.isPresent() && ended.get().event().payload() instanceof RetrospectiveSearchDestroyed;
        }
    }

    /** The search's stream as committed, if it has a request. */
    public Optional<Search> search(String id) {
        StreamId stream = StreamId.search(id);
        Optional<IndexedEvent> requested = event(stream, 0);
        return requested.map(r -> new Search(r, event(stream, 1), event(stream, 2)));
    }

    /**
     * The deadline D of rule R4(c) for a search performed by {@code performed}: its header time plus
     * the search authorisation window of the policy in force at its leaf (48 h without a policy).
     */
    public Instant deadline(IndexedEvent performed) {
        long window = policyBefore(performed.leafIndex()).map(RecognitionPolicySet::searchAuthorisationWindowMs)
                .orElse(RetentionTerms.DEFAULT_SEARCH_AUTHORISATION_MS);
        return Instant.ofEpochMilli(performed.event().header().time().epochMillis() + window);
    }

    /** The latest {@code RecognitionPolicySet} at a leaf before {@code leaf}: the policy in force there. */
    public Optional<RecognitionPolicySet> policyBefore(long leaf) {
        Optional<RecognitionPolicySet> found = Optional.empty();
        for (long seq = 0;; seq++) {
            Optional<IndexedEvent> e = event(StreamId.RECOGNITION_POLICY, seq);
            if (e.isEmpty() || e.get().leafIndex() >= leaf) {
                return found;
            }
            if (e.get().event().payload() instanceof RecognitionPolicySet p) {
                found = Optional.of(p);
            }
        }
    }

    /** The events of stream {@code epoch/<epoch>}, in seq order. */
    public List<IndexedEvent> epochStream(String epoch) {
        List<IndexedEvent> out = new ArrayList<>();
        StreamId stream = StreamId.epoch(epoch);
        for (long seq = 0;; seq++) {
            Optional<IndexedEvent> e = event(stream, seq);
            if (e.isEmpty()) {
                return out;
            }
            out.add(e.get());
        }
    }

    /** The committed event at {@code seq} of {@code stream}. */
    public Optional<IndexedEvent> event(StreamId stream, long seq) {
        Optional<LeafKey> key = leaves.keyAt(stream.text(), seq);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        StoredLeaf leaf = leaves.findByHash(key.get().hash()).orElseThrow(() -> new IllegalStateException(
                "stream " + stream.text() + " seq " + seq + " names leaf " + key.get().index() + ", not stored"));
        return Optional.of(new IndexedEvent(leaf.index(), parse(leaf)));
    }

    /** The committed event at leaf {@code index}. */
    public IndexedEvent at(long index) {
        List<StoredLeaf> l = leaves.leaves(index, 1);
        if (l.isEmpty()) {
            throw new IllegalStateException("leaf " + index + " is not stored");
        }
        return new IndexedEvent(index, parse(l.get(0)));
    }

    static SignedEvent parse(StoredLeaf leaf) {
        try {
            return SignedEvent.parse(leaf.leaf().leafBytes());
        } catch (InvalidEventException e) {
            throw new IllegalStateException("committed leaf " + leaf.index() + " does not parse: " + e.getMessage(), e);
        }
    }
}
