package org.oversight.verifier.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.recognition.projection.DecisionKey;
import org.oversight.recognition.projection.Discrepancy;
import org.oversight.recognition.projection.ProjectionInputException;
import org.oversight.recognition.projection.ProjectionReplay;
import org.oversight.recognition.projection.ProjectionState;
import org.oversight.recognition.projection.RecognitionProjection;
import org.oversight.recognition.projection.SealedRecordSource;
import org.oversight.recognition.projection.SkipReason;
import org.oversight.recognition.projection.Step;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.NotRederived;
import org.oversight.verifier.report.Plural;
import org.oversight.verifier.report.Rule;

/**
 * The projection replay of an audit (docs/rules.md, "Projection replay"): runs the pure recognition
 * projection (docs/format.md §9.8) over the accepted events, one at a time in leaf order, and
 * pairs its decisions with the logged {@code MatchProposed} events by (detection leaf, detection
 * event hash, candidate entry) — the pairing of {@link ProjectionReplay#compare}, made incremental
 * so the audit can stream the log.
 *
 * <p>Rule R4(b) with records rides along ({@link SearchRederivation}): each retrospective search's
 * hits are re-derived from the records this replay opened, over the rule book's S.
 *
 * <p>An extra or differing proposal is final when it is read and reported at its own leaf. A
 * derived decision waits in a sorted map until its proposal arrives, so memory is the watchlist
 * the projection holds plus the decisions still pending; at the end of the log each one left is
 * either <em>missing</em> (a violation at its detection's leaf) or <em>pending</em>:
 * its detection lies after the engine's progress mark (the highest detection leaf named by an
 * accepted proposal standing after it) and within the last {@code graceLeaves} leaves. Pending
 * decisions are reported as a fact, not a violation; a later audit of the grown log decides them.
 */
final class ProjectionAudit {
    private final long graceLeaves;
    private final SealedRecordSource records;
    /** Leaf of each schema-2 entry's authorisation, to tell erased from withheld for its record. */
    private final Map<String, Long> entryLeaves = new java.util.TreeMap<>();
    /** Rule R4(b) with records: the searches' hits re-derived from the records this replay opened. */
    private final SearchRederivation searches = new SearchRederivation();
    /** Sealed detections skipped for want of their record, by leaf: a proposal on one is not re-derived. */
    private final HashMap<Long, Unavailable> unavailable = new HashMap<>();
    /** Epoch → its close: leaf and the detections it kept (an epoch absent here is not closed in the log). */
    private final HashMap<String, Close> closes = new HashMap<>();
    /** Epoch → the recipients its {@code ErasureEpochOpened} named. */
    private final HashMap<String, List<EpochRecipient>> recipients = new HashMap<>();
    /** Leaves of the sealed detections without their record that an accepted {@code MatchProposed} names. */
    private final Set<Long> proposedUnavailable = new HashSet<>();
    private final List<OverErased> erasedDecisions = new ArrayList<>();
    /** Leaves of kept detections destroyed later ({@code KeptRecordsDestroyed}). */
    private final Set<Long> destroyed = new HashSet<>();
    private final List<Unjudged> unjudged = new ArrayList<>();
    private final List<NotRederived> notRederived = new ArrayList<>();
    private long withheldDetections;
    private ProjectionState state = ProjectionState.initial();
    private final TreeMap<DecisionKey, Expected> waiting = new TreeMap<>();
    private long derived;
    private long logged;
    private long agreeing;
    private long skippedDetections;
    private long progressMark = -1;
    private long pending;
    private long missing;
    private long oldestPendingLeaf = -1;
    private long leaves;

    /** Without sealed records: {@link #ProjectionAudit(long, SealedRecordSource)} with {@link SealedRecordSource#NONE}. */
    ProjectionAudit(long graceLeaves) {
        this(graceLeaves, SealedRecordSource.NONE);
    }

    /**
     * @param graceLeaves how many leaves at the end of the log may still await their proposals (≥ 0)
     * @param records where sealed detections' records come from (checked against their leaves by it)
     */
    ProjectionAudit(long graceLeaves, SealedRecordSource records) {
        if (graceLeaves < 0) {
            throw new IllegalArgumentException("grace leaves " + graceLeaves + " < 0");
        }
        this.graceLeaves = graceLeaves;
        this.records = searches.remembering(Objects.requireNonNull(records, "records"));
    }

