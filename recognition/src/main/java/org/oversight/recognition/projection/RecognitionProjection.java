package org.oversight.recognition.projection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.SnapshotRef;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntry;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntryWithdrawn;
import org.oversight.recognition.match.MatchScore;
import org.oversight.domain.policy.ScoreScale;
import org.oversight.recognition.match.internal.SquaredDistance;
import org.oversight.recognition.template.FaceTemplate;

/**
 * The recognition projection (docs/format.md §9.8): a pure function
 * {@code (state, event at leaf i) → (state', decisions)} over events in log order.
 *
 * <ul>
 *   <li>{@code RecognitionPolicySet} replaces the policy in force; {@code WatchlistEntryAuthorized}
 *       adds an entry; {@code WatchlistEntryWithdrawn} removes it for good. These take effect for
 *       every later leaf. A schema-2 entry's templates come from its sealed enrolment record, which
 *       the {@link SealedRecordSource} is asked for once, when the entry is authorised
 *       ({@link SealedRecordSource#openEnrolment}); if it is unavailable the entry is still active
 *       for its window until its record ends (below), and a detection searched while it is active is a {@link Skip} with the
 *       unavailability's reason (no decisions).
 *   <li>{@code ErasureEpochClosed} of epoch E ends, like a withdrawal at its leaf, every schema-2
 *       entry sealed to E in the state that none of its kept records names (same leaf index and
 *       event hash): its enrolment record was erased. {@code KeptRecordsDestroyed} of epoch E
 *       ends every schema-2 entry sealed to E in the state that one of its references names: its
 *       kept record was destroyed. No detection at a later leaf is searched against such an entry,
 *       whatever its capture time (rule R5(c) forbids a match naming it), so the ledger's engine,
 *       the audit and a witness — restarted or not — derive the same decisions from the log alone.
 *   <li>{@code FaceDetected} is searched against the entries authorised at earlier leaves, not
 *       withdrawn at earlier leaves, and whose window covers the detection's {@code captureTime};
 *       the decisions are {@code MatchProposed} payloads (best first, at most
 *       {@link #MAX_PROPOSALS_PER_DETECTION}). A schema-1 detection carries its template in the
 *       leaf; a sealed (schema-2) detection carries only a commitment, and its template comes from
 *       the {@link SealedRecordSource} the caller passes: an available record's template is used
 *       exactly as a schema-1 template, an unavailable one makes the detection a {@link Skip}
 *       ({@link SkipReason#RECORD_WITHHELD}, {@link SkipReason#RECORD_ERASED}).
 *   <li>Every other type, including {@code MatchProposed} itself (an output, never an input), only
 *       advances the leaf index.
 * </ul>
 *
 * <p>Input events are assumed already accepted (parsed, chained, signed by a permitted key:
 * docs/format.md §5.5); the projection does not check signatures. Determinism: no clock, no
 * randomness, exact integer scores, sorted collections and a total order on candidates, so the
 * engine and a verifier derive identical decisions. The projection is a pure function of the
 * events plus the records source (see {@link SealedRecordSource} for what a source must guarantee);
 * the overloads without a source pass {@link SealedRecordSource#NONE}, which withholds every
 * sealed record and never affects schema-1 detections.
 */
public final class RecognitionProjection {
    /** The {@code engineVersion} of every decision; changes whenever these rules change. */
    public static final String ENGINE_VERSION = "oversight-engine/1";
    /** Most decisions one detection yields: the best candidates passing the threshold. */
    public static final int MAX_PROPOSALS_PER_DETECTION = 5;
    /** The only template format this engine compares (docs/format.md §9.4). */
    public static final int SUPPORTED_TEMPLATE_FORMAT = FaceTemplate.VERSION;

    /** Fewest detections in a run that {@link #applyAll} searches in one batched pass. */
    static final int BATCH_MIN = 4;

    private static final Comparator<Scored> BEST_FIRST =
            Comparator.comparingLong(Scored::squaredDistance).thenComparing(s -> s.entry().id());

    private RecognitionProjection() {}

    /**
     * Feeds the event at {@code leafIndex} to the projection without sealed records:
     * {@link #apply(ProjectionState, long, SignedEvent, SealedRecordSource)} with
     * {@link SealedRecordSource#NONE} (every sealed detection is skipped as withheld).
     *
     * @throws ProjectionInputException as the overload with a source
     */
    public static Step apply(ProjectionState state, long leafIndex, SignedEvent event) throws ProjectionInputException {
        return apply(state, leafIndex, event, SealedRecordSource.NONE);
    }

