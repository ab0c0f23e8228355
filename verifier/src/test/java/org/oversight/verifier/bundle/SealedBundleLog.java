package org.oversight.verifier.bundle;

import static org.oversight.domain.event.EventFixtures.key;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.oversight.domain.bundle.BundleBuildException;
import org.oversight.domain.bundle.BundleBuilder;
import org.oversight.domain.bundle.BundleRecords;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.chain.StreamHead;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.recognition.projection.EnrolmentAvailability;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.pipeline.CropTemplateDeriver;
import org.oversight.recognition.projection.ProjectionInputException;
import org.oversight.recognition.projection.ProjectionState;
import org.oversight.recognition.projection.RecognitionProjection;
import org.oversight.recognition.projection.RecordAvailability;
import org.oversight.recognition.projection.SealedRecordSource;
import org.oversight.recognition.projection.SnapshotProofs;
import org.oversight.recognition.projection.Step;

/**
 * A real signed log whose match is on a sealed detection (docs/format.md §11.6, §12), with real
 * pixels: the probe's aligned crop is the §9.2 test pattern and its template is what the recognition
 * network derives from it; the candidate entry is enrolled from a slightly brighter copy of the
 * pattern (its template derived the same way), so the score is real and small. An erasure epoch, the
 * sealed detection, the engine's match (derived with the record), an evidence-bundle disclosure by
 * the officer, two confirmations and an action.
 */
final class SealedBundleLog {
    static final String MODEL = "face-api/face_recognition_model@1.7.15";
    private static CropTemplateDeriver deriver;

    final List<SignedEvent> events = new ArrayList<>();
    private final TreeMap<StreamId, StreamHead> heads = new TreeMap<>();
    final byte[] probeCrop = pattern(0);
    final byte[] enrolmentCrop = pattern(2);
    final BiometricRecord record;
    final DetectionRef detection;
    /** The candidate entry's sealed enrolment record when it is schema 2, else null. */
    final SealedEnrolmentRecord entryRecord;
    String matchId;
    private ProjectionState state = ProjectionState.initial();
    private MatchProposed decision;

    static synchronized CropTemplateDeriver deriver() throws Exception {
        if (deriver == null) {
            AssetCache.openOrFetch();
            deriver = CropTemplateDeriver.load(AssetCache.defaultModelDir());
        }
        return deriver;
    }

