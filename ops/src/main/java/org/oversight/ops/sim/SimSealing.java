package org.oversight.ops.sim;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.EnrolmentSealer;
import org.oversight.domain.seal.RecordSealer;

/**
 * A simulated camera's sealing (docs/format.md §12): the biometric values of a detection go into a
 * record sealed to the current erasure epoch's recipients with the domain's {@link RecordSealer};
 * the leaf becomes a schema-2 {@code FaceDetected} carrying the blob digest and the commitment. The
 * blob is stored in the ledger's vault before the event is submitted ({@code LedgerClient.putBlobs}, one
 * request per batch).
 *
 * <p>The simulator has no pixels: the record's "aligned crop" is 64 bytes derived from the
 * detection's crop digest (a stand-in; real cameras put the §9.2 canonical crop there).
 */
final class SimSealing {
    private final ErasureEpochOpened epoch;
    private final SecureRandom random;

    SimSealing(ErasureEpochOpened epoch, SecureRandom random) {
        this.epoch = epoch;
        this.random = random;
    }

    /** A sealed detection: the schema-2 payload and the blob the vault must hold first. */
    record Sealed(SealedFaceDetected payload, byte[] blob) {}

    ErasureEpochOpened epoch() {
        return epoch;
    }

    /** A sealed watchlist entry: the schema-2 payload and the blob the vault must hold first. */
    record SealedEntry(SealedWatchlistEntryAuthorized payload, byte[] blob) {}

    /**
     * Seals the enrolment record of {@code clear} (format.md §12.7): one stand-in crop per template
     * (64 bytes derived from the template, not pixels), so the ledger must run with
     * {@code oversight.vault.derive-enrolments=false} (ops/sim.sh sets it).
     *
     * @param time the header time the entry will be signed with (the epoch covers it)
     */
    SealedEntry sealEntry(WatchlistEntryAuthorized clear, Timestamp time) {
        List<EnrolmentRecord.Crop> crops = new ArrayList<>();
        for (Template t : clear.templates()) {
            byte[] d = Sha256Digest.hash(t.data()).toByteArray();
            byte[] stand = new byte[64];
            System.arraycopy(d, 0, stand, 0, 32);
            System.arraycopy(Sha256Digest.hash(d, d).toByteArray(), 0, stand, 32, 32);
            crops.add(new EnrolmentRecord.Crop(stand, t));
        }
        EnrolmentSealer.SealedEnrolment s = EnrolmentSealer.seal(clear, EnrolmentRecord.of(clear.entry(), crops), epoch,
                time, random);
        return new SealedEntry(s.payload(), s.blobBytes());
    }

    /** Seals {@code clear} as the detection at ({@code stream}, {@code seq}). */
    Sealed seal(FaceDetected clear, StreamId stream, long seq) {
        byte[] nonce = new byte[BiometricRecord.NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] d = clear.alignedCropDigest().toByteArray();
        byte[] crop = Sha256Digest.hash(d, d).toByteArray();
        byte[] stand = new byte[64];
        System.arraycopy(d, 0, stand, 0, 32);
        System.arraycopy(crop, 0, stand, 32, 32);
        BiometricRecord record = BiometricRecord.of(clear.template(), clear.landmarks(), stand, nonce);
        RecordSealer.Sealed s = RecordSealer.seal(record, epoch, stream, seq, random);
        SealedFaceDetected leaf = new SealedFaceDetected(clear.camera(), clear.captureTime(), clear.frameDigest(),
                clear.faceBox(), clear.template().modelId(), clear.template().format(), clear.quality(),
                new SealedRecordRef(s.blobDigest(), s.commitment(), epoch.epoch()));
        return new Sealed(leaf, s.blob().canonicalBytes());
    }
}