    /**
     * Feeds the event at {@code leafIndex} to the projection; a sealed detection's record is taken
     * from {@code records} (asked only for schema-2 detections that pass the leaf's checks).
     *
     * @throws ProjectionInputException if {@code leafIndex} is not after {@code state.lastLeafIndex()},
     *     an entry is authorised a second time, or an entry never authorised is withdrawn
     */
    public static Step apply(ProjectionState state, long leafIndex, SignedEvent event, SealedRecordSource records)
            throws ProjectionInputException {
        Objects.requireNonNull(records, "records");
        requireAfter(state, leafIndex);
        switch (event.type()) {
            case RECOGNITION_POLICY_SET:
                return none(state.withPolicy(leafIndex, (RecognitionPolicySet) event.payload()));
            case WATCHLIST_ENTRY_AUTHORIZED:
                return none(authorise(state, leafIndex, event, records));
            case WATCHLIST_ENTRY_WITHDRAWN:
                return none(withdraw(state, leafIndex, (WatchlistEntryWithdrawn) event.payload()));
            case ERASURE_EPOCH_CLOSED:
                return none(closeEpoch(state, leafIndex, (ErasureEpochClosed) event.payload()));
            case KEPT_RECORDS_DESTROYED:
                return none(destroyKept(state, leafIndex, (KeptRecordsDestroyed) event.payload()));
            case FACE_DETECTED:
                return detect(state.at(leafIndex), leafIndex, event, records);
            default:
                return none(state.at(leafIndex));
        }
    }

    private static void requireAfter(ProjectionState state, long leafIndex) throws ProjectionInputException {
        if (leafIndex <= state.lastLeafIndex()) {
            throw new ProjectionInputException(
                    "leaf index " + leafIndex + " <= previous leaf index " + state.lastLeafIndex());
        }
    }

    private static Step none(ProjectionState next) {
        return new Step(next, List.of(), Optional.empty());
    }

    private static ProjectionState authorise(ProjectionState state, long leafIndex, SignedEvent event,
            SealedRecordSource records) throws ProjectionInputException {
        WatchlistEntry a = (WatchlistEntry) event.payload();
        if (state.knows(a.entry())) {
            throw new ProjectionInputException("leaf " + leafIndex + ": entry " + a.entry() + " authorised again");
        }
        WatchedEntry entry = a instanceof SealedWatchlistEntryAuthorized sealed
                ? sealedEntry(leafIndex, event, sealed, records)
                : WatchedEntry.of(event.eventHash(), (WatchlistEntryAuthorized) a);
        return state.withEntry(leafIndex, entry);
    }

    /**
     * A schema-2 entry with the templates of its enrolment record from {@code records}, or
     * unavailable (withheld, erased, or — a source breaking its contract — not what the leaf
     * declares: withheld, with the mismatch named).
     */
    private static WatchedEntry sealedEntry(long leafIndex, SignedEvent event, SealedWatchlistEntryAuthorized a,
            SealedRecordSource records) {
        EnrolmentAvailability record = Objects.requireNonNull(
                records.openEnrolment(new DetectionRef(event.eventHash(), leafIndex), event), "enrolment record");
        if (record instanceof RecordAvailability.Unavailable u) {
            return WatchedEntry.unavailable(event.eventHash(), a, u);
        }
        List<Template> templates = ((EnrolmentAvailability.Available) record).templates();
        for (int i = 0; i < templates.size(); i++) {
            Template t = templates.get(i);
            if (!t.modelId().equals(a.modelId()) || t.format() != a.templateFormat()) {
                return WatchedEntry.unavailable(event.eventHash(), a, new RecordAvailability.Unavailable(
                        RecordAvailability.Reason.WITHHELD, "the source's template " + i + " (model " + t.modelId()
                                + " format " + t.format() + ") is not of the leaf's model " + a.modelId() + " format "
                                + a.templateFormat()));
            }
        }
        if (templates.size() != a.templateCount()) {
            return WatchedEntry.unavailable(event.eventHash(), a, new RecordAvailability.Unavailable(
                    RecordAvailability.Reason.WITHHELD, "the source gave " + templates.size()
                            + " templates, the leaf's templateCount is " + a.templateCount()));
        }
        return WatchedEntry.sealed(event.eventHash(), a, templates);
    }

