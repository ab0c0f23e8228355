package org.oversight.domain.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.Set;
import java.util.TreeMap;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.policy.DetectionIndex.Detection;
import org.oversight.domain.principal.KeyRecord;

/**
 * The rules of sealed records (docs/rules.md "Sealed records"): R5 (b)–(e) erasure on time,
 * complete, never used again, kept for a reason, matches and live searches' hits kept (what R5
 * needs of searches, {@link SearchRules} answers); R8 retention of kept records; and R-disclosure. Part of {@link RuleBook}, which resolves detection references and feeds this the
 * erasure events in leaf order; it has no other caller, so each rule has one implementation.
 *
 * <p>Deadlines ({@code eraseBy}, {@code retainUntil}) are compared only with the header {@code time}
 * of later events, never with a clock; each is the first instant at which the act must be done.
 * Memory: per epoch its opening, close and kept records, and while it is open the first
 * {@code MatchProposed} naming each of its detections; two sorted deadline queues. Time per event
 * O(log epochs + log kept records), plus the kept list at a close.
 *
 * <p>In an {@linkplain RuleBook#excerpt() excerpt} only what carried events prove is judged: nothing
 * that needs an event's absence (R5(b), (d)'s MatchProposed, R8's deadlines) or every event (the
 * erased count, an unresolved reference, the policy in force at the close).
 */
final class SealedRecordRules {
    static final long MILLIS_PER_DAY = 86_400_000L;

    /** The policy in force at a close, for R8's bound: its leaf and, if schema 2, its keptRetentionDays. */
    record RetentionPolicy(long leaf, OptionalLong keptRetentionDays) {
    }

    private static final class Epoch {
        final String id;
        long openLeaf = -1;
        Timestamp eraseBy;
        long detections;
        /** Schema-2 watchlist entries sealed to the epoch (accepted, so before its close). */
        long entries;
        /** While open: detection leaf → leaf of the first MatchProposed naming it. */
        TreeMap<Long, Long> matched = new TreeMap<>();
        long closeLeaf = -1;
        final TreeMap<Long, Kept> kept = new TreeMap<>();

        Epoch(String id) {
            this.id = id;
        }
    }

    private static final class Kept {
        final KeptRecord kept;
        final Epoch epoch;
        long destroyedAt = -1;

        Kept(KeptRecord kept, Epoch epoch) {
            this.kept = kept;
            this.epoch = epoch;
        }
    }

    /** A deadline in UTC milliseconds, made unique by a leaf (the opening's, or the kept detection's). */
    private record Deadline(long dueMillis, long leaf) implements Comparable<Deadline> {
        @Override
        public int compareTo(Deadline o) {
            int c = Long.compare(dueMillis, o.dueMillis);
            return c != 0 ? c : Long.compare(leaf, o.leaf);
        }
    }

    private final boolean wholeLog;
    private final TreeMap<String, Epoch> epochs = new TreeMap<>();
    /** R5(d) for entries: the one implementation the ledger's closer also calls. */
    private final EntryRecordKeeping entryKeeping = new EntryRecordKeeping();
    /** Open epochs not yet reported late, by eraseBy. */
    private final TreeMap<Deadline, Epoch> closeDue = new TreeMap<>();
    /** Kept records neither destroyed nor reported late, by retainUntil. */
    private final TreeMap<Deadline, Kept> destroyDue = new TreeMap<>();
    private long opened;
    private long closed;
    private long keptRecords;
    private long destructions;
    private long disclosures;

    SealedRecordRules(boolean wholeLog) {
        this.wholeLog = wholeLog;
    }

    long epochsOpened() {
        return opened;
    }

    long epochsClosed() {
        return closed;
    }

    long keptRecords() {
        return keptRecords;
    }

    long destructions() {
        return destructions;
    }

    long disclosures() {
        return disclosures;
    }

    /** Epochs opened and not closed (whole log: the next audit decides whether they close in time). */
    long epochsOpen() {
        return epochs.values().stream().filter(e -> e.openLeaf >= 0 && e.closeLeaf < 0).count();
    }

    private Epoch epoch(String id) {
        return epochs.computeIfAbsent(id, Epoch::new);
    }