    /**
     * Feeds the accepted event at {@code leaf} (leaves strictly increasing) and returns the
     * violations it settles: an extra or differing {@code MatchProposed} at this leaf.
     */
    List<Finding> observe(SignedEvent event, long leaf) {
        return observe(event, leaf, java.util.Optional.empty());
    }

    /**
     * As {@link #observe(SignedEvent, long)}; for a {@code RetrospectiveSearchPerformed},
     * {@code searchScope} is its searchable set S from the rule book ({@code RuleBook.searchScopeAt}),
     * over which its hits are re-derived (an R4 violation at this leaf if they differ).
     */
    List<Finding> observe(SignedEvent event, long leaf,
            java.util.Optional<List<org.oversight.domain.policy.SearchScope.SealedDetection>> searchScope) {
        Step step;
        try {
            step = RecognitionProjection.apply(state, leaf, event, records);
        } catch (ProjectionInputException e) {
            // The chain rules already refuse a second authorisation (seq 0 only) and a withdrawal of
            // an entry never authorised (its stream is not open), so accepted events never get here.
            throw new IllegalStateException("accepted event at leaf " + leaf + " is no projection input: "
                    + e.getMessage(), e);
        }
        state = step.state();
        if (event.payload() instanceof org.oversight.domain.event.SealedWatchlistEntryAuthorized a) {
            entryLeaves.put(a.entry(), leaf);
        }
        if (step.skip().isPresent()) {
            SkipReason reason = step.skip().get().reason();
            if (reason == SkipReason.RECORD_WITHHELD || reason == SkipReason.RECORD_ERASED) {
                withheldDetections++;
                unavailable.put(leaf, unavailableRecord(state, event));
            } else {
                skippedDetections++;
            }
        }
        observeErasure(event, leaf);
        List<Finding> searched = searches.observe(event, leaf, searchScope);
        for (MatchProposed d : step.decisions()) {
            waiting.put(DecisionKey.of(d), new Expected(d, event.header().eventId()));
            derived++;
        }
        if (!(event.payload() instanceof MatchProposed actual)) {
            return searched; // a search's re-derivation, if this is a RetrospectiveSearchPerformed
        }
        logged++;
        long detectionLeaf = actual.detection().leafIndex();
        if (detectionLeaf < leaf) {
            progressMark = Math.max(progressMark, detectionLeaf);
        }
        String eventId = event.header().eventId();
        Expected expected = waiting.remove(DecisionKey.of(actual));
        Unavailable u = expected == null && detectionLeaf < leaf ? unavailable.get(detectionLeaf) : null;
        if (u != null && u.eventHash().equals(actual.detection().eventHash().hex())) {
            unjudged.add(new Unjudged(leaf, eventId, actual, u));
            proposedUnavailable.add(detectionLeaf);
            return List.of();
        }
        if (expected == null) {
            return List.of(extra(leaf, eventId, actual));
        }
        List<Discrepancy.FieldDifference> fields = ProjectionReplay.differences(expected.decision(), actual);
        if (fields.isEmpty()) {
            agreeing++;
            return List.of();
        }
        return List.of(differing(leaf, eventId, fields));
    }

    /**
     * Whose record made the detection {@code event} at {@code leaf} unavailable: an active schema-2
     * entry's enrolment record (the projection's own rule, {@link RecognitionProjection#unavailableEntryAt},
     * on the state the detection was searched on, whose last leaf is the detection's), else the sealed detection's own record.
     */
    private Unavailable unavailableRecord(ProjectionState searched, SignedEvent event) {
        long leaf = searched.lastLeafIndex();
        org.oversight.domain.event.Detection d = (org.oversight.domain.event.Detection) event.payload();
        java.util.Optional<org.oversight.recognition.projection.WatchedEntry> entry =
                RecognitionProjection.unavailableEntryAt(searched, d.captureTime());
        if (entry.isPresent()) {
            org.oversight.recognition.projection.WatchedEntry w = entry.get();
            String epoch = ((org.oversight.domain.event.SealedWatchlistEntryAuthorized) w.authorisation()).sealed()
                    .epoch();
            return new Unavailable(event.eventHash().hex(), event.header().eventId(), epoch, entryLeaves.get(w.id()), w.id());
        }
        return new Unavailable(event.eventHash().hex(), event.header().eventId(),
                ((SealedFaceDetected) event.payload()).sealed().epoch(), leaf, null);
    }

