package org.oversight.domain.seal;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.Landmarks;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;

/**
 * What a camera (or the simulator) does per detection when sealing (docs/format.md §12): builds
 * the biometric record from the template, landmarks and aligned-crop pixels with a fresh nonce,
 * seals it to the epoch covering the capture time, and returns the schema-2 {@code FaceDetected}
 * payload to sign together with the blob to upload to the vault.
 *
 * <p>Randomness, drawn from the injected source in this order: the record's 32-byte nonce, then
 * {@link RecordSealer}'s data key and one ephemeral key per recipient.
 */
public final class CameraSealer {
    private CameraSealer() {}

    /**
     * A sealed detection: the payload to sign at ({@code stream}, {@code seq}), the blob for the
     * vault, and the record (which the camera should discard after sealing).
     */
    public record SealedDetection(SealedFaceDetected payload, SealedBlob blob, BiometricRecord record) {
        public SealedDetection {
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(blob, "blob");
            Objects.requireNonNull(record, "record");
        }

        /** The blob's canonical bytes, for {@code PUT /v1/vault/blobs/{blobDigest}}. */
        public byte[] blobBytes() {
            return blob.canonicalBytes();
        }
    }

    /**
     * Seals a detection given its parts.
     *
     * @param alignedCrop the §9.2 canonical pixel bytes of the aligned crop the template came from
     * @param seq the seq the detection will have in {@code detections/<camera>}
     * @throws IllegalArgumentException if {@code epoch} does not cover {@code captureTime}, or a
     *     value is out of range
     */
    public static SealedDetection seal(String camera, Timestamp captureTime, Sha256Digest frameDigest, FaceBox faceBox,
            long quality, Template template, Landmarks landmarks, byte[] alignedCrop, ErasureEpochOpened epoch, long seq,
            SecureRandom random) {
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(random, "random");
        if (!epoch.covers(captureTime)) {
            throw new IllegalArgumentException("epoch " + epoch.epoch() + " [" + epoch.sealFrom() + ", "
                    + epoch.sealUntil() + ") does not cover captureTime " + captureTime);
        }
        byte[] nonce = new byte[BiometricRecord.NONCE_LENGTH];
        random.nextBytes(nonce);
        BiometricRecord record = BiometricRecord.of(template, landmarks, alignedCrop, nonce);
        RecordSealer.Sealed sealed = RecordSealer.seal(record, epoch, StreamId.detections(camera), seq, random);
        SealedFaceDetected payload = new SealedFaceDetected(camera, captureTime, frameDigest, faceBox,
                template.modelId(), template.format(), quality,
                new SealedRecordRef(sealed.blobDigest(), sealed.commitment(), epoch.epoch()));
        return new SealedDetection(payload, sealed.blob(), record);
    }

    /**
     * Seals a detection the pipeline produced in schema-1 form, with the crop its
     * {@code alignedCropDigest} names.
     *
     * @throws IllegalArgumentException if SHA-256 of {@code alignedCrop} is not the detection's
     *     {@code alignedCropDigest}, or {@code epoch} does not cover its capture time
     */
    public static SealedDetection seal(FaceDetected clear, byte[] alignedCrop, ErasureEpochOpened epoch, long seq,
            SecureRandom random) {
        Objects.requireNonNull(clear, "clear");
        Objects.requireNonNull(alignedCrop, "alignedCrop");
        Sha256Digest digest = Sha256Digest.hash(alignedCrop);
        if (!digest.equals(clear.alignedCropDigest())) {
            throw new IllegalArgumentException("aligned crop digest " + digest.hex() + " != the detection's "
                    + clear.alignedCropDigest().hex());
        }
        return seal(clear.camera(), clear.captureTime(), clear.frameDigest(), clear.faceBox(), clear.quality(),
                clear.template(), clear.landmarks(), alignedCrop, epoch, seq, random);
    }

    /** The epoch among {@code opened} whose window covers {@code captureTime} (the latest opened if several). */
    public static Optional<ErasureEpochOpened> epochCovering(List<ErasureEpochOpened> opened, Timestamp captureTime) {
        ErasureEpochOpened found = null;
        for (ErasureEpochOpened e : opened) {
            if (e.covers(captureTime)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }
}