    /**
     * R5(b) and R8's deadlines at the event at {@code leaf} timed {@code time}: every epoch whose
     * eraseBy and every kept record whose retainUntil is at or before it, and that was not closed
     * or destroyed at an earlier leaf, is reported here, once. Called for every accepted event,
     * before the event's own effect.
     *
     * @param closing the epoch this event closes, or null
     * @param destroying the detection leaves whose kept records this event destroys
     */
    void tick(Timestamp time, String closing, Set<Long> destroying, Violations out) {
        if (!wholeLog) {
            return; // an excerpt does not show that no close or destruction came before
        }
        long t = time.epochMillis();
        while (!closeDue.isEmpty() && closeDue.firstKey().dueMillis() <= t) {
            Epoch e = closeDue.pollFirstEntry().getValue();
            out.add(PolicyRule.R5, "epoch " + e.id + " closed (ErasureEpochClosed) before any event timed at or after"
                    + " its eraseBy " + e.eraseBy.text() + " (R5(b))", e.id.equals(closing)
                    ? "epoch " + e.id + " closed by this event, timed " + time.text() + ", not before its eraseBy"
                    : "epoch " + e.id + " opened at leaf " + e.openLeaf + " still open at this event, timed "
                            + time.text() + ": its biometric records were not erased on time");
        }
        while (!destroyDue.isEmpty() && destroyDue.firstKey().dueMillis() <= t) {
            Kept k = destroyDue.pollFirstEntry().getValue();
            long d = k.kept.detection().leafIndex();
            out.add(PolicyRule.R8, "the record of the detection at leaf " + d + " (kept by epoch " + k.epoch.id
                    + "'s close at leaf " + k.epoch.closeLeaf + ") destroyed (KeptRecordsDestroyed) before any event"
                    + " timed at or after its retainUntil " + k.kept.retainUntil().text(), destroying.contains(d)
                    ? "destroyed by this event, timed " + time.text() + ", not before its retainUntil"
                    : "still kept at this event, timed " + time.text());
        }
    }

    /** An {@code ErasureEpochOpened} of epoch {@code id} at {@code leaf}. */
    void opened(String id, long leaf, Timestamp eraseBy) {
        Epoch e = epoch(id);
        if (e.openLeaf >= 0) {
            return; // seq 0 only: the chain refuses a second opening
        }
        opened++;
        e.openLeaf = leaf;
        e.eraseBy = eraseBy;
        if (wholeLog && e.closeLeaf < 0) {
            closeDue.put(new Deadline(eraseBy.epochMillis(), leaf), e);
        }
    }

    /** An accepted schema-2 detection sealed to epoch {@code id} (R5(a) puts it before the close). */
    void detected(String id) {
        epoch(id).detections++;
    }

    /** An accepted schema-2 watchlist entry sealed to epoch {@code id} (R5(a) puts it before the close). */
    void entrySealed(String id) {
        epoch(id).entries++;
    }

    /** Every accepted event, in leaf order: the entries and withdrawals R5(d) judges a close by. */
    void observeEntries(org.oversight.domain.event.SignedEvent event, long leaf) {
        entryKeeping.observe(event, leaf);
    }

    /**
     * R5(c) at an act ({@code MatchProposed}) at the current leaf that uses the templates of the
     * schema-2 entry {@code entry} authorised at {@code entryLeaf}, sealed to {@code epoch}.
     */
    void entryUsed(String act, String entry, long entryLeaf, String epoch, Violations out) {
        DisclosureRules.useAfterErasure(act, "the entry " + entry + " at leaf " + entryLeaf, epoch,
                fate(epoch, entryLeaf), out);
    }

    /**
     * R5(c) at a {@code MatchProposed} at the current leaf naming the sealed detection
     * {@code detection} at leaf {@code ref.leafIndex()}, which resolved.
     */
    void used(DetectionRef ref, Detection detection, Violations out) {
        DisclosureRules.useAfterErasure("MatchProposed", ref.leafIndex(), detection.epoch(),
                fate(detection.epoch(), ref.leafIndex()), out);
    }