    /** Remembers what the log says was erased: epoch closes (with what they kept) and destroyed kept records. */
    private void observeErasure(SignedEvent event, long leaf) {
        if (event.payload() instanceof ErasureEpochOpened o) {
            recipients.put(o.epoch(), o.recipients());
        } else if (event.payload() instanceof ErasureEpochClosed c) {
            Set<Long> kept = new HashSet<>();
            for (DetectionRef r : c.keptDetections()) {
                kept.add(r.leafIndex());
            }
            closes.put(c.epoch(), new Close(leaf, kept));
        } else if (event.payload() instanceof KeptRecordsDestroyed k) {
            for (DetectionRef r : k.detections()) {
                destroyed.add(r.leafIndex());
            }
        }
    }

    /**
     * The logged decisions on sealed detections whose record was unavailable, each with why, in log
     * order (after {@link #finish}): erased if the log shows the record destroyed — its epoch's
     * close did not keep it, or a {@code KeptRecordsDestroyed} names it — else withheld.
     */
    List<NotRederived> notRederived() {
        List<NotRederived> all = new ArrayList<>(notRederived);
        all.addAll(searches.notRederived());
        all.sort(Comparator.comparingLong(NotRederived::leafIndex));
        return List.copyOf(all);
    }

    /**
     * The decisions over erased records, in leaf order (after {@link #finish}): each logged
     * {@code MatchProposed} on a sealed detection without its record that the log shows erased (as
     * {@link #notRederived}), at its own leaf, and each such detection that no {@code MatchProposed}
     * names (the log's "no match"), at the detection's leaf. Only detections whose epoch's close is in
     * the log: the window in which a witness could re-derive them ends there.
     */
    List<OverErased> erasedDecisions() {
        return List.copyOf(erasedDecisions);
    }

    private boolean erased(long detectionLeaf, Close close) {
        return destroyed.contains(detectionLeaf) || close != null && !close.kept().contains(detectionLeaf);
    }

    private void listErasedDecisions() {
        TreeMap<Long, OverErased> byLeaf = new TreeMap<>();
        for (Unjudged j : unjudged) {
            long detectionLeaf = j.proposal().detection().leafIndex();
            Close close = closes.get(j.detection().epoch());
            if (close != null && erased(j.detection().recordLeaf(), close)) {
                byLeaf.put(j.leaf(), new OverErased(j.leaf(), j.eventId(), describe(j.proposal()), detectionLeaf,
                        j.detection().epoch(), close.leaf(), recipients.getOrDefault(j.detection().epoch(), List.of())));
            }
        }
        for (Map.Entry<Long, Unavailable> e : unavailable.entrySet()) {
            long detectionLeaf = e.getKey();
            Unavailable u = e.getValue();
            Close close = closes.get(u.epoch());
            if (!proposedUnavailable.contains(detectionLeaf) && close != null && erased(u.recordLeaf(), close)) {
                byLeaf.put(detectionLeaf, new OverErased(detectionLeaf, u.eventId(), "no match: no MatchProposed"
                        + " names the detection " + u.eventHash() + " at leaf " + detectionLeaf
                        + (u.entry() == null ? "" : " (searched while " + u.what(detectionLeaf) + " was unavailable)"),
                        detectionLeaf,
                        u.epoch(), close.leaf(), recipients.getOrDefault(u.epoch(), List.of())));
            }
        }
        erasedDecisions.addAll(byLeaf.values());
    }

    private void classifyUnjudged() {
        listErasedDecisions();
        for (Unjudged j : unjudged) {
            long detectionLeaf = j.proposal().detection().leafIndex();
            long recordLeaf = j.detection().recordLeaf();
            Close close = closes.get(j.detection().epoch());
            Set<Long> kept = close == null ? null : close.kept();
            String decision = describe(j.proposal());
            String what = j.detection().what(detectionLeaf);
            String prefix = j.detection().entry() == null ? "" : what + ": ";
            NotRederived n;
            if (destroyed.contains(recordLeaf)) {
                n = new NotRederived(j.leaf(), j.eventId(), decision, NotRederived.Reason.ERASED, prefix + "epoch "
                        + j.detection().epoch() + ": the kept record was destroyed (KeptRecordsDestroyed)");
            } else if (kept != null && !kept.contains(recordLeaf)) {
                n = new NotRederived(j.leaf(), j.eventId(), decision, NotRederived.Reason.ERASED, "epoch "
                        + j.detection().epoch() + " closed without keeping " + what);
            } else {
                n = new NotRederived(j.leaf(), j.eventId(), decision, NotRederived.Reason.WITHHELD, prefix + "epoch "
                        + j.detection().epoch() + (kept == null ? " not closed in this log" : " closed, record kept")
                        + "; the record was not given to the verifier");
            }
            notRederived.add(n);
        }
        unjudged.clear();
    }