    /** The §9.2 test pattern (R = x + y, G = 3x − y, B = 220 or 20 in 10-pixel squares), each channel + {@code shift}. */
    static byte[] pattern(int shift) {
        byte[] out = new byte[150 * 150 * 3];
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 150; x++) {
                int i = 3 * (y * 150 + x);
                out[i] = (byte) (x + y + shift);
                out[i + 1] = (byte) (3 * x - y + shift);
                out[i + 2] = (byte) (((x / 10 + y / 10) % 2 == 1 ? 220 : 20) + shift);
            }
        }
        return out;
    }

    static Template templateOf(byte[] crop) throws Exception {
        return Template.of(deriver().derive(crop).encode(), 1, MODEL);
    }

    /** @param disclose whether the officer's evidence-bundle disclosure of the record is in the log */
    SealedBundleLog(boolean disclose) throws Exception {
        this(disclose, null);
    }

    /** As above; {@code committedCrop} replaces the probe crop in the committed record (a camera committing pixels that do not derive its template). */
    SealedBundleLog(boolean disclose, byte[] committedCrop) throws Exception {
        this(disclose, true, committedCrop);
    }

    /**
     * @param disclose whether the officer's evidence-bundle disclosure is in the log
     * @param discloseEntry whether that disclosure (then of schema 2) also names the candidate
     *     entry, releasing its enrolment record
     * @param committedCrop as above, or null
     */
    SealedBundleLog(boolean disclose, boolean discloseEntry, byte[] committedCrop) throws Exception {
        this(disclose, discloseEntry, committedCrop, false);
    }

    /**
     * As above; with {@code sealedEntry} the candidate entry is schema 2 (format.md §4.6, §12.8):
     * its one template and enrolment crop are in a sealed enrolment record (nonce all 6), sealed to
     * the epoch, which is then opened before it with a window covering the entry's header time.
     */
    SealedBundleLog(boolean disclose, boolean discloseEntry, byte[] committedCrop, boolean sealedEntry)
            throws Exception {
        this(disclose, discloseEntry, committedCrop, sealedEntry, 0);
    }

    /**
     * As above; a non-zero {@code scoreShift} makes the engine log its proposal with the score it
     * computed plus the shift (a score the bundle's recomputation does not reproduce).
     */
    SealedBundleLog(boolean disclose, boolean discloseEntry, byte[] committedCrop, boolean sealedEntry,
            long scoreShift) throws Exception {
        int auth = EventFixtures.AUTHORITY_SEED;
        append(new AuthorityDeclared("authority-1", "Board", key(auth).publicKey()), auth);
        append(new KeyEnrolled("officer-7", Role.OFFICER, key(EventFixtures.OFFICER_SEED).publicKey()), auth);
        append(new KeyEnrolled("reviewer-1", Role.REVIEWER, key(EventFixtures.REVIEWER_SEED).publicKey()), auth);
        append(new KeyEnrolled("reviewer-2", Role.REVIEWER, key(EventFixtures.SECOND_REVIEWER_SEED).publicKey()), auth);
        append(new KeyEnrolled("engine", Role.ENGINE, key(EventFixtures.ENGINE_SEED).publicKey()), auth);
        append(EventFixtures.recognitionPolicySet(), auth);
        append(EventFixtures.cameraRegistered(), EventFixtures.OFFICER_SEED);
        WatchlistEntryAuthorized clear = BundleLog.entry("wl-2026-0001", templateOf(enrolmentCrop));
        if (sealedEntry) {
            ErasureEpochOpened f = EventFixtures.erasureEpochOpened();
            append(new ErasureEpochOpened(f.epoch(), EventFixtures.time("2026-11-01T00:00:00.000Z"),
                    EventFixtures.time("2026-11-28T00:00:00.000Z"), EventFixtures.time("2026-11-28T01:00:00.000Z"),
                    f.recipients()), auth);
            byte[] entryNonce = new byte[32];
            Arrays.fill(entryNonce, (byte) 6);
            entryRecord = SealedEnrolmentRecord.of(clear.entry(), List.of(new EnrolmentRecord.Crop(enrolmentCrop,
                    clear.templates().get(0))), entryNonce);
            append(new SealedWatchlistEntryAuthorized(clear.entry(), clear.subject(), clear.category(),
                    clear.authorisationRef(), clear.authorisedBy(), clear.validFrom(), clear.validUntil(),
                    clear.sourceImageDigest(), MODEL, 1, 1, new SealedRecordRef(EventFixtures.digestOf("enrolment blob"),
                            entryRecord.commitment(), f.epoch())), EventFixtures.OFFICER_SEED);
        } else {
            entryRecord = null;
            append(clear, EventFixtures.OFFICER_SEED);
            append(EventFixtures.erasureEpochOpened(), auth);
        }
        byte[] nonce = new byte[32];
        Arrays.fill(nonce, (byte) 5);
        record = BiometricRecord.of(templateOf(probeCrop), EventFixtures.landmarks(),
                committedCrop == null ? probeCrop : committedCrop, nonce);
        FaceDetected d = EventFixtures.faceDetected();
        SignedEvent det = append(new SealedFaceDetected(d.camera(), d.captureTime(), d.frameDigest(), d.faceBox(), MODEL,
                1, d.quality(), new SealedRecordRef(EventFixtures.digestOf("blob"), record.commitment(),
                        EventFixtures.EPOCH)), EventFixtures.CAMERA_SEED);
        detection = new DetectionRef(det.eventHash(), events.size() - 1);
        if (decision == null) {
            throw new AssertionError("the projection proposed no match");
        }
        matchId = decision.match();
        MatchProposed logged = decision;
        if (scoreShift != 0) {
            logged = new MatchProposed(decision.match(), decision.detection(), decision.candidateEntry(),
                    decision.score() + scoreShift, decision.threshold(), decision.watchlistSnapshot(),
                    decision.modelId(), decision.engineVersion());
        }
        append(logged, EventFixtures.ENGINE_SEED);
        if (disclose) {
            append(discloseEntry ? RecordDisclosed.withEntries("d-court-1", List.of(detection), List.of("wl-2026-0001"),
                    DisclosurePurpose.EVIDENCE_BUNDLE, "INC-2026-778", "Court: HCMA 1234/2026")
                    : new RecordDisclosed("d-court-1", List.of(detection), DisclosurePurpose.EVIDENCE_BUNDLE,
                            "INC-2026-778", "Court: HCMA 1234/2026"), EventFixtures.OFFICER_SEED);
        }
        append(new MatchReviewed(matchId, Verdict.CONFIRM, "same person"), EventFixtures.REVIEWER_SEED);
        append(new MatchReviewed(matchId, Verdict.CONFIRM, "agree"), EventFixtures.SECOND_REVIEWER_SEED);
        append(new MatchActioned(matchId, "stop-and-speak", "INC-2026-778"), EventFixtures.OFFICER_SEED);
    }

    private SealedRecordSource engine() {
        return new SealedRecordSource() {
            @Override
            public RecordAvailability open(DetectionRef ref, SignedEvent event) {
                return record == null ? RecordAvailability.withheld("none")
                        : RecordAvailability.available(record.template(), record.landmarks());
            }

            @Override
            public EnrolmentAvailability openEnrolment(DetectionRef ref, SignedEvent event) {
                return EnrolmentAvailability.available(entryRecord.templates());
            }
        };
    }

    private SignedEvent append(EventPayload payload, int seed) {
        StreamHead head = heads.getOrDefault(payload.stream(), StreamHead.EMPTY);
        SignedEvent event = EventSigner.sign("ev-" + events.size(), head.nextSeq(), head.last(),
                Timestamp.ofEpochMillis(1_795_000_000_000L + 1000L * events.size()), payload, key(seed));
        try {
            Step step = RecognitionProjection.apply(state, events.size(), event, engine());
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
        return SignedCheckpoint.sign(Checkpoint.of(BundleLog.ORIGIN, events.size(), tree().root()), BundleLog.logKey());
    }

    BundleRecords records(boolean withEnrolment) {
        return new BundleRecords(detection, record, withEnrolment
                ? Optional.of(new BundleRecords.EnrolmentCrop("wl-2026-0001", 0, enrolmentCrop)) : Optional.empty(),
                Optional.ofNullable(entryRecord));
    }

    /** The records with {@code entryRecord} as the carried sealed enrolment record (and the enrolment crop). */
    BundleRecords records(Optional<SealedEnrolmentRecord> entryRecord) {
        return new BundleRecords(detection, record,
                Optional.of(new BundleRecords.EnrolmentCrop("wl-2026-0001", 0, enrolmentCrop)), entryRecord);
    }

    EvidenceBundle bundle(BundleRecords records) throws BundleBuildException {
        return BundleBuilder.build(i -> events.get((int) i).leafBytes(), tree(), checkpoint(), matchId,
                SnapshotProofs.INSTANCE, records);
    }

    EvidenceBundle bundle() throws BundleBuildException {
        return bundle(records(true));
    }
}
