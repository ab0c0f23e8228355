package org.oversight.recognition.projection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.SnapshotRef;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntryWithdrawn;
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
 *       every later leaf.
 *   <li>{@code FaceDetected} is searched against the entries authorised at earlier leaves, not
 *       withdrawn at earlier leaves, and whose window covers the detection's {@code captureTime};
 *       the decisions are {@code MatchProposed} payloads (best first, at most
 *       {@link #MAX_PROPOSALS_PER_DETECTION}).
 *   <li>Every other type, including {@code MatchProposed} itself (an output, never an input), only
 *       advances the leaf index.
 * </ul>
 *
 * <p>Input events are assumed already accepted (parsed, chained, signed by a permitted key:
 * docs/format.md §5.5); the projection does not check signatures. Determinism: no clock, no
 * randomness, exact integer scores, sorted collections and a total order on candidates, so the
 * engine and a verifier derive identical decisions.
 */
public final class RecognitionProjection {
    /** The {@code engineVersion} of every decision; changes whenever these rules change. */
    public static final String ENGINE_VERSION = "oversight-engine/1";
    /** Most decisions one detection yields: the best candidates passing the threshold. */
    public static final int MAX_PROPOSALS_PER_DETECTION = 5;
    /** The only template format this engine compares (docs/format.md §9.4). */
    public static final int SUPPORTED_TEMPLATE_FORMAT = FaceTemplate.VERSION;

    private static final Comparator<Scored> BEST_FIRST =
            Comparator.comparingLong(Scored::squaredDistance).thenComparing(s -> s.entry().id());

    private RecognitionProjection() {}

    /**
     * Feeds the event at {@code leafIndex} to the projection.
     *
     * @throws ProjectionInputException if {@code leafIndex} is not after {@code state.lastLeafIndex()},
     *     an entry is authorised a second time, or an entry never authorised is withdrawn
     */
    public static Step apply(ProjectionState state, long leafIndex, SignedEvent event) throws ProjectionInputException {
        if (leafIndex <= state.lastLeafIndex()) {
            throw new ProjectionInputException(
                    "leaf index " + leafIndex + " <= previous leaf index " + state.lastLeafIndex());
        }
        switch (event.type()) {
            case RECOGNITION_POLICY_SET:
                return none(state.withPolicy(leafIndex, (RecognitionPolicySet) event.payload()));
            case WATCHLIST_ENTRY_AUTHORIZED:
                return none(authorize(state, leafIndex, event));
            case WATCHLIST_ENTRY_WITHDRAWN:
                return none(withdraw(state, leafIndex, (WatchlistEntryWithdrawn) event.payload()));
            case FACE_DETECTED:
                return detect(state.at(leafIndex), leafIndex, event.eventHash(), (FaceDetected) event.payload());
            default:
                return none(state.at(leafIndex));
        }
    }

    private static Step none(ProjectionState next) {
        return new Step(next, List.of(), Optional.empty());
    }

    private static ProjectionState authorize(ProjectionState state, long leafIndex, SignedEvent event)
            throws ProjectionInputException {
        WatchlistEntryAuthorized a = (WatchlistEntryAuthorized) event.payload();
        if (state.knows(a.entry())) {
            throw new ProjectionInputException("leaf " + leafIndex + ": entry " + a.entry() + " authorised again");
        }
        return state.withEntry(leafIndex, WatchedEntry.of(event.eventHash(), a));
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

    private static Step detect(ProjectionState state, long leafIndex, EventHash hash, FaceDetected d) {
        Optional<RecognitionPolicySet> maybePolicy = state.policy();
        if (maybePolicy.isEmpty()) {
            return skipped(state, SkipReason.NO_POLICY, "no RecognitionPolicySet before leaf " + leafIndex);
        }
        RecognitionPolicySet policy = maybePolicy.get();
        Template probeTemplate = d.template();
        if (!probeTemplate.modelId().equals(policy.modelId())) {
            return skipped(state, SkipReason.MODEL_MISMATCH,
                    "detection model " + probeTemplate.modelId() + " != policy model " + policy.modelId());
        }
        if (probeTemplate.format() != policy.templateFormat()) {
            return skipped(state, SkipReason.FORMAT_MISMATCH,
                    "detection template format " + probeTemplate.format() + " != policy format " + policy.templateFormat());
        }
        if (policy.templateFormat() != SUPPORTED_TEMPLATE_FORMAT) {
            return skipped(state, SkipReason.UNSUPPORTED_FORMAT,
                    "policy template format " + policy.templateFormat() + " != supported " + SUPPORTED_TEMPLATE_FORMAT);
        }
        Optional<FaceTemplate> probe = WatchedEntry.parseV1(probeTemplate);
        if (probe.isEmpty()) {
            return skipped(state, SkipReason.MALFORMED_TEMPLATE,
                    "detection template of " + probeTemplate.length() + " bytes is not a valid version-1 template");
        }
        int[] probeComponents = SquaredDistance.widen(probe.get().components());
        byte[] probeModel = probe.get().modelId().toByteArray();
        List<Scored> passing = new ArrayList<>();
        List<WatchedEntry> active = state.activeAt(d.captureTime());
        for (WatchedEntry e : active) {
            int distance = e.bestSquaredDistance(probeComponents, probeModel, policy.modelId(),
                    policy.templateFormat());
            if (distance >= 0 && ScoreScale.passes(distance, policy.threshold())) {
                passing.add(new Scored(e, distance));
            }
        }
        if (passing.isEmpty()) {
            return new Step(state, List.of(), Optional.empty());
        }
        passing.sort(BEST_FIRST);
        SnapshotRef snapshot = state.snapshotOf(active);
        DetectionRef ref = new DetectionRef(hash, leafIndex);
        List<MatchProposed> decisions = new ArrayList<>();
        for (Scored s : passing.subList(0, Math.min(MAX_PROPOSALS_PER_DETECTION, passing.size()))) {
            decisions.add(new MatchProposed(MatchIds.derive(hash, leafIndex, s.entry().id()), ref, s.entry().id(),
                    s.squaredDistance(), policy.threshold(), snapshot, policy.modelId(), ENGINE_VERSION));
        }
        return new Step(state, decisions, Optional.empty());
    }

    private static Step skipped(ProjectionState state, SkipReason reason, String detail) {
        return new Step(state, List.of(), Optional.of(new Skip(reason, detail)));
    }

    private record Scored(WatchedEntry entry, long squaredDistance) {}

}
