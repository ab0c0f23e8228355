package org.oversight.recognition.projection;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.oversight.domain.event.MatchProposed;

/**
 * Replays the recognition projection over a log and compares its decisions with the
 * {@code MatchProposed} events actually logged (docs/format.md §9.8): the log must hold exactly the
 * derived decisions — same content, none missing, none extra.
 *
 * <p>Placement rule: the {@code MatchProposed} for a decision on the detection at leaf {@code i}
 * must be at some leaf {@code j > i}; order among decisions and interleaving with other events are
 * free. A {@code MatchProposed} at or before the leaf it names cannot be derived there and is
 * {@link Discrepancy.Extra}. Decisions still unmatched at the end are {@link Discrepancy.Missing}
 * — so a prefix that ends between a detection and its proposals reports them missing; callers
 * checking a prefix decide whether to tolerate that tail.
 */
public final class ProjectionReplay {
    /** Events fed to the projection at a time. */
    private static final int WINDOW = 1024;

    private ProjectionReplay() {}

    /**
     * Runs the projection over {@code log} (strictly increasing leaf indices) and lists every
     * discrepancy: extras and differing ones in log order, then missing ones by detection leaf.
     *
     * @throws ProjectionInputException if the input cannot be an accepted log (see
     *     {@link RecognitionProjection#apply})
     */
    public static List<Discrepancy> compare(Iterable<LoggedEvent> log) throws ProjectionInputException {
        return compare(log, SealedRecordSource.NONE);
    }

    /**
     * {@link #compare(Iterable)} with the sealed detections' records from {@code records}. A
     * proposal logged (after it) on a sealed detection whose record is unavailable cannot be judged:
     * it is {@link Discrepancy.NotRederived} with the reason, in log order with the others.
     *
     * @throws ProjectionInputException as {@link #compare(Iterable)}
     */
    public static List<Discrepancy> compare(Iterable<LoggedEvent> log, SealedRecordSource records)
            throws ProjectionInputException {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(records, "records");
        ProjectionState state = ProjectionState.initial();
        Map<DecisionKey, MatchProposed> pending = new TreeMap<>();
        Map<Long, Unrederivable> unavailable = new TreeMap<>();
        List<Discrepancy> found = new ArrayList<>();
        // The projection is fed in windows (RecognitionProjection.applyAll: the detections between two
        // watchlist or policy changes are searched together); the steps are exactly apply's, one per event.
        List<LoggedEvent> window = new ArrayList<>(WINDOW);
        Iterator<LoggedEvent> events = log.iterator();
        while (events.hasNext()) {
            window.clear();
            while (events.hasNext() && window.size() < WINDOW) {
                window.add(events.next());
            }
            List<Step> steps = RecognitionProjection.applyAll(state, window, records);
            for (int i = 0; i < window.size(); i++) {
                state = steps.get(i).state();
                step(window.get(i), steps.get(i), pending, unavailable, found);
            }
        }
        for (MatchProposed missing : pending.values()) {
            found.add(new Discrepancy.Missing(missing));
        }
        return List.copyOf(found);
    }

    /** Records {@code step}'s decisions as pending and matches a logged proposal against them. */
    private static void step(LoggedEvent le, Step step, Map<DecisionKey, MatchProposed> pending,
            Map<Long, Unrederivable> unavailable, List<Discrepancy> found) {
        for (MatchProposed d : step.decisions()) {
            pending.put(DecisionKey.of(d), d);
        }
        step.skip().filter(k -> k.reason() == SkipReason.RECORD_WITHHELD || k.reason() == SkipReason.RECORD_ERASED)
                .ifPresent(k -> unavailable.put(le.leafIndex(),
                        new Unrederivable(le.event().eventHash().hex(), k.reason())));
        if (le.event().payload() instanceof MatchProposed actual) {
            MatchProposed expected = pending.remove(DecisionKey.of(actual));
            Unrederivable u = unavailable.get(actual.detection().leafIndex());
            if (expected == null && u != null && u.eventHash().equals(actual.detection().eventHash().hex())
                    && actual.detection().leafIndex() < le.leafIndex()) {
                found.add(new Discrepancy.NotRederived(le.leafIndex(), actual, u.reason()));
            } else if (expected == null) {
                found.add(new Discrepancy.Extra(le.leafIndex(), actual, whyExtra(le.leafIndex(), actual)));
            } else {
                List<Discrepancy.FieldDifference> diffs = differences(expected, actual);
                if (!diffs.isEmpty()) {
                    found.add(new Discrepancy.Differing(le.leafIndex(), expected, actual, diffs));
                }
            }
        }
    }

    private static String whyExtra(long leafIndex, MatchProposed actual) {
        long detectionLeaf = actual.detection().leafIndex();
        if (detectionLeaf >= leafIndex) {
            return "names a detection at leaf " + detectionLeaf + ", not before its own leaf " + leafIndex;
        }
        return "the projection derives no decision for this detection and entry (or it was already proposed)";
    }

    /**
     * Field-by-field differences, in payload member order; empty if the payloads are equal. Public
     * so that an incremental comparer (the verifier's streaming audit) reports exactly these fields.
     */
    public static List<Discrepancy.FieldDifference> differences(MatchProposed expected, MatchProposed actual) {
        List<Discrepancy.FieldDifference> out = new ArrayList<>();
        field(out, "match", expected.match(), actual.match());
        field(out, "detection.eventHash", expected.detection().eventHash().hex(), actual.detection().eventHash().hex());
        field(out, "detection.leafIndex", expected.detection().leafIndex(), actual.detection().leafIndex());
        field(out, "candidateEntry", expected.candidateEntry(), actual.candidateEntry());
        field(out, "score", expected.score(), actual.score());
        field(out, "threshold", expected.threshold(), actual.threshold());
        field(out, "watchlistSnapshot.root", expected.watchlistSnapshot().root().hex(),
                actual.watchlistSnapshot().root().hex());
        field(out, "watchlistSnapshot.size", expected.watchlistSnapshot().size(), actual.watchlistSnapshot().size());
        field(out, "modelId", expected.modelId(), actual.modelId());
        field(out, "engineVersion", expected.engineVersion(), actual.engineVersion());
        return out;
    }

    private static void field(List<Discrepancy.FieldDifference> out, String name, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            out.add(new Discrepancy.FieldDifference(name, String.valueOf(expected), String.valueOf(actual)));
        }
    }

    /** A sealed detection skipped for want of its record: its event hash and why. */
    private record Unrederivable(String eventHash, SkipReason reason) {}
}
