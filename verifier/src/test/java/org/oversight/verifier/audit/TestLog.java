package org.oversight.verifier.audit;

import static org.oversight.verifier.audit.ChainSigner.key;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.export.LogExportWriter;
import org.oversight.domain.merkle.rfc6962.CompactRange;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.projection.ProjectionInputException;
import org.oversight.recognition.projection.ProjectionState;
import org.oversight.recognition.projection.RecognitionProjection;
import org.oversight.recognition.projection.Step;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateQuantiser;
import org.oversight.recognition.tfjs.ModelId;

/**
 * Builds real signed logs for the verifier's tests with the domain's API and fixture keys: each
 * event is signed as the next one of its stream, and an export is written with a log key exactly
 * as the ledger would. Public (in the verifier's test-jar) for the benchmarks in ops.
 */
public final class TestLog {
    public static final String ORIGIN = "example.org/oversight/log";
    public static final int LOG_SEED = 40;
    static final int OTHER_LOG_SEED = 41;
    static final int UNKNOWN_SEED = 42;

    /** Leaf indices in {@link #scenario()}. */
    static final int FIRST_DETECTION = 8;
    static final int FIRST_REVIEW = 10;
    static final int SECOND_REVIEW = 11;
    static final int ACTION = 12;
    static final int SCENARIO_SIZE = 14;

    /** The policy's model (EventFixtures.recognitionPolicySet) and the embedded id of every template here. */
    public static final String MODEL = "face-api/face_recognition_model@1.7.15";
    private static final ModelId MODEL_ID = ModelId.of(filled(ModelId.LENGTH, 0x31));

    /** The scenario's match id, derived by the projection (docs/format.md §9.8) for its first detection. */
    static final String MATCH = ((MatchProposed) scenario().event(FIRST_DETECTION + 1).payload()).match();

    private final List<SignedEvent> events = new ArrayList<>();
    private final ChainSigner signer = new ChainSigner();

    /** The log key with seed {@code seed}, named {@link #ORIGIN}. */
    public static Ed25519NoteSigner logKey(int seed) {
        try {
            return Ed25519NoteSigner.of(ORIGIN, key(seed));
        } catch (MalformedKeyException e) {
            throw new AssertionError(e);
        }
    }

    /** Signs {@code payload} as the next event of its stream, without appending it. */
    SignedEvent next(EventPayload payload, int seed) {
        return signer.next(payload, seed);
    }

    /** Signs and appends; returns the event. */
    SignedEvent append(EventPayload payload, int seed) {
        return append(next(payload, seed));
    }

    /** Appends an already signed event (it becomes its stream's head). */
    SignedEvent append(SignedEvent event) {
        events.add(event);
        signer.advance(event);
        return event;
    }

    int size() {
        return events.size();
    }

    SignedEvent event(int leaf) {
        return events.get(leaf);
    }

    List<byte[]> leaves() {
        List<byte[]> out = new ArrayList<>();
        for (SignedEvent e : events) {
            out.add(e.leafBytes());
        }
        return out;
    }

    /**
     * The decisions the recognition projection derives for the detection at {@code detectionLeaf},
     * replaying this log's events up to it (docs/format.md §9.8).
     */
    List<MatchProposed> derive(int detectionLeaf) {
        ProjectionState state = ProjectionState.initial();
        try {
            for (int i = 0; i < detectionLeaf; i++) {
                state = RecognitionProjection.apply(state, i, events.get(i)).state();
            }
            Step step = RecognitionProjection.apply(state, detectionLeaf, events.get(detectionLeaf));
            return step.decisions();
        } catch (ProjectionInputException e) {
            throw new AssertionError(e);
        }
    }

    /** The engine's proposal for the detection at {@code detectionLeaf}: the projection's single decision. */
    MatchProposed decision(int detectionLeaf) {
        List<MatchProposed> decisions = derive(detectionLeaf);
        if (decisions.size() != 1) {
            throw new AssertionError(decisions.size() + " decisions for the detection at leaf " + detectionLeaf);
        }
        return decisions.get(0);
    }

    /**
     * A complete v1 scenario of {@value #SCENARIO_SIZE} events: genesis authority, officer,
     * two reviewers, engine, policy, camera, watchlist entry (person A), a detection of person A,
     * the match the projection derives for it with two confirmations and an action, and a
     * detection of person B, who is on no watchlist.
     */
    static TestLog scenario() {
        return scenario(EventFixtures.recognitionPolicySet());
    }

