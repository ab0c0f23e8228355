package org.oversight.verifier.bundle;

import static org.oversight.domain.event.EventFixtures.key;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.oversight.domain.bundle.BundleBuildException;
import org.oversight.domain.bundle.BundleBuilder;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.chain.StreamHead;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.KeyRevoked;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.projection.ProjectionInputException;
import org.oversight.recognition.projection.ProjectionState;
import org.oversight.recognition.projection.RecognitionProjection;
import org.oversight.recognition.projection.SnapshotProofs;
import org.oversight.recognition.projection.Step;
import org.oversight.recognition.template.TemplateQuantiser;
import org.oversight.recognition.tfjs.ModelId;

/**
 * A real signed log with one match for the bundle tests: templates quantised from synthetic
 * descriptors, the MatchProposed derived by the recognition projection (so the score is real),
 * reviews, an action, and a checkpoint signed by the log key. Options vary the scenario.
 */
final class BundleLog {
    static final String ORIGIN = "example.org/oversight/log";
    static final int LOG_SEED = 40;
    static final int THIRD_REVIEWER_SEED = 8;
    static final String MODEL = "face-api/face_recognition_model@1.7.15";
    static final ModelId MODEL_ID = modelId();

    /** Scenario variations. */
    record Options(boolean secondConfirmation, boolean revokeSecondReviewerBefore, int scoreOffset,
            long attestedWatchlistSize, boolean firstReviewerRejectsThenConfirms, boolean entrySignedByAnotherOfficer) {
        static final Options CLEAN = new Options(true, false, 0);

        /** The policy attests the fixture's accuracy at watchlist size 10,000, covering both entries. */
        Options(boolean secondConfirmation, boolean revokeSecondReviewerBefore, int scoreOffset) {
            this(secondConfirmation, revokeSecondReviewerBefore, scoreOffset, 10_000);
        }

        Options(boolean secondConfirmation, boolean revokeSecondReviewerBefore, int scoreOffset,
                long attestedWatchlistSize) {
            this(secondConfirmation, revokeSecondReviewerBefore, scoreOffset, attestedWatchlistSize, false, false);
        }

        /** reviewer-1 first rejects, then confirms (only the first review counts), and reviewer-2 confirms. */
        static Options reviewerRejectsThenConfirms() {
            return new Options(true, false, 0, 10_000, true, false);
        }

        /** The candidate entry names officer-7 in authorisedBy but is signed by officer-8. */
        static Options entryByAnotherOfficer() {
            return new Options(true, false, 0, 10_000, false, true);
        }
    }

    static final int OTHER_OFFICER_SEED = 10;

    final List<SignedEvent> events = new ArrayList<>();
    private final TreeMap<StreamId, StreamHead> heads = new TreeMap<>();
    private ProjectionState state = ProjectionState.initial();
    String matchId;

    static Ed25519NoteSigner logKey() {
        try {
            return Ed25519NoteSigner.of(ORIGIN, key(LOG_SEED));
        } catch (MalformedKeyException e) {
            throw new AssertionError(e);
        }
    }

    private static ModelId modelId() {
        byte[] id = new byte[ModelId.LENGTH];
        java.util.Arrays.fill(id, (byte) 0x31);
        return ModelId.of(id);
    }

    /** A quantised synthetic descriptor {@code v_i = ((mul i) mod m − sub) / 512 + delta_i}. */
    static Template template(int mul, int m, int sub, float jitter) {
        float[] v = new float[FaceDescriptor.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (((mul * i) % m) - sub) / 512f + (i % 7 == 0 ? jitter : 0f);
        }
        return Template.of(TemplateQuantiser.quantise(FaceDescriptor.of(v), MODEL_ID).encode(), 1, MODEL);
    }

    static BundleLog build(Options o) {
        return build(o, log -> { }, log -> { });
    }

