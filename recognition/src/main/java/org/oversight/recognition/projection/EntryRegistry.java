package org.oversight.recognition.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.oversight.domain.event.SnapshotRef;
import org.oversight.domain.event.Timestamp;

/**
 * Every entry authorised along one line of states, with the leaves of its authorisation, its
 * withdrawal and (schema 2) the end of its sealed enrolment record. A state at leaf {@code L} sees
 * exactly the slots authorised at a leaf ≤ {@code L}, not withdrawn at a leaf ≤ {@code L} and
 * whose record did not end at a leaf ≤ {@code L}, so successive states share one registry and an
 * authorisation costs O(log N) instead of a copy of the watchlist. Only the newest state of the
 * line may extend it ({@link #claim}); extending an older state forks a copy cut at its leaf, so
 * states behave as immutable values. All methods are synchronized: states may be read and extended
 * from any thread.
 */
final class EntryRegistry {
    private static final long NEVER = Long.MAX_VALUE;

    private static final class Slot {
        final WatchedEntry entry;
        final long authorisedAt;
        long withdrawnAt;
        /** The leaf at which a schema-2 entry's enrolment record was erased or destroyed, else NEVER. */
        long recordEndedAt;

        Slot(WatchedEntry entry, long authorisedAt, long withdrawnAt, long recordEndedAt) {
            this.entry = entry;
            this.authorisedAt = authorisedAt;
            this.withdrawnAt = withdrawnAt;
            this.recordEndedAt = recordEndedAt;
        }

        boolean visibleAt(long leaf) {
            return authorisedAt <= leaf && leaf < withdrawnAt && leaf < recordEndedAt;
        }
    }

    private final TreeMap<String, Slot> slots = new TreeMap<>();
    /** The leaf index of the newest state of this line; only it may extend the registry. */
    private long head;
    private List<WatchedEntry> cachedActive = List.of();
    private SnapshotRef cachedSnapshot;

    EntryRegistry(long head) {
        this.head = head;
    }

    /**
     * The registry the successor at {@code nextLeaf} of the state at {@code stateLeaf} uses: this
     * one if that state is the newest of the line, else a fork cut at {@code stateLeaf}.
     */
    synchronized EntryRegistry claim(long stateLeaf, long nextLeaf) {
        if (head == stateLeaf) {
            head = nextLeaf;
            return this;
        }
        EntryRegistry fork = new EntryRegistry(nextLeaf);
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            Slot s = e.getValue();
            if (s.authorisedAt <= stateLeaf) {
                fork.slots.put(e.getKey(), new Slot(s.entry, s.authorisedAt, s.withdrawnAt <= stateLeaf ? s.withdrawnAt : NEVER,
                        s.recordEndedAt <= stateLeaf ? s.recordEndedAt : NEVER));
            }
        }
        return fork;
    }

    synchronized void authorise(WatchedEntry entry, long leaf) {
        slots.put(entry.id(), new Slot(entry, leaf, NEVER, NEVER));
    }

    synchronized void withdraw(String id, long leaf) {
        slots.get(id).withdrawnAt = leaf;
    }

    /**
     * Ends, at {@code leaf}, the entries visible before it that {@code ended} selects (by their
     * authorisation's leaf and entry); returns whether any ended.
     */
    synchronized boolean endRecords(long leaf, RecordEnd ended) {
        boolean any = false;
        for (Slot s : slots.values()) {
            if (s.visibleAt(leaf - 1) && ended.ends(s.authorisedAt, s.entry)) {
                s.recordEndedAt = leaf;
                any = true;
            }
        }
        return any;
    }

    /** Which entries an event ends the enrolment record of. */
    @FunctionalInterface
    interface RecordEnd {
        boolean ends(long entryLeaf, WatchedEntry entry);
    }

    /** Whether {@code id} was authorised at a leaf ≤ {@code leaf} (withdrawn or not). */
    synchronized boolean knows(String id, long leaf) {
        Slot s = slots.get(id);
        return s != null && s.authorisedAt <= leaf;
    }

    /** Whether {@code id} is authorised and not withdrawn at {@code leaf} (its record may have ended). */
    synchronized boolean holds(String id, long leaf) {
        Slot s = slots.get(id);
        return s != null && s.authorisedAt <= leaf && leaf < s.withdrawnAt;
    }

    synchronized SortedMap<String, WatchedEntry> visibleAt(long leaf) {
        TreeMap<String, WatchedEntry> out = new TreeMap<>();
        for (Slot s : slots.values()) {
            if (s.visibleAt(leaf)) {
                out.put(s.entry.id(), s.entry);
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }

    synchronized SortedSet<String> withdrawnAt(long leaf) {
        TreeSet<String> out = new TreeSet<>();
        for (Slot s : slots.values()) {
            if (s.authorisedAt <= leaf && s.withdrawnAt <= leaf) {
                out.add(s.entry.id());
            }
        }
        return Collections.unmodifiableSortedSet(out);
    }

    /** Entries visible at {@code leaf} whose window covers {@code t}, sorted by id. */
    synchronized List<WatchedEntry> activeAt(long leaf, Timestamp t) {
        List<WatchedEntry> out = new ArrayList<>(slots.size()); // usually most are active: no regrowing
        for (Slot s : slots.values()) {
            if (s.visibleAt(leaf) && s.entry.validAt(t)) {
                out.add(s.entry);
            }
        }
        return out;
    }

    /**
     * The snapshot of {@code active} (sorted by id, non-empty). Consecutive detections usually
     * see the same active entries, so the last snapshot is kept; the cache changes only speed.
     */
    synchronized SnapshotRef snapshotOf(List<WatchedEntry> active) {
        if (!sameEntries(active, cachedActive)) {
            cachedSnapshot = WatchlistSnapshot.of(active);
            cachedActive = List.copyOf(active);
        }
        return cachedSnapshot;
    }

    private static boolean sameEntries(List<WatchedEntry> a, List<WatchedEntry> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