    /** What has become of the record of the sealed detection at {@code d}, sealed to {@code epoch}, so far. */
    DisclosureRules.RecordFate fate(String epoch, long d) {
        Epoch e = epochs.get(epoch);
        if (e == null || e.closeLeaf < 0) {
            return new DisclosureRules.RecordFate.Readable();
        }
        Kept k = e.kept.get(d);
        if (k == null) {
            return new DisclosureRules.RecordFate.Erased(e.closeLeaf);
        }
        return k.destroyedAt >= 0 ? new DisclosureRules.RecordFate.Destroyed(k.destroyedAt)
                : new DisclosureRules.RecordFate.Kept();
    }

    /** The record epoch {@code epoch}'s close kept for the detection at {@code d}, or null. */
    KeptRecord kept(String epoch, long d) {
        Epoch e = epochs.get(epoch);
        Kept k = e == null ? null : e.kept.get(d);
        return k == null ? null : k.kept;
    }

    /** The leaf of epoch {@code epoch}'s close, or -1 if it is not closed. */
    long closeLeaf(String epoch) {
        Epoch e = epochs.get(epoch);
        return e == null ? -1 : e.closeLeaf;
    }

    /** A {@code MatchProposed} at {@code matchLeaf} names the sealed detection at {@code detectionLeaf}. */
    void matched(long detectionLeaf, Detection detection, long matchLeaf) {
        Epoch e = epoch(detection.epoch());
        if (e.closeLeaf < 0) {
            e.matched.putIfAbsent(detectionLeaf, matchLeaf);
        }
    }

    /**
     * An {@code ErasureEpochClosed} of epoch {@code id} at {@code leaf}, timed {@code time}: R5(b)'s
     * count, (d), (e) and R8's bound; then the kept records' retainUntil deadlines start.
     *
     * @param policy the policy in force at the close, or null if none
     */
    void closed(String id, long leaf, Timestamp time, List<KeptRecord> kept, long erased, RetentionPolicy policy,
            DetectionIndex detections, SearchRules searches, Violations out) {
        Epoch e = epoch(id);
        if (e.closeLeaf >= 0) {
            return; // seq 1 only: the chain refuses a second close
        }
        closed++;
        e.closeLeaf = leaf;
        if (e.openLeaf >= 0) {
            closeDue.remove(new Deadline(e.eraseBy.epochMillis(), e.openLeaf));
        }
        for (KeptRecord k : kept) {
            keptRecords++;
            keptFor(e, k, leaf, time, detections, searches, out);
            Kept record = new Kept(k, e);
            e.kept.putIfAbsent(k.detection().leafIndex(), record);
            if (wholeLog) {
                destroyDue.put(new Deadline(k.retainUntil().epochMillis(), k.detection().leafIndex()), record);
            }
        }
        for (Map.Entry<Long, Long> m : e.matched.entrySet()) {
            if (!e.kept.containsKey(m.getKey())) {
                out.add(PolicyRule.R5, "the detection at leaf " + m.getKey() + " kept: the MatchProposed at leaf "
                        + m.getValue() + " names it (R5(e))", "not kept: its record is erased, and with it the"
                        + " evidence of the match");
            }
        }
        for (Map.Entry<Long, String> h : searches.liveHits(id, leaf).entrySet()) {
            if (!e.kept.containsKey(h.getKey())) {
                out.add(PolicyRule.R5, "the detection at leaf " + h.getKey() + " kept: search " + h.getValue()
                        + " performed before the close lists it as a hit and was not destroyed before it (R5(e))",
                        "not kept: its record is erased while the search may still be authorised");
            }
        }
        e.matched = null;
        if (wholeLog) {
            for (KeptRecord must : entryKeeping.mustKeep(id, time)) {
                Kept k = e.kept.get(must.detection().leafIndex());
                if (k == null || k.kept.reason() != KeepReason.WATCHLIST_ENTRY) {
                    SealedWatchlistEntryAuthorized entry = entryKeeping.entryAt(id, must.detection().leafIndex())
                            .orElseThrow();
                    out.add(PolicyRule.R5, "the enrolment record of entry " + entry.entry() + " at leaf "
                            + must.detection().leafIndex() + " kept with reason " + KeepReason.WATCHLIST_ENTRY.wireName()
                            + ": the entry is not withdrawn before the close and valid until "
                            + entry.validUntil().text() + ", after the close's time " + time.text() + " (R5(d))",
                            "not kept: its templates are erased while the entry is live");
                }
            }
            long records = e.detections + e.entries;
            long due = records - kept.size();
            if (erased != due) {
                String sealed = e.entries == 0 ? e.detections + " detections"
                        : e.detections + " detections and " + e.entries + " watchlist entries";
                out.add(PolicyRule.R5, "erased = " + sealed + " sealed to epoch " + id + " - "
                        + kept.size() + " kept = " + due + " (R5(b): every record of the epoch kept or erased)",
                        "erased " + erased);
            }
            retentionBound(kept, time, policy, out);
        }
    }