    /**
     * Ends the replay after {@code leaves} leaves: every derived decision never logged, as a
     * missing-proposal violation at its detection's leaf unless it is pending (see the class
     * comment). In detection-leaf order.
     */
    List<Finding> finish(long leaves) {
        this.leaves = leaves;
        classifyUnjudged();
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<DecisionKey, Expected> e : waiting.entrySet()) {
            MatchProposed d = e.getValue().decision();
            long detectionLeaf = d.detection().leafIndex();
            if (isPending(detectionLeaf)) {
                pending++;
                if (oldestPendingLeaf < 0) {
                    oldestPendingLeaf = detectionLeaf;
                }
            } else {
                missing++;
                out.add(missing(e.getValue()));
            }
        }
        waiting.clear();
        return out;
    }

    /**
     * The live auditor's check after {@code leaves} leaves, the log going on: removes and reports, as
     * {@link #finish} would at this size, every derived decision that is no longer pending (its
     * proposal is missing); decisions still pending stay waiting. Once a decision is overdue it stays
     * so as the log grows (the progress mark and {@code leaves − graceLeaves} only increase), so a
     * witness that refuses at this size agrees with a whole-log audit at this size.
     */
    List<Finding> overdue(long leaves) {
        this.leaves = leaves;
        List<Finding> out = new ArrayList<>();
        var it = waiting.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<DecisionKey, Expected> e = it.next();
            MatchProposed d = e.getValue().decision();
            long detectionLeaf = d.detection().leafIndex();
            if (!isPending(detectionLeaf)) {
                missing++;
                out.add(missing(e.getValue()));
                it.remove();
            }
        }
        return out;
    }

    private Finding missing(Expected expected) {
        MatchProposed d = expected.decision();
        long detectionLeaf = d.detection().leafIndex();
        return new Finding(Rule.PROJECTION, detectionLeaf, expected.detectionEventId(),
                "a MatchProposed after leaf " + detectionLeaf + ": " + describe(d),
                "none in the log (MISSING; " + whyDue(detectionLeaf) + ")");
    }

    private boolean isPending(long detectionLeaf) {
        return detectionLeaf > progressMark && detectionLeaf >= leaves - graceLeaves;
    }

    private String whyDue(long detectionLeaf) {
        return detectionLeaf <= progressMark
                ? "the engine already proposed for the detection at leaf " + progressMark
                : "the detection is more than " + graceLeaves + " leaves before the end of the log";
    }

    long derived() {
        return derived;
    }

    long logged() {
        return logged;
    }

    long agreeing() {
        return agreeing;
    }

    /** Sealed detections replayed without their record (withheld or erased). */
    long withheldDetections() {
        return withheldDetections;
    }

    long pending() {
        return pending;
    }

    long missing() {
        return missing;
    }

    /** The report fact after {@link #finish}: what was derived, what agreed, what is pending. */
    String summary() {
        StringJoiner s = new StringJoiner("; ");
        s.add(Plural.of(derived, "decision") + " derived by " + RecognitionProjection.ENGINE_VERSION + ", " + logged
                + " MatchProposed accepted, " + agreeing + " agree");
        s.add(Plural.of(skippedDetections, "detection") + " not searched (no policy, model or format mismatch, malformed"
                + " template)");
        if (withheldDetections > 0 || !notRederived.isEmpty()) {
            long erased = notRederived.stream().filter(n -> n.reason() == NotRederived.Reason.ERASED).count();
            s.add(Plural.of(withheldDetections, "sealed detection") + " without their record; " + notRederived.size()
                    + " MatchProposed not re-derived (" + (notRederived.size() - erased) + " withheld, " + erased
                    + " erased)");
        }
        long searchesNotRederived = searches.notRederived().size();
        if (searches.rederived() > 0 || searchesNotRederived > 0) {
            s.add(Plural.of(searches.rederived(), "retrospective search", "retrospective searches") + " re-derived from the records held, "
                    + searches.agreeing() + " agree; " + searchesNotRederived + " not re-derived (records of their"
                    + " searchable set not held)");
        }
        s.add(missing + " missing");
        if (pending == 0) {
            s.add("none pending");
        } else {
            String mark = progressMark < 0 ? "none yet" : "leaf " + progressMark;
            s.add(pending + " pending, not judged: for detections from leaf " + oldestPendingLeaf + " on, after the"
                    + " last detection the engine proposed for (" + mark + ") and within the last " + graceLeaves
                    + " leaves; a later audit decides them");
        }
        return s.toString();
    }

    private static Finding extra(long leaf, String eventId, MatchProposed actual) {
        long detectionLeaf = actual.detection().leafIndex();
        String why = detectionLeaf >= leaf
                ? "it names a detection at leaf " + detectionLeaf + ", not before its own leaf " + leaf
                : "the projection derives no such decision for the accepted detection at leaf " + detectionLeaf
                        + " with that event hash, or it was already proposed";
        return new Finding(Rule.PROJECTION, leaf, eventId, "no MatchProposed for detection leaf " + detectionLeaf
                + " and entry " + actual.candidateEntry() + " (" + why + ")", "EXTRA: " + describe(actual));
    }

    private static Finding differing(long leaf, String eventId, List<Discrepancy.FieldDifference> fields) {
        StringJoiner expected = new StringJoiner(", ");
        StringJoiner found = new StringJoiner(", ");
        for (Discrepancy.FieldDifference f : fields) {
            expected.add(f.field() + " " + f.expected());
            found.add(f.field() + " " + f.actual());
        }
        return new Finding(Rule.PROJECTION, leaf, eventId, "the derived decision: " + expected,
                "DIFFERING: " + found);
    }

    /** Every member of a proposal, in payload order (docs/format.md §4.8). */
    private static String describe(MatchProposed m) {
        return "match " + m.match() + ", detection " + m.detection().eventHash().hex() + " at leaf "
                + m.detection().leafIndex() + ", candidateEntry " + m.candidateEntry() + ", score " + m.score()
                + ", threshold " + m.threshold() + ", watchlistSnapshot " + m.watchlistSnapshot().root().hex()
                + " size " + m.watchlistSnapshot().size() + ", modelId " + m.modelId() + ", engineVersion "
                + m.engineVersion();
    }

    /** A sealed detection skipped for want of its record: its event hash, event id and epoch. */
    /**
     * A detection searched without a record: the unavailable record is the detection's own
     * ({@code entry} null, {@code recordLeaf} the detection's leaf) or an active sealed entry's
     * enrolment record ({@code recordLeaf} the entry's leaf).
     */
    private record Unavailable(String eventHash, String eventId, String epoch, long recordLeaf, String entry) {
        /** How reports name the record. */
        String what(long detectionLeaf) {
            return entry == null ? "the detection at leaf " + detectionLeaf
                    : "entry " + entry + "'s enrolment record (leaf " + recordLeaf + ")";
        }
    }

    /** An epoch's close: its leaf and the leaves of the detections it kept. */
    private record Close(long leaf, Set<Long> kept) {}

    /**
     * A decision over an erased record, before the witnesses are named: at {@code leaf} (the
     * proposal's, or the detection's for "no match"), on the detection at {@code detectionLeaf} of
     * {@code epoch}, closed at {@code closeLeaf}, whose {@code ErasureEpochOpened} named {@code recipients}.
     */
    record OverErased(long leaf, String eventId, String decision, long detectionLeaf, String epoch,
            long closeLeaf, List<EpochRecipient> recipients) {}

    /** A logged proposal on such a detection, classified at the end of the log. */
    private record Unjudged(long leaf, String eventId, MatchProposed proposal, Unavailable detection) {}

    /** A derived decision waiting for its proposal, with the event id of its detection. */
    private record Expected(MatchProposed decision, String detectionEventId) {
        Expected {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(detectionEventId, "detectionEventId");
        }
    }
}
