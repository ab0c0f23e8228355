package org.oversight.recognition.projection;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.SnapshotRef;
import org.oversight.domain.event.Timestamp;

/**
 * The projection's state after some prefix of the log (docs/format.md §9.8): the recognition
 * policy in force (the latest {@code RecognitionPolicySet}), the entries authorised, not withdrawn
 * and (schema 2) whose enrolment record was neither erased nor destroyed, the withdrawn ones, and
 * the last leaf index consumed.
 *
 * <p>A value: nothing observable about a state ever changes. Successive states share one
 * {@link EntryRegistry} filtered by leaf index, so a long watchlist is not copied per event;
 * extending an older state forks. Sorted collections only, so iteration never depends on hashing.
 */
public final class ProjectionState {
    private final long lastLeafIndex;
    private final Optional<RecognitionPolicySet> policy;
    private final EntryRegistry registry;

    private ProjectionState(long lastLeafIndex, Optional<RecognitionPolicySet> policy, EntryRegistry registry) {
        this.lastLeafIndex = lastLeafIndex;
        this.policy = policy;
        this.registry = registry;
    }

    /** The state before the first leaf: no policy, no entries. */
    public static ProjectionState initial() {
        return new ProjectionState(-1, Optional.empty(), new EntryRegistry(-1));
    }

    /** The last leaf index consumed, −1 before the first. */
    public long lastLeafIndex() {
        return lastLeafIndex;
    }

    /** The policy in force, if any has been set. */
    public Optional<RecognitionPolicySet> policy() {
        return policy;
    }

    /**
     * Entries authorised, not withdrawn and whose enrolment record (schema 2) was neither erased
     * by its epoch's close nor destroyed, by id (including those outside their window); a copy.
     */
    public SortedMap<String, WatchedEntry> entries() {
        return registry.visibleAt(lastLeafIndex);
    }

    /** Ids of withdrawn entries; a copy. */
    public SortedSet<String> withdrawn() {
        return registry.withdrawnAt(lastLeafIndex);
    }

    /** The entries whose window covers {@code t} ({@code validFrom ≤ t < validUntil}), sorted by id. */
    public List<WatchedEntry> activeAt(Timestamp t) {
        return registry.activeAt(lastLeafIndex, t);
    }

    /** The snapshot of {@code active}, a non-empty result of {@link #activeAt} on this state. */
    SnapshotRef snapshotOf(List<WatchedEntry> active) {
        return registry.snapshotOf(active);
    }

    boolean knows(String entry) {
        return registry.knows(entry, lastLeafIndex);
    }

    /** Whether {@code entry} is authorised and not withdrawn. */
    boolean holds(String entry) {
        return registry.holds(entry, lastLeafIndex);
    }

    ProjectionState at(long leafIndex) {
        return new ProjectionState(leafIndex, policy, registry.claim(lastLeafIndex, leafIndex));
    }

    ProjectionState withPolicy(long leafIndex, RecognitionPolicySet p) {
        return new ProjectionState(leafIndex, Optional.of(p), registry.claim(lastLeafIndex, leafIndex));
    }

    ProjectionState withEntry(long leafIndex, WatchedEntry e) {
        EntryRegistry r = registry.claim(lastLeafIndex, leafIndex);
        r.authorise(e, leafIndex);
        return new ProjectionState(leafIndex, policy, r);
    }

    /** The state at {@code leafIndex} in which the entries {@code ended} selects are no longer searched. */
    ProjectionState withRecordsEnded(long leafIndex, EntryRegistry.RecordEnd ended) {
        EntryRegistry r = registry.claim(lastLeafIndex, leafIndex);
        r.endRecords(leafIndex, ended);
        return new ProjectionState(leafIndex, policy, r);
    }

    ProjectionState withWithdrawal(long leafIndex, String id) {
        EntryRegistry r = registry.claim(lastLeafIndex, leafIndex);
        r.withdraw(id, leafIndex);
        return new ProjectionState(leafIndex, policy, r);
    }
}
