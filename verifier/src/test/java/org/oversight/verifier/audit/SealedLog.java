package org.oversight.verifier.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Template;
import org.oversight.domain.export.RecordsFile;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.recognition.projection.ProjectionInputException;
import org.oversight.recognition.projection.ProjectionState;
import org.oversight.recognition.projection.RecognitionProjection;
import org.oversight.recognition.projection.RecordAvailability;
import org.oversight.recognition.projection.SealedRecordSource;

/**
 * The {@link TestLog#scenario()} with sealed detections (docs/format.md §12): an erasure epoch
 * opened by the authority, person A and person B detected with their records sealed (the leaves
 * carry commitments), the match the projection derives for A with the engine's records, its
 * reviews and action, then the epoch's close — keeping A's record when {@code keepMatch}, keeping
 * nothing otherwise — and the authority's audit disclosure of A's record.
 */
final class SealedLog {
    final TestLog log = new TestLog();
    final SignedEvent detectionA;
    final SignedEvent detectionB;
    final BiometricRecord recordA = record(TestLog.personASeenByCamera(), 1);
    final BiometricRecord recordB = record(TestLog.personB(), 2);
    final SignedEvent disclosure;
    final int leafA;
    final int proposalLeaf;

    SealedLog(boolean keepMatch) {
        TestLog scenario = TestLog.scenario();
        for (int i = 0; i < 8; i++) { // principals, policy, camera, entry wl-2026-0001 of person A
            log.append(scenario.event(i));
        }
        log.append(EventFixtures.erasureEpochOpened(), EventFixtures.AUTHORITY_SEED);
        leafA = log.size();
        detectionA = log.append(sealed(TestLog.firstDetection(), recordA), EventFixtures.CAMERA_SEED);
        MatchProposed match = derive(leafA);
        proposalLeaf = log.size();
        log.append(match, EventFixtures.ENGINE_SEED);
        log.append(TestLog.firstReview(match.match()), EventFixtures.REVIEWER_SEED);
        log.append(TestLog.secondReview(match.match()), EventFixtures.SECOND_REVIEWER_SEED);
        log.append(TestLog.action(match.match()), EventFixtures.OFFICER_SEED);
        detectionB = log.append(sealed(TestLog.secondDetection(), recordB), EventFixtures.CAMERA_SEED);
        List<KeptRecord> kept = keepMatch ? List.of(new KeptRecord("INC-2026-778", refA(), KeepReason.MATCH,
                EventFixtures.time("2027-05-27T10:00:00.000Z"))) : List.of();
        log.append(new ErasureEpochClosed(EventFixtures.EPOCH, kept, keepMatch ? 1 : 2), EventFixtures.ENGINE_SEED);
        disclosure = log.append(new RecordDisclosed("d-audit-1", List.of(refA()), DisclosurePurpose.AUDIT,
                "AUDIT-2026-Q4", "Auditor: Privacy Commissioner"), EventFixtures.AUTHORITY_SEED);
    }

    DetectionRef refA() {
        return new DetectionRef(detectionA.eventHash(), leafA);
    }

    /** What the engine holds: both records (it unseals within the epoch). */
    SealedRecordSource engine() {
        return (ref, event) -> {
            BiometricRecord r = event.eventHash().equals(detectionA.eventHash()) ? recordA
                    : event.eventHash().equals(detectionB.eventHash()) ? recordB : null;
            return r == null ? RecordAvailability.withheld("unknown") : RecordAvailability.available(r.template(),
                    r.landmarks());
        };
    }

    private MatchProposed derive(int leaf) {
        ProjectionState state = ProjectionState.initial();
        try {
            for (int i = 0; i < leaf; i++) {
                state = RecognitionProjection.apply(state, i, log.event(i), engine()).state();
            }
            List<MatchProposed> d = RecognitionProjection.apply(state, leaf, log.event(leaf), engine()).decisions();
            if (d.size() != 1) {
                throw new AssertionError(d.size() + " decisions");
            }
            return d.get(0);
        } catch (ProjectionInputException e) {
            throw new AssertionError(e);
        }
    }

    /** The records file of A's record, released by the log's disclosure. */
    List<RecordsFile.Entry> recordsOfA() {
        return List.of(new RecordsFile.Entry(refA(), recordA));
    }

    static BiometricRecord record(Template template, int n) {
        byte[] crop = new byte[150 * 150 * 3];
        Arrays.fill(crop, (byte) (40 * n));
        byte[] nonce = new byte[32];
        Arrays.fill(nonce, (byte) n);
        return BiometricRecord.of(template, EventFixtures.landmarks(), crop, nonce);
    }

    /** {@code d}'s public members, sealed: the record's commitment instead of template, landmarks and crop digest. */
    static SealedFaceDetected sealed(FaceDetected d, BiometricRecord record) {
        Template t = record.template();
        return new SealedFaceDetected(d.camera(), d.captureTime(), d.frameDigest(), d.faceBox(), t.modelId(), t.format(),
                d.quality(), new SealedRecordRef(EventFixtures.digestOf("blob " + d.frameDigest().hex()),
                        record.commitment(), EventFixtures.EPOCH));
    }

    List<byte[]> leaves() {
        return log.leaves();
    }

    static EventHash hash(SignedEvent e) {
        return e.eventHash();
    }

    List<SignedEvent> events() {
        List<SignedEvent> out = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            out.add(log.event(i));
        }
        return out;
    }
}