    /** {@link #scenario()} with {@code policy} at leaf 5 (e.g. a schema-2 policy, for rule R11). */
    static TestLog scenario(RecognitionPolicySet policy) {
        TestLog log = new TestLog();
        log.append(new AuthorityDeclared("authority-1", "Board", key(EventFixtures.AUTHORITY_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        log.append(new KeyEnrolled("officer-7", Role.OFFICER, key(EventFixtures.OFFICER_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        log.append(new KeyEnrolled("reviewer-1", Role.REVIEWER, key(EventFixtures.REVIEWER_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        log.append(new KeyEnrolled("reviewer-2", Role.REVIEWER, key(EventFixtures.SECOND_REVIEWER_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        log.append(new KeyEnrolled("engine", Role.ENGINE, key(EventFixtures.ENGINE_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        log.append(policy, EventFixtures.AUTHORITY_SEED);
        log.append(EventFixtures.cameraRegistered(), EventFixtures.OFFICER_SEED);
        log.append(watchlistEntry(personA()), EventFixtures.OFFICER_SEED);
        log.append(firstDetection(), EventFixtures.CAMERA_SEED);
        MatchProposed match = log.decision(FIRST_DETECTION);
        log.append(match, EventFixtures.ENGINE_SEED);
        log.append(firstReview(match.match()), EventFixtures.REVIEWER_SEED);
        log.append(secondReview(match.match()), EventFixtures.SECOND_REVIEWER_SEED);
        log.append(action(match.match()), EventFixtures.OFFICER_SEED);
        log.append(secondDetection(), EventFixtures.CAMERA_SEED);
        return log;
    }

    /** Leaf of the match in {@link #undersizedAttestation()}. */
    static final int UNDERSIZED_MATCH = 10;

    /**
     * A log every event of which is honest except for R7: the policy attests accuracy at watchlist
     * size 1, but two entries (persons A and B) are active when person A is detected (leaf 9), so the
     * match the projection derives at leaf {@value #UNDERSIZED_MATCH} names a snapshot of size 2;
     * two confirmations and an action follow.
     */
    static TestLog undersizedAttestation() {
        TestLog scenario = scenario();
        TestLog log = new TestLog();
        for (int i = 0; i < 5; i++) {
            log.append(scenario.event(i));
        }
        RecognitionPolicySet p = EventFixtures.recognitionPolicySet();
        AccuracyAttestation a = p.accuracy();
        log.append(new RecognitionPolicySet(p.modelId(), p.templateFormat(), p.threshold(), p.maxThreshold(),
                p.reviewersRequired(), p.retentionDays(), new AccuracyAttestation(a.documentDigest(), a.fpirPpm(), 1)),
                EventFixtures.AUTHORITY_SEED);
        log.append(EventFixtures.cameraRegistered(), EventFixtures.OFFICER_SEED);
        log.append(watchlistEntry(personA()), EventFixtures.OFFICER_SEED);
        WatchlistEntryAuthorized b = watchlistEntry(personB());
        log.append(new WatchlistEntryAuthorized("wl-2026-0002", "subj-b", b.category(), b.authorisationRef(),
                b.authorisedBy(), b.validFrom(), b.validUntil(), b.templates(), b.sourceImageDigest()),
                EventFixtures.OFFICER_SEED);
        log.append(firstDetection(), EventFixtures.CAMERA_SEED);
        MatchProposed match = log.decision(UNDERSIZED_MATCH - 1);
        log.append(match, EventFixtures.ENGINE_SEED);
        log.append(firstReview(match.match()), EventFixtures.REVIEWER_SEED);
        log.append(secondReview(match.match()), EventFixtures.SECOND_REVIEWER_SEED);
        log.append(action(match.match()), EventFixtures.OFFICER_SEED);
        return log;
    }

    /** Entry wl-2026-0001 (EventFixtures' authorisation, valid in November 2026) with {@code template}. */
    public static WatchlistEntryAuthorized watchlistEntry(Template template) {
        WatchlistEntryAuthorized a = EventFixtures.watchlistEntryAuthorized();
        return new WatchlistEntryAuthorized(a.entry(), a.subject(), a.category(), a.authorisationRef(),
                a.authorisedBy(), a.validFrom(), a.validUntil(), List.of(template), a.sourceImageDigest());
    }

    /** Camera cam-0042 sees person A (EventFixtures' detection with a real template). */
    static FaceDetected firstDetection() {
        return withTemplate(EventFixtures.faceDetected(), personASeenByCamera());
    }

    /** {@code d} with {@code template} instead of its own. */
    public static FaceDetected withTemplate(FaceDetected d, Template template) {
        return new FaceDetected(d.camera(), d.captureTime(), d.frameDigest(), d.faceBox(), d.landmarks(),
                d.alignedCropDigest(), template, d.quality());
    }

    /** Another detection by camera cam-0042, of person B. */
    static FaceDetected secondDetection() {
        FaceDetected d = EventFixtures.faceDetected();
        return new FaceDetected(d.camera(), EventFixtures.time("2026-11-27T09:31:00.000Z"),
                EventFixtures.digestOf("frame 2"), new FaceBox(10, 20, 120, 140), d.landmarks(),
                EventFixtures.digestOf("aligned crop 2"), personB(), 800);
    }

    static MatchReviewed firstReview(String match) {
        return new MatchReviewed(match, Verdict.CONFIRM, "same person: scar above left eyebrow matches");
    }

    static MatchReviewed secondReview(String match) {
        return new MatchReviewed(match, Verdict.CONFIRM, "agree");
    }

    static MatchActioned action(String match) {
        return new MatchActioned(match, "stop-and-speak", "INC-2026-778");
    }

    /** Person A's enrolment template: a quantised synthetic descriptor {@code ((37 i) mod 101 − 50) / 512}. */
    static Template personA() {
        return template(37, 101, 50, 0);
    }

    /** Person A as the camera sees them: the same descriptor, slightly perturbed (squared distance well within 5200). */
    static Template personASeenByCamera() {
        return template(37, 101, 50, 1);
    }

    /** Person B, far from person A: {@code ((59 i) mod 97 − 48) / 512}. */
    static Template personB() {
        return template(59, 97, 48, 0);
    }

    /**
     * A version-1 template (docs/format.md §9.4) of the synthetic descriptor
     * {@code ((mul i) mod m − sub) / 512 + noise ((13 i) mod 7 − 3) / 2048}.
     */
    static Template template(int mul, int m, int sub, int noise) {
        float[] v = new float[FaceDescriptor.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * mul) % m - sub) / 512f + noise * ((i * 13) % 7 - 3) / 2048f;
        }
        return templateOf(v);
    }

    /** The version-1 template (docs/format.md §9.4) of {@code descriptor}, of model {@link #MODEL}. */
    public static Template templateOf(float[] descriptor) {
        FaceTemplate t = TemplateQuantiser.quantise(FaceDescriptor.of(descriptor), MODEL_ID);
        return Template.of(t.encode(), FaceTemplate.VERSION, MODEL);
    }

    private static byte[] filled(int n, int b) {
        byte[] out = new byte[n];
        java.util.Arrays.fill(out, (byte) b);
        return out;
    }

    /** The checkpoint over {@code leaves}, signed by {@code logKey}. */
    public static SignedCheckpoint checkpoint(List<byte[]> leaves, Ed25519NoteSigner logKey) {
        CompactRange range = CompactRange.empty();
        for (byte[] leaf : leaves) {
            range.appendLeaf(leaf);
        }
        return SignedCheckpoint.sign(Checkpoint.of(logKey.keyName(), leaves.size(), range.root()), logKey);
    }

    /** An export of {@code leaves} under a checkpoint over them signed by {@code logKey}. */
    public static byte[] export(List<byte[]> leaves, Ed25519NoteSigner logKey) {
        return export(leaves, checkpoint(leaves, logKey));
    }

    /** An export of {@code leaves} under {@code checkpoint}, whatever it covers (for tampering). */
    static byte[] export(List<byte[]> leaves, SignedCheckpoint checkpoint) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LogExportWriter writer = new LogExportWriter(out, checkpoint);
            for (byte[] leaf : leaves) {
                writer.writeLeaf(leaf);
            }
            writer.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Root over {@code leaves}. */
    static Sha256Digest root(List<byte[]> leaves) {
        CompactRange range = CompactRange.empty();
        for (byte[] leaf : leaves) {
            range.appendLeaf(leaf);
        }
        return range.root();
    }
}
