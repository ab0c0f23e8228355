package org.oversight.verifier.audit;

import java.security.SecureRandom;
import java.util.List;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntryWithdrawn;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.EnrolmentSealer;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.recognition.projection.EnrolmentAvailability;
import org.oversight.recognition.projection.ProjectionInputException;
import org.oversight.recognition.projection.ProjectionState;
import org.oversight.recognition.projection.RecognitionProjection;
import org.oversight.recognition.projection.RecordAvailability;
import org.oversight.recognition.projection.SealedRecordSource;
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

    /** How the keeping of the sealed entry's record ends in {@link #sealedEntry}, after the close kept it. */
    public enum EntryEnd {
        /** It does not end: the entry is live at the end of the log. */
        NONE,
        /** {@code KeptRecordsDestroyed} names the entry's leaf. */
        DESTROYED,
        /** {@code WatchlistEntryWithdrawn} withdraws the entry; person A is detected again afterwards. */
        WITHDRAWN,
        /**
         * {@code KeptRecordsDestroyed} names the entry's leaf; person A is then detected twice more,
         * captured inside the entry's window: the entry is no longer searched (format.md §9.8), so
         * an honest engine proposes nothing for them.
         */
        DESTROYED_THEN_SEEN
    }

    /**
     * A log with a sealed watchlist entry, for the witness's kept-entry-record tests.
     *
     * @param leaves the log's leaves
     * @param entryLeaf the schema-2 entry's leaf
     * @param closeLeaf the leaf of the epoch's close, which keeps the entry's record
     * @param afterDetectionLeaf the leaf of person A's detection after the close, matched against the entry
     * @param endLeaf the leaf at which the keeping ends ({@link EntryEnd#NONE}: the log's size)
     * @param blob the entry's sealed blob, as the vault stores it
     * @param blobDigestHex the leaf's {@code sealed.blobDigest}, in hex
     * @param record the sealed enrolment record (its template is person A's)
     */
    public record SealedEntry(List<byte[]> leaves, int entryLeaf, int closeLeaf, int afterDetectionLeaf, int endLeaf,
            byte[] blob, String blobDigestHex, SealedEnrolmentRecord record) {}

    /**
     * The scenario's principals, policy and camera; an erasure epoch {@link EventFixtures#EPOCH}
     * (sealing November 1–28, 2026) whose recipients are a vault key and {@code witness}; the
     * watchlist entry of person A as schema 2, its enrolment record sealed to that epoch; person A
     * detected (clear) and matched; the epoch's close keeping the entry's record (reason
     * {@code watchlist-entry}); person A detected and matched again; then {@code end}.
     */
    public static SealedEntry sealedEntry(EpochRecipient witness, EntryEnd end) {
        SecureRandom random = new SecureRandom();
        TestLog scenario = TestLog.scenario();
        TestLog log = new TestLog();
        for (int i = 0; i < TestLog.FIRST_DETECTION - 1; i++) {  // principals, policy, camera
            log.append(scenario.event(i));
        }
        ErasureEpochOpened f = EventFixtures.erasureEpochOpened();
        ErasureEpochOpened epoch = new ErasureEpochOpened(f.epoch(), EventFixtures.time("2026-11-01T00:00:00.000Z"),
                EventFixtures.time("2026-11-28T00:00:00.000Z"), EventFixtures.time("2026-11-28T01:00:00.000Z"),
                List.of(new EpochRecipient.Vault("vault", X25519PrivateKey.generate(random).publicKey()), witness));
        log.append(epoch, EventFixtures.AUTHORITY_SEED);
        WatchlistEntryAuthorized clear = TestLog.watchlistEntry(TestLog.personA());
        byte[] crop = new byte[4096];
        for (int i = 0; i < crop.length; i++) {
            crop[i] = (byte) (i * 31 + 7);
        }
        SignedEvent probe = log.next(clear, EventFixtures.OFFICER_SEED);  // only for its header time
        EnrolmentSealer.SealedEnrolment sealed = EnrolmentSealer.seal(clear, EnrolmentRecord.of(clear.entry(),
                List.of(new EnrolmentRecord.Crop(crop, clear.templates().get(0)))), epoch, probe.header().time(), random);
        int entryLeaf = log.size();
        SignedEvent entry = log.append(sealed.payload(), EventFixtures.OFFICER_SEED);
        SealedEnrolmentRecord record = sealed.record();
        SealedRecordSource engine = new SealedRecordSource() {
            @Override
            public RecordAvailability open(DetectionRef d, SignedEvent e) {
                return RecordAvailability.withheld("no detection records");
            }

            @Override
            public EnrolmentAvailability openEnrolment(DetectionRef d, SignedEvent e) {
                return EnrolmentAvailability.available(record.templates());
            }
        };
        log.append(TestLog.firstDetection(), EventFixtures.CAMERA_SEED);
        log.append(derive(log, engine), EventFixtures.ENGINE_SEED);
        SealedWatchlistEntryAuthorized a = sealed.payload();
        int closeLeaf = log.size();
        DetectionRef entryRef = new DetectionRef(entry.eventHash(), entryLeaf);
        log.append(new ErasureEpochClosed(epoch.epoch(), List.of(new KeptRecord(a.authorisationRef(), entryRef,
                KeepReason.WATCHLIST_ENTRY, a.validUntil())), 0), EventFixtures.ENGINE_SEED);
        int afterDetectionLeaf = log.size();
        log.append(personADetectedAgain("2026-11-27T09:45:00.000Z", "frame after the close"), EventFixtures.CAMERA_SEED);
        log.append(derive(log, engine), EventFixtures.ENGINE_SEED);
        int endLeaf = log.size();
        if (end == EntryEnd.DESTROYED || end == EntryEnd.DESTROYED_THEN_SEEN) {
            log.append(new KeptRecordsDestroyed(epoch.epoch(), List.of(entryRef), "watchlist entry withdrawn"),
                    EventFixtures.ENGINE_SEED);
            if (end == EntryEnd.DESTROYED_THEN_SEEN) {
                log.append(personADetectedAgain("2026-11-27T09:50:00.000Z", "frame after the destruction"),
                        EventFixtures.CAMERA_SEED);
                log.append(personADetectedAgain("2026-11-27T09:55:00.000Z", "frame later still"),
                        EventFixtures.CAMERA_SEED);
            }
        } else if (end == EntryEnd.WITHDRAWN) {
            log.append(new WatchlistEntryWithdrawn(a.entry(), "arrested"), EventFixtures.OFFICER_SEED);
            log.append(personADetectedAgain("2026-11-27T09:50:00.000Z", "frame after the withdrawal"),
                    EventFixtures.CAMERA_SEED);
        }
        return new SealedEntry(log.leaves(), entryLeaf, closeLeaf, afterDetectionLeaf, endLeaf, sealed.blobBytes(),
                a.sealed().blobDigest().hex(), record);
    }

    private static FaceDetected personADetectedAgain(String captureTime, String frame) {
        FaceDetected d = TestLog.firstDetection();
        return new FaceDetected(d.camera(), EventFixtures.time(captureTime), EventFixtures.digestOf(frame), d.faceBox(),
                d.landmarks(), EventFixtures.digestOf("crop of " + frame), d.template(), d.quality());
    }

    /** The engine's single decision for the log's last event, a detection, with the entry's templates. */
    private static MatchProposed derive(TestLog log, SealedRecordSource engine) {
        try {
            ProjectionState state = ProjectionState.initial();
            int last = log.size() - 1;
            for (int i = 0; i < last; i++) {
                state = RecognitionProjection.apply(state, i, log.event(i), engine).state();
            }
            List<MatchProposed> d = RecognitionProjection.apply(state, last, log.event(last), engine).decisions();
            if (d.size() != 1) {
                throw new AssertionError(d.size() + " decisions for the detection at leaf " + last);
            }
            return d.get(0);
        } catch (ProjectionInputException e) {
            throw new AssertionError(e);
        }
    }
}
