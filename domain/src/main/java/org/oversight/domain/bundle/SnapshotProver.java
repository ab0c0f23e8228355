package org.oversight.domain.bundle;

import java.util.List;

/**
 * Proves that a watchlist entry is in the snapshot a detection was searched against
 * (docs/format.md §9.8). The snapshot is defined by the recognition projection, so the
 * implementation lives with it ({@code org.oversight.recognition.projection.SnapshotProofs}).
 */
@FunctionalInterface
public interface SnapshotProver {
    /**
     * @param watchlistEvents every {@code WatchlistEntryAuthorized}, {@code WatchlistEntryWithdrawn},
     *     {@code ErasureEpochClosed} and {@code KeptRecordsDestroyed} before the detection, in leaf
     *     order (the last two end schema-2 entries whose enrolment record they erase or destroy)
     * @param detection the {@code FaceDetected} and its leaf index
     * @param entry the candidate entry id
     * @throws BundleBuildException if the entry is not active for the detection
     */
    SnapshotProof prove(List<IndexedEvent> watchlistEvents, IndexedEvent detection, String entry)
            throws BundleBuildException;
}