    /** R5(d) for one kept record of epoch {@code e}, closed at {@code leaf} timed {@code time}. */
    private void keptFor(Epoch e, KeptRecord k, long leaf, Timestamp time, DetectionIndex detections,
            SearchRules searches, Violations out) {
        long d = k.detection().leafIndex();
        if (k.reason() == KeepReason.WATCHLIST_ENTRY) {
            // In an excerpt an entry may simply not be carried; what is carried is judged.
            if (wholeLog || entryKeeping.entryAt(e.id, d).isPresent()) {
                entryKeeping.refusal(e.id, time, k).ifPresent(why -> out.add(PolicyRule.R5, "a kept record of reason "
                        + KeepReason.WATCHLIST_ENTRY.wireName() + " naming a schema-2 WatchlistEntryAuthorized sealed"
                        + " to epoch " + e.id + " that is live at the close, with its authorisationRef as caseRef and"
                        + " its validUntil as retainUntil (R5(d))", why));
            }
            return;
        }
        Detection det = d < leaf ? detections.at(d) : null;
        String expected = "a kept record naming an accepted detection sealed to epoch " + e.id + " at an earlier leaf"
                + " " + d + " with event hash " + k.detection().eventHash().hex() + " (R5(d))";
        if (det == null) {
            if (wholeLog) {
                out.add(PolicyRule.R5, expected, d >= leaf ? "leaf " + d + " is not before this close"
                        : "no accepted FaceDetected at leaf " + d);
            }
        } else if (!det.hash().equals(k.detection().eventHash())) {
            out.add(PolicyRule.R5, expected, "the FaceDetected at leaf " + d + " has event hash " + det.hash().hex());
        } else if (!e.id.equals(det.epoch())) {
            out.add(PolicyRule.R5, expected, det.sealed() ? "the detection at leaf " + d + " is sealed to epoch "
                    + det.epoch() : "the FaceDetected at leaf " + d + " is schema 1: it has no sealed record");
        }
        if (k.reason() == KeepReason.MATCH) {
            if (wholeLog && !e.matched.containsKey(d)) {
                out.add(PolicyRule.R5, "reason " + KeepReason.MATCH.wireName() + ", with a MatchProposed naming the"
                        + " detection at leaf " + d + " before the close (R5(d))", "reason "
                        + KeepReason.MATCH.wireName() + " but no MatchProposed names the detection at leaf " + d
                        + " before the close: kept without a reason");
            }
        } else if (wholeLog && searches.justifying(d, leaf).isEmpty()) {
            out.add(PolicyRule.R5, "reason " + KeepReason.RETROSPECTIVE_SEARCH.wireName() + ", with a"
                    + " RetrospectiveSearchPerformed before the close listing the detection at leaf " + d + " as a hit,"
                    + " whose search was not destroyed before the close (R5(d))", "reason "
                    + KeepReason.RETROSPECTIVE_SEARCH.wireName() + " but no search performed before the close and not"
                    + " destroyed before it lists the detection at leaf " + d + ": kept without a reason");
        }
    }

