package org.oversight.recognition.projection;

import java.util.List;
import org.oversight.domain.bundle.BundleBuildException;
import org.oversight.domain.bundle.IndexedEvent;
import org.oversight.domain.bundle.SnapshotProof;
import org.oversight.domain.bundle.SnapshotProver;
import org.oversight.domain.event.Detection;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.merkle.rfc6962.ProofRequestException;

/**
 * The watchlist snapshot proof for an evidence bundle (docs/format.md §9.8, §11): replays the
 * watchlist events before a detection through the projection, takes the entries active at the
 * detection's capture time, and proves the candidate's leaf in their snapshot tree.
 */
public final class SnapshotProofs implements SnapshotProver {
    /** The prover; stateless. */
    public static final SnapshotProofs INSTANCE = new SnapshotProofs();

    private SnapshotProofs() {}

    @Override
    public SnapshotProof prove(List<IndexedEvent> watchlistEvents, IndexedEvent detection, String entry)
            throws BundleBuildException {
        if (!(detection.event().payload() instanceof Detection detected)) {
            throw new BundleBuildException("leaf " + detection.leafIndex() + " is a " + detection.event().type()
                    + ", not a FaceDetected");
        }
        ProjectionState state = ProjectionState.initial();
        for (IndexedEvent e : watchlistEvents) {
            if (e.leafIndex() >= detection.leafIndex()) {
                throw new BundleBuildException("watchlist event at leaf " + e.leafIndex() + " is not before the"
                        + " detection at leaf " + detection.leafIndex());
            }
            try {
                state = RecognitionProjection.apply(state, e.leafIndex(), e.event()).state();
            } catch (ProjectionInputException ex) {
                throw new BundleBuildException("watchlist event at leaf " + e.leafIndex() + ": " + ex.getMessage(), ex);
            }
        }
        List<WatchedEntry> active = state.activeAt(detected.captureTime());
        MerkleTree tree = new MerkleTree();
        int index = -1;
        for (WatchedEntry w : active) {
            if (w.id().equals(entry)) {
                index = (int) tree.size();
            }
            tree.append(w.snapshotLeafHash());
        }
        if (index < 0) {
            throw new BundleBuildException("entry " + entry + " is not active for the detection at leaf "
                    + detection.leafIndex() + " (capture time " + detected.captureTime() + ")");
        }
        try {
            return new SnapshotProof(entry, WatchlistSnapshot.leafData(active.get(index)),
                    tree.inclusionProof(index, tree.size()), tree.root());
        } catch (ProofRequestException e) {
            throw new IllegalStateException("proof of leaf " + index + " in a tree of " + tree.size(), e);
        }
    }
}
