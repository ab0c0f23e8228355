package org.oversight.recognition.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Timestamp;

/**
 * The projection's state after some prefix of the log (docs/format.md §9.7): the recognition
 * policy in force (the latest {@code RecognitionPolicySet}), the entries authorised and not
 * withdrawn (sorted by id), the ids of withdrawn entries, and the last leaf index consumed.
 * Immutable; every change returns a new state. Sorted collections only, so iteration order never
 * depends on hashing.
 */
public final class ProjectionState {
    private static final ProjectionState INITIAL = new ProjectionState(-1, Optional.empty(),
            Collections.unmodifiableSortedMap(new TreeMap<>()), Collections.unmodifiableSortedSet(new TreeSet<>()));

    private final long lastLeafIndex;
    private final Optional<RecognitionPolicySet> policy;
    private final SortedMap<String, WatchedEntry> entries;
    private final SortedSet<String> withdrawn;

    private ProjectionState(long lastLeafIndex, Optional<RecognitionPolicySet> policy,
            SortedMap<String, WatchedEntry> entries, SortedSet<String> withdrawn) {
        // Callers pass unmodifiable views of collections nobody else holds, so states can share them.
        this.lastLeafIndex = lastLeafIndex;
        this.policy = policy;
        this.entries = entries;
        this.withdrawn = withdrawn;
    }

    /** The state before the first leaf: no policy, no entries. */
    public static ProjectionState initial() {
        return INITIAL;
    }

    /** The last leaf index consumed, −1 before the first. */
    public long lastLeafIndex() {
        return lastLeafIndex;
    }

    /** The policy in force, if any has been set. */
    public Optional<RecognitionPolicySet> policy() {
        return policy;
    }

    /** Entries authorised and not withdrawn, by id (including those outside their window). */
    public SortedMap<String, WatchedEntry> entries() {
        return entries;
    }

    /** Ids of withdrawn entries. */
    public SortedSet<String> withdrawn() {
        return withdrawn;
    }

    /** The entries whose window covers {@code t} ({@code validFrom ≤ t < validUntil}), sorted by id. */
    public List<WatchedEntry> activeAt(Timestamp t) {
        List<WatchedEntry> active = new ArrayList<>();
        for (WatchedEntry e : entries.values()) {
            if (e.validAt(t)) {
                active.add(e);
            }
        }
        return active;
    }

    ProjectionState at(long leafIndex) {
        return new ProjectionState(leafIndex, policy, entries, withdrawn);
    }

    ProjectionState withPolicy(long leafIndex, RecognitionPolicySet p) {
        return new ProjectionState(leafIndex, Optional.of(p), entries, withdrawn);
    }

    ProjectionState withEntry(long leafIndex, WatchedEntry e) {
        TreeMap<String, WatchedEntry> next = new TreeMap<>(entries);
        next.put(e.id(), e);
        return new ProjectionState(leafIndex, policy, Collections.unmodifiableSortedMap(next), withdrawn);
    }

    ProjectionState withWithdrawal(long leafIndex, String id) {
        TreeMap<String, WatchedEntry> next = new TreeMap<>(entries);
        next.remove(id);
        TreeSet<String> gone = new TreeSet<>(withdrawn);
        gone.add(id);
        return new ProjectionState(leafIndex, policy, Collections.unmodifiableSortedMap(next),
                Collections.unmodifiableSortedSet(gone));
    }

    boolean knows(String entry) {
        return entries.containsKey(entry) || withdrawn.contains(entry);
    }
}
