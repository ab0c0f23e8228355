package org.oversight.verifier.audit;

import java.security.SecureRandom;
import java.util.List;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.RetrospectiveSearchPerformed;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.SearchHit;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.recognition.projection.SearchScores;
import org.oversight.recognition.projection.WatchedEntry;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.RecordSealer;
import org.oversight.domain.seal.X25519PrivateKey;

/**
 * A log with one really sealed detection, for the witness's sealed-record tests (other packages):
 * the scenario's principals, policy, camera and watchlist entry of person A, the fixture's
 * {@code ErasureEpochOpened}, camera cam-0042's detection of person A sealed (docs/format.md §12.3)
 * to a vault key and to the given witness recipient — the blob is returned for the fake vault —
 * and, if asked, the epoch's close keeping nothing.
 */
public final class WitnessSealedFixtures {
    private WitnessSealedFixtures() {}

    /**
     * The log and the blob its detection names.
     *
     * @param leaves the log's leaves
     * @param detectionLeaf the sealed detection's leaf
     * @param blob the sealed blob's canonical bytes, as the vault stores it
     * @param blobDigestHex the leaf's {@code sealed.blobDigest}, in hex
     */
    public record Sealed(List<byte[]> leaves, int detectionLeaf, byte[] blob, String blobDigestHex) {}

    /**
     * @param witness the witness's recipient object for {@link EventFixtures#EPOCH}
     * @param commitToAnother if true, the leaf commits to another record than the one sealed (a
     *     camera sealing a record that is not the one it signed)
     * @param close whether the epoch's close (nothing kept) follows the detection
     */
    public static Sealed sealedDetection(EpochRecipient witness, boolean commitToAnother, boolean close) {
        return sealedDetection(witness, commitToAnother, close, null);
    }

    /**
     * {@link #sealedDetection(EpochRecipient, boolean, boolean)} without close, followed by a
     * retrospective search (rule R4) for entry wl-2026-0001 over the epoch's hour, requested by the
     * officer and performed by the engine: S is the one sealed detection, listed as a hit with its
     * score against the entry plus {@code scoreDelta} (0: honest).
     */
    public static Sealed searched(EpochRecipient witness, long scoreDelta) {
        return sealedDetection(witness, false, false, scoreDelta);
    }

    private static Sealed sealedDetection(EpochRecipient witness, boolean commitToAnother, boolean close,
            Long searchScoreDelta) {
        SecureRandom random = new SecureRandom();
        TestLog scenario = TestLog.scenario();
        TestLog log = new TestLog();
        for (int i = 0; i < TestLog.FIRST_DETECTION; i++) {  // principals, policy, camera, entry of person A
            log.append(scenario.event(i));
        }
        log.append(EventFixtures.erasureEpochOpened(), EventFixtures.AUTHORITY_SEED);
        FaceDetected d = TestLog.firstDetection();
        BiometricRecord record = SealedLog.record(TestLog.personASeenByCamera(), 1);
        BiometricRecord committed = commitToAnother ? SealedLog.record(TestLog.personB(), 2) : record;
        SignedEvent probe = log.next(SealedLog.sealed(d, committed), EventFixtures.CAMERA_SEED);
        List<EpochRecipient> recipients = List.of(
                new EpochRecipient.Vault("vault", X25519PrivateKey.generate(random).publicKey()), witness);
        RecordSealer.Sealed sealed = RecordSealer.seal(record, EventFixtures.EPOCH, recipients, probe.stream(),
                probe.seq(), random);
        SealedFaceDetected leaf = new SealedFaceDetected(d.camera(), d.captureTime(), d.frameDigest(), d.faceBox(),
                committed.template().modelId(), committed.template().format(), d.quality(),
                new SealedRecordRef(sealed.blobDigest(), committed.commitment(), EventFixtures.EPOCH));
        int detectionLeaf = log.size();
        log.append(leaf, EventFixtures.CAMERA_SEED);
        if (close) {
            log.append(new ErasureEpochClosed(EventFixtures.EPOCH, List.of(), 1), EventFixtures.ENGINE_SEED);
        }
        if (searchScoreDelta != null) {
            SignedEvent entryEvent = log.event(TestLog.FIRST_DETECTION - 1);
            long score = SearchScores.score(WatchedEntry.of(entryEvent.eventHash(),
                    (WatchlistEntryAuthorized) entryEvent.payload()), record.template(), record.template().modelId())
                    .orElseThrow();
            log.append(new RetrospectiveSearchRequested("s-1", "wl-2026-0001", EventFixtures.time(
                    "2026-11-27T09:00:00.000Z"), EventFixtures.time("2026-11-27T10:00:00.000Z"), "INC-2026-901",
                    "newly listed"), EventFixtures.OFFICER_SEED);
            log.append(new RetrospectiveSearchPerformed("s-1", 1, List.of(new SearchHit(new DetectionRef(
                    log.event(detectionLeaf).eventHash(), detectionLeaf), score + searchScoreDelta)),
                    EventFixtures.recognitionPolicySet().threshold(), record.template().modelId(), "oversight-engine/1"),
                    EventFixtures.ENGINE_SEED);
        }
        return new Sealed(log.leaves(), detectionLeaf, sealed.blob().canonicalBytes(), sealed.blobDigest().hex());
    }
}