    /**
     * As {@link #build(Options)}, with {@code betweenDetectionAndProposal} appending events after the
     * detection, before the engine's proposal, and {@code beforeAction} after the reviews, before
     * the action.
     */
    static BundleLog build(Options o, java.util.function.Consumer<BundleLog> betweenDetectionAndProposal,
            java.util.function.Consumer<BundleLog> beforeAction) {
        BundleLog log = new BundleLog();
        int auth = EventFixtures.AUTHORITY_SEED;
        log.append(new AuthorityDeclared("authority-1", "Board", key(auth).publicKey()), auth);
        log.append(new KeyEnrolled("officer-7", Role.OFFICER, key(EventFixtures.OFFICER_SEED).publicKey()), auth);
        log.append(new KeyEnrolled("reviewer-1", Role.REVIEWER, key(EventFixtures.REVIEWER_SEED).publicKey()), auth);
        log.append(new KeyEnrolled("reviewer-2", Role.REVIEWER,
                key(EventFixtures.SECOND_REVIEWER_SEED).publicKey()), auth);
        log.append(new KeyEnrolled("engine", Role.ENGINE, key(EventFixtures.ENGINE_SEED).publicKey()), auth);
        RecognitionPolicySet policy = EventFixtures.recognitionPolicySet();
        AccuracyAttestation accuracy = policy.accuracy();
        log.append(new RecognitionPolicySet(policy.modelId(), policy.templateFormat(), policy.threshold(),
                policy.maxThreshold(), policy.reviewersRequired(), policy.retentionDays(),
                new AccuracyAttestation(accuracy.documentDigest(), accuracy.fpirPpm(), o.attestedWatchlistSize())),
                auth);
        log.append(EventFixtures.cameraRegistered(), EventFixtures.OFFICER_SEED);
        int entrySigner = EventFixtures.OFFICER_SEED;
        if (o.entrySignedByAnotherOfficer()) {
            log.append(new KeyEnrolled("officer-8", Role.OFFICER, key(OTHER_OFFICER_SEED).publicKey()), auth);
            entrySigner = OTHER_OFFICER_SEED;
        }
        log.append(entry("wl-2026-0001", template(37, 101, 50, 0f)), entrySigner);
        log.append(entry("wl-2026-0002", template(59, 97, 48, 0f)), EventFixtures.OFFICER_SEED);
        log.append(new KeyEnrolled("reviewer-3", Role.REVIEWER, key(THIRD_REVIEWER_SEED).publicKey()), auth);
        FaceDetected d = EventFixtures.faceDetected();
        FaceDetected probe = new FaceDetected(d.camera(), d.captureTime(), d.frameDigest(), d.faceBox(),
                d.landmarks(), d.alignedCropDigest(), template(37, 101, 50, 0.01f), d.quality());
        log.append(probe, EventFixtures.CAMERA_SEED);
        MatchProposed p = log.lastDecision();
        betweenDetectionAndProposal.accept(log);
        log.matchId = p.match();
        log.append(new MatchProposed(p.match(), p.detection(), p.candidateEntry(), p.score() + o.scoreOffset(),
                p.threshold(), p.watchlistSnapshot(), p.modelId(), p.engineVersion()), EventFixtures.ENGINE_SEED);
        if (o.revokeSecondReviewerBefore()) {
            log.append(new KeyRevoked("reviewer-2", key(EventFixtures.SECOND_REVIEWER_SEED).publicKey().keyId(),
                    "left the unit"), auth);
        }
        if (o.firstReviewerRejectsThenConfirms()) {
            log.append(new MatchReviewed(log.matchId, Verdict.REJECT, "not the same person"),
                    EventFixtures.REVIEWER_SEED);
        }
        log.append(new MatchReviewed(log.matchId, Verdict.CONFIRM, "same person"), EventFixtures.REVIEWER_SEED);
        if (o.secondConfirmation()) {
            log.append(new MatchReviewed(log.matchId, Verdict.CONFIRM, "agree"), EventFixtures.SECOND_REVIEWER_SEED);
        }
        beforeAction.accept(log);
        log.append(new MatchActioned(log.matchId, "stop-and-speak", "INC-2026-778"), EventFixtures.OFFICER_SEED);
        log.append(new KeyRevoked("reviewer-1", key(EventFixtures.REVIEWER_SEED).publicKey().keyId(), "rotated"),
                auth);
        log.append(new MatchReviewed(log.matchId, Verdict.INCONCLUSIVE, "late look"), THIRD_REVIEWER_SEED);
        return log;
    }

    static WatchlistEntryAuthorized entry(String id, Template t) {
        WatchlistEntryAuthorized base = EventFixtures.watchlistEntryAuthorized();
        return new WatchlistEntryAuthorized(id, "subj-" + id, base.category(), base.authorisationRef(),
                base.authorisedBy(), base.validFrom(), base.validUntil(), List.of(t), base.sourceImageDigest());
    }

    private MatchProposed decision;

    private MatchProposed lastDecision() {
        if (decision == null) {
            throw new AssertionError("the projection proposed no match");
        }
        return decision;
    }

    SignedEvent append(EventPayload payload, int seed) {
        StreamHead head = heads.getOrDefault(payload.stream(), StreamHead.EMPTY);
        SignedEvent event = EventSigner.sign("ev-" + events.size(), head.nextSeq(), head.last(),
                Timestamp.ofEpochMillis(1_795_000_000_000L + 1000L * events.size()), payload, key(seed));
        try {
            Step step = RecognitionProjection.apply(state, events.size(), event);
            state = step.state();
            if (!step.decisions().isEmpty()) {
                decision = step.decisions().get(0);
            }
        } catch (ProjectionInputException e) {
            throw new AssertionError(e);
        }
        events.add(event);
        heads.put(event.stream(), head.advance(event.eventHash()));
        return event;
    }

    MerkleTree tree() {
        MerkleTree tree = new MerkleTree();
        for (SignedEvent e : events) {
            tree.appendLeaf(e.leafBytes());
        }
        return tree;
    }

    SignedCheckpoint checkpoint() {
        return SignedCheckpoint.sign(Checkpoint.of(ORIGIN, events.size(), tree().root()), logKey());
    }

    EvidenceBundle bundle(Optional<byte[]> crop) throws BundleBuildException {
        return BundleBuilder.build(i -> events.get((int) i).leafBytes(), tree(), checkpoint(), matchId,
                SnapshotProofs.INSTANCE, crop);
    }

    EvidenceBundle bundle() throws BundleBuildException {
        return bundle(Optional.empty());
    }

    static BundleVerifier verifier() {
        return new BundleVerifier(logKey().verifier(), ORIGIN);
    }
}