    /**
     * R8's bound on retainUntil, judged with the policy in force at the close. A watchlist entry's
     * record is bounded by its entry's validUntil instead (R5(d) fixes its retainUntil to it).
     */
    private static void retentionBound(List<KeptRecord> allKept, Timestamp closeTime, RetentionPolicy policy,
            Violations out) {
        List<KeptRecord> kept = allKept.stream().filter(k -> k.reason() != KeepReason.WATCHLIST_ENTRY).toList();
        if (kept.isEmpty()) {
            return;
        }
        if (policy == null || policy.keptRetentionDays().isEmpty()) {
            out.add(PolicyRule.R8, "a schema-2 RecognitionPolicySet in force at the close: its keptRetentionDays"
                    + " bounds the kept records' retainUntil", policy == null ? "no policy set before this leaf"
                    : "the policy at leaf " + policy.leaf() + " is schema 1 (no keptRetentionDays); "
                            + kept.size() + " records kept without a retention bound");
            return;
        }
        long days = policy.keptRetentionDays().getAsLong();
        long bound = closeTime.epochMillis() + days * MILLIS_PER_DAY;
        for (KeptRecord k : kept) {
            if (k.retainUntil().epochMillis() > bound) {
                out.add(PolicyRule.R8, "retainUntil <= " + text(bound) + " (policy at leaf " + policy.leaf()
                        + ": keptRetentionDays " + days + " after the close's time " + closeTime.text() + ")",
                        "retainUntil " + k.retainUntil().text() + " for the record of the detection at leaf "
                                + k.detection().leafIndex());
            }
        }
    }

    private static String text(long millis) {
        try {
            return Timestamp.ofEpochMillis(millis).text();
        } catch (IllegalArgumentException beyondYear9999) {
            return millis + " ms after the epoch";
        }
    }

    /** A {@code KeptRecordsDestroyed} of epoch {@code id}: each reference names a kept, undestroyed record. */
    void destroyed(String id, long leaf, List<DetectionRef> refs, Violations out) {
        destructions++;
        Epoch e = epochs.get(id);
        if (e == null || e.closeLeaf < 0) {
            return; // an excerpt without the close (in a whole log the chain puts the close first)
        }
        for (DetectionRef ref : refs) {
            Kept k = e.kept.get(ref.leafIndex());
            String expected = "a record kept by epoch " + id + "'s close at leaf " + e.closeLeaf + " and not destroyed"
                    + " before (R8)";
            if (k == null || !k.kept.detection().eventHash().equals(ref.eventHash())) {
                out.add(PolicyRule.R8, expected, "the detection at leaf " + ref.leafIndex() + " (event hash "
                        + ref.eventHash().hex() + ") is not among its kept records");
            } else if (k.destroyedAt >= 0) {
                out.add(PolicyRule.R8, expected, "the record of the detection at leaf " + ref.leafIndex()
                        + " was already destroyed at leaf " + k.destroyedAt);
            } else {
                k.destroyedAt = leaf;
                destroyDue.remove(new Deadline(k.kept.retainUntil().epochMillis(), ref.leafIndex()));
            }
        }
    }

    /**
     * A {@code RecordDisclosed} at {@code leaf}: R-disclosure and R5(c) for each record, by the
     * one evaluation the ledger can also run ({@link DisclosureRules}), over this replay's state.
     */
    void disclosed(RecordDisclosed disclosure, long leaf, KeyRecord signer, DetectionIndex detections,
            Function<String, OptionalLong> entryAuthorized, Function<String, Optional<String>> entrySealedTo,
            Violations out) {
        disclosures++;
        DisclosureRules.LogView view = new DisclosureRules.LogView() {
            @Override
            public Optional<DisclosureRules.DetectedAt> detection(long at) {
                Detection d = detections.at(at);
                return d == null ? Optional.empty()
                        : Optional.of(new DisclosureRules.DetectedAt(d.hash(), Optional.ofNullable(d.epoch())));
            }

            @Override
            public DisclosureRules.RecordFate fate(String epoch, long detectionLeaf) {
                return SealedRecordRules.this.fate(epoch, detectionLeaf);
            }

            @Override
            public OptionalLong entryAuthorized(String entry) {
                return entryAuthorized.apply(entry);
            }

            @Override
            public Optional<String> entrySealedTo(String entry) {
                return entrySealedTo.apply(entry);
            }
        };
        DisclosureRules.check(disclosure, leaf, signer, view, wholeLog, out);
    }
}