    private static ProjectionState withdraw(ProjectionState state, long leafIndex, WatchlistEntryWithdrawn w)
            throws ProjectionInputException {
        if (!state.knows(w.entry())) {
            throw new ProjectionInputException(
                    "leaf " + leafIndex + ": entry " + w.entry() + " withdrawn but never authorised");
        }
        if (!state.holds(w.entry())) {
            return state.at(leafIndex); // a repeated withdrawal is allowed by the chain and changes nothing
        }
        return state.withWithdrawal(leafIndex, w.entry());
    }

    /**
     * The state after the close of epoch {@code c.epoch()} at {@code leafIndex}: the schema-2
     * entries sealed to it whose enrolment record it did not keep are no longer searched.
     */
    private static ProjectionState closeEpoch(ProjectionState state, long leafIndex, ErasureEpochClosed c) {
        return state.withRecordsEnded(leafIndex, (entryLeaf, entry) -> sealedTo(entry, c.epoch())
                && c.kept().stream().map(KeptRecord::detection).noneMatch(r -> names(r, entryLeaf, entry)));
    }

    /**
     * The state after a {@code KeptRecordsDestroyed} of epoch {@code x.epoch()} at
     * {@code leafIndex}: the schema-2 entries sealed to it whose kept record it destroys are no
     * longer searched.
     */
    private static ProjectionState destroyKept(ProjectionState state, long leafIndex, KeptRecordsDestroyed x) {
        return state.withRecordsEnded(leafIndex, (entryLeaf, entry) -> sealedTo(entry, x.epoch())
                && x.detections().stream().anyMatch(r -> names(r, entryLeaf, entry)));
    }

    private static boolean sealedTo(WatchedEntry entry, String epoch) {
        return entry.authorisation() instanceof SealedWatchlistEntryAuthorized s && s.sealed().epoch().equals(epoch);
    }

    /** Whether the record reference {@code ref} names the entry authorised at {@code entryLeaf} (format.md §4.9). */
    private static boolean names(DetectionRef ref, long entryLeaf, WatchedEntry entry) {
        return ref.leafIndex() == entryLeaf && ref.eventHash().equals(entry.authorizedEvent());
    }

    private static Step detect(ProjectionState state, long leafIndex, SignedEvent event, SealedRecordSource records) {
        try {
            return detect(searchable(state, leafIndex, event, records));
        } catch (Skipped e) {
            return e.step;
        }
    }

    private static Step detect(Searchable q) {
        ProjectionState state = q.state();
        int[] probeComponents = SquaredDistance.widen(q.probe().components());
        byte[] probeModel = q.probe().modelId().toByteArray();
        RecognitionPolicySet policy = q.policy();
        List<Scored> passing = new ArrayList<>();
        List<WatchedEntry> active = q.active();
        for (WatchedEntry e : active) {
            int distance = e.bestSquaredDistance(probeComponents, probeModel, policy.modelId(),
                    policy.templateFormat());
            if (distance >= 0 && ScoreScale.passes(distance, policy.threshold())) {
                passing.add(new Scored(e, distance));
            }
        }
        return decide(q, active, passing);
    }

    /**
     * A detection that passed the checks before the search, with its parsed probe and the entries
     * active at its capture time ({@link ProjectionState#activeAt}, listed once for both the
     * availability check and the search).
     */
    private record Searchable(ProjectionState state, long leafIndex, EventHash hash, Timestamp captureTime,
            RecognitionPolicySet policy, FaceTemplate probe, List<WatchedEntry> active) {}

    /** The step of a detection that is not searched (an exception only to leave {@link #searchable}). */
    private static final class Skipped extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Step step;

        Skipped(Step step) {
            super(null, null, false, false);
            this.step = step;
        }
    }

    /**
     * The checks before the search (docs/format.md §9.8), in order; the first that fails is the skip.
     * A sealed detection is checked on its leaf's model id and template format first, so a replay
     * without its record still decides every skip the leaf alone decides; its record is asked for
     * only then, and its template must carry the leaf's model id and format.
     */
    private static Searchable searchable(ProjectionState state, long leafIndex, SignedEvent event,
            SealedRecordSource records) throws Skipped {
        Optional<RecognitionPolicySet> maybePolicy = state.policy();
        if (maybePolicy.isEmpty()) {
            throw new Skipped(skipped(state, SkipReason.NO_POLICY, "no RecognitionPolicySet before leaf " + leafIndex));
        }
        RecognitionPolicySet policy = maybePolicy.get();
        Template probeTemplate;
        Timestamp captureTime;
        List<WatchedEntry> active;
        if (event.payload() instanceof FaceDetected d) {
            probeTemplate = d.template();
            captureTime = d.captureTime();
            checkAgainstPolicy(state, policy, probeTemplate.modelId(), probeTemplate.format(), "detection");
            active = state.activeAt(captureTime);
        } else {
            SealedFaceDetected d = (SealedFaceDetected) event.payload();
            captureTime = d.captureTime();
            checkAgainstPolicy(state, policy, d.modelId(), d.templateFormat(), "sealed detection");
            active = state.activeAt(captureTime);
            requireEntriesAvailable(state, active);
            probeTemplate = sealedTemplate(state, leafIndex, event, d, records);
        }
        if (event.payload() instanceof FaceDetected) {
            requireEntriesAvailable(state, active); // a sealed detection's was checked before its record was asked for
        }
        Optional<FaceTemplate> probe = WatchedEntry.parseV1(probeTemplate);
        if (probe.isEmpty()) {
            throw new Skipped(skipped(state, SkipReason.MALFORMED_TEMPLATE,
                    "detection template of " + probeTemplate.length() + " bytes is not a valid version-1 template"));
        }
        return new Searchable(state, leafIndex, event.eventHash(), captureTime, policy, probe.get(), active);
    }

    private static void checkAgainstPolicy(ProjectionState state, RecognitionPolicySet policy, String modelId,
            int format, String what) throws Skipped {
        if (!modelId.equals(policy.modelId())) {
            throw new Skipped(skipped(state, SkipReason.MODEL_MISMATCH,
                    what + " model " + modelId + " != policy model " + policy.modelId()));
        }
        if (format != policy.templateFormat()) {
            throw new Skipped(skipped(state, SkipReason.FORMAT_MISMATCH,
                    what + " template format " + format + " != policy format " + policy.templateFormat()));
        }
        if (policy.templateFormat() != SUPPORTED_TEMPLATE_FORMAT) {
            throw new Skipped(skipped(state, SkipReason.UNSUPPORTED_FORMAT,
                    "policy template format " + policy.templateFormat() + " != supported " + SUPPORTED_TEMPLATE_FORMAT));
        }
    }

    /**
     * The skip of a detection searched while a schema-2 entry whose enrolment record is unavailable
     * is active: without that entry's templates no search result would be the rule's (format.md
     * §9.8). The first such entry by id decides the reason and is named.
     */
    private static void requireEntriesAvailable(ProjectionState state, List<WatchedEntry> active) throws Skipped {
        Optional<WatchedEntry> missing = firstUnavailable(active);
        if (missing.isPresent()) {
            WatchedEntry e = missing.get();
            {
                RecordAvailability.Unavailable u = e.unavailable().get();
                SkipReason reason = u.reason() == RecordAvailability.Reason.ERASED
                        ? SkipReason.RECORD_ERASED : SkipReason.RECORD_WITHHELD;
                throw new Skipped(skipped(state, reason, "enrolment record of the active sealed entry " + e.id()
                        + " " + u.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + u.detail()));
            }
        }
    }

    /**
     * The schema-2 entry whose enrolment record is unavailable that makes a detection captured at
     * {@code captureTime} on {@code state} a skip (the first such active entry by id), or empty:
     * the one rule, for the projection and for an audit telling why a detection was skipped.
     */
    public static Optional<WatchedEntry> unavailableEntryAt(ProjectionState state, Timestamp captureTime) {
        return firstUnavailable(state.activeAt(captureTime));
    }

    /** The first entry of {@code active} (a result of {@link ProjectionState#activeAt}) whose record is unavailable. */
    private static Optional<WatchedEntry> firstUnavailable(List<WatchedEntry> active) {
        for (WatchedEntry e : active) {
            if (e.unavailable().isPresent()) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The template of a sealed detection's record from {@code records}, or the skip saying why there is none. */
    private static Template sealedTemplate(ProjectionState state, long leafIndex, SignedEvent event, SealedFaceDetected d,
            SealedRecordSource records) throws Skipped {
        RecordAvailability record = records.open(new DetectionRef(event.eventHash(), leafIndex), event);
        if (record instanceof RecordAvailability.Unavailable u) {
            SkipReason reason = u.reason() == RecordAvailability.Reason.ERASED
                    ? SkipReason.RECORD_ERASED : SkipReason.RECORD_WITHHELD;
            throw new Skipped(skipped(state, reason, "record of the sealed detection at leaf " + leafIndex
                    + " " + u.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + u.detail()));
        }
        Template t = ((RecordAvailability.Available) Objects.requireNonNull(record, "record")).template();
        if (!t.modelId().equals(d.modelId())) {
            throw new Skipped(skipped(state, SkipReason.MODEL_MISMATCH,
                    "record template model " + t.modelId() + " != sealed detection model " + d.modelId()));
        }
        if (t.format() != d.templateFormat()) {
            throw new Skipped(skipped(state, SkipReason.FORMAT_MISMATCH,
                    "record template format " + t.format() + " != sealed detection template format "
                            + d.templateFormat()));
        }
        return t;
    }

    /**
     * The decisions of a searched detection: {@code passing} (the active entries whose best
     * comparable template scores within the threshold, with that score) best first, at most
     * {@link #MAX_PROPOSALS_PER_DETECTION}, each naming the snapshot of {@code active}.
     */
    private static Step decide(Searchable q, List<WatchedEntry> active, List<Scored> passing) {
        if (passing.isEmpty()) {
            return new Step(q.state(), List.of(), Optional.empty());
        }
        passing.sort(BEST_FIRST);
        RecognitionPolicySet policy = q.policy();
        SnapshotRef snapshot = q.state().snapshotOf(active);
        DetectionRef ref = new DetectionRef(q.hash(), q.leafIndex());
        List<MatchProposed> decisions = new ArrayList<>();
        for (Scored s : passing.subList(0, Math.min(MAX_PROPOSALS_PER_DETECTION, passing.size()))) {
            decisions.add(new MatchProposed(MatchIds.derive(q.hash(), q.leafIndex(), s.entry().id()), ref,
                    s.entry().id(), s.squaredDistance(), policy.threshold(), snapshot, policy.modelId(), ENGINE_VERSION));
        }
        return new Step(q.state(), decisions, Optional.empty());
    }

    /**
     * Feeds {@code events} (increasing leaf indexes, after {@code state.lastLeafIndex()}) to the
     * projection in order: the result is exactly the steps {@link #apply} gives one event at a
     * time — same states, same decisions in the same order, same skips, same exception at the same
     * event. {@code FaceDetected} events change no state but the leaf index, so the detections of a
     * run of events that change none (detections, the engine's {@code MatchProposed}, every type
     * {@link #apply} only advances the leaf index for) see the same policy and the same watchlist;
     * they are searched together, in one pass over the
     * watchlist's comparable templates ({@link WatchlistGallery}: several probes per pass, exact
     * integer scores). Everything after the scores — which entries are active at each detection's
     * capture time, which templates are comparable, best per entry, threshold, order, snapshot —
     * is the same code as {@link #apply}'s.
     *
     * @throws ProjectionInputException as {@link #apply}, for the first event it would throw at
     *     (the steps before it are then lost with the exception, as with a failed {@code apply})
     */
    public static List<Step> applyAll(ProjectionState state, List<LoggedEvent> events) throws ProjectionInputException {
        return applyAll(state, events, SealedRecordSource.NONE);
    }

    /**
     * {@link #applyAll(ProjectionState, List)} with sealed records from {@code records}: exactly the
     * steps {@link #apply(ProjectionState, long, SignedEvent, SealedRecordSource)} gives one event at
     * a time with the same source.
     *
     * @throws ProjectionInputException as {@link #apply}
     */
    public static List<Step> applyAll(ProjectionState state, List<LoggedEvent> events, SealedRecordSource records)
            throws ProjectionInputException {
        Objects.requireNonNull(records, "records");
        List<Step> steps = new ArrayList<>(events.size());
        int i = 0;
        while (i < events.size()) {
            if (changesState(events.get(i).event().type())) {
                Step step = apply(state, events.get(i).leafIndex(), events.get(i).event(), records);
                steps.add(step);
                state = step.state();
                i++;
                continue;
            }
            int end = i;
            while (end < events.size() && !changesState(events.get(end).event().type())) {
                end++;
            }
            state = detectAll(state, events.subList(i, end), records, steps);
            i = end;
        }
        return steps;
    }

    /** Whether events of {@code type} change the projection's state beyond its leaf index ({@link #apply}'s switch). */
    private static boolean changesState(EventType type) {
        return type == EventType.RECOGNITION_POLICY_SET || type == EventType.WATCHLIST_ENTRY_AUTHORIZED
                || type == EventType.WATCHLIST_ENTRY_WITHDRAWN || type == EventType.ERASURE_EPOCH_CLOSED
                || type == EventType.KEPT_RECORDS_DESTROYED;
    }

    /**
     * {@link #applyAll} over a run of events none of which {@link #changesState} (detections and
     * events that only advance the leaf index, such as the engine's own {@code MatchProposed});
     * appends their steps, returns the last state.
     */
    private static ProjectionState detectAll(ProjectionState state, List<LoggedEvent> run, SealedRecordSource records,
            List<Step> steps) throws ProjectionInputException {
        Step[] out = new Step[run.size()];
        List<Searchable> searched = new ArrayList<>();
        List<Integer> searchedAt = new ArrayList<>();
        for (int k = 0; k < run.size(); k++) {
            LoggedEvent le = run.get(k);
            requireAfter(state, le.leafIndex());
            state = state.at(le.leafIndex());
            if (le.event().type() != EventType.FACE_DETECTED) {
                out[k] = none(state);
                continue;
            }
            try {
                searched.add(searchable(state, le.leafIndex(), le.event(), records));
                searchedAt.add(k);
            } catch (Skipped e) {
                out[k] = e.step;
            }
        }
        if (searched.size() < BATCH_MIN) {
            // Too few to repay laying the watchlist out for a batched pass: searched one at a time.
            for (int q = 0; q < searched.size(); q++) {
                Searchable d = searched.get(q);
                out[searchedAt.get(q)] = detect(d);
            }
        } else {
            // No state change inside the run: one policy, one set of visible entries for all of it.
            List<Step> found = searchTogether(searched);
            for (int q = 0; q < found.size(); q++) {
                out[searchedAt.get(q)] = found.get(q);
            }
        }
        steps.addAll(Arrays.asList(out));
        return state;
    }

    /**
     * The steps of detections searched against the same policy and visible entries: one batched
     * pass computes, for each probe, every comparable template's score within the threshold; the
     * rest is {@link #detect}'s rule on those scores.
     */
    private static List<Step> searchTogether(List<Searchable> detections) {
        ProjectionState first = detections.get(0).state();
        RecognitionPolicySet policy = detections.get(0).policy();
        WatchlistGallery gallery = WatchlistGallery.of(first.entries().values(), policy.modelId(), policy.templateFormat());
        int bound = (int) Math.max(-1, Math.min(policy.threshold(), MatchScore.MAX));
        byte[][] probes = new byte[detections.size()][];
        byte[][] probeModels = new byte[detections.size()][];
        for (int p = 0; p < probes.length; p++) {
            probes[p] = detections.get(p).probe().components();
            probeModels[p] = detections.get(p).probe().modelId().toByteArray();
        }
        List<Map<WatchedEntry, Integer>> best = gallery.bestWithin(probes, probeModels, bound);
        List<Step> out = new ArrayList<>(detections.size());
        for (int p = 0; p < probes.length; p++) {
            Searchable q = detections.get(p);
            List<WatchedEntry> active = q.active();
            List<Scored> passing = new ArrayList<>();
            Map<WatchedEntry, Integer> scores = best.get(p);
            for (WatchedEntry e : active) {
                Integer distance = scores.get(e);
                if (distance != null && distance <= policy.threshold()) {
                    passing.add(new Scored(e, distance));
                }
            }
            out.add(decide(q, active, passing));
        }
        return out;
    }

    private static Step skipped(ProjectionState state, SkipReason reason, String detail) {
        return new Step(state, List.of(), Optional.of(new Skip(reason, detail)));
    }

    private record Scored(WatchedEntry entry, long squaredDistance) {}

}
