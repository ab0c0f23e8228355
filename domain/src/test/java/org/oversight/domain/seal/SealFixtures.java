package org.oversight.domain.seal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;

/** Deterministic records, randomness and sealed detections for the seal tests (and other modules'). */
public final class SealFixtures {
    private SealFixtures() {}

    /**
     * A {@link SecureRandom} whose output is a fixed stream: SHA-256(label || counter) blocks.
     * For tests only: reproducible, and therefore useless for secrecy.
     */
    public static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final String label;
        private long counter;
        private byte[] block = new byte[0];
        private int used;

        public FixedRandom(String label) {
            this.label = label;
        }

        @Override
        public void nextBytes(byte[] out) {
            for (int i = 0; i < out.length; i++) {
                if (used == block.length) {
                    try {
                        MessageDigest md = MessageDigest.getInstance("SHA-256");
                        md.update((label + "/" + counter++).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        block = md.digest();
                    } catch (NoSuchAlgorithmException e) {
                        throw new AssertionError(e);
                    }
                    used = 0;
                }
                out[i] = block[used++];
            }
        }
    }

    /** Bytes {@code b, b+1, …} of length n, as an illustrative crop. */
    public static byte[] crop(int n) {
        byte[] c = new byte[n];
        for (int i = 0; i < n; i++) {
            c[i] = (byte) (i * 7 + 3);
        }
        return c;
    }

    /** A record with a small crop of {@code cropBytes} bytes and a nonce from {@code random}. */
    public static BiometricRecord record(int cropBytes, SecureRandom random) {
        byte[] nonce = new byte[BiometricRecord.NONCE_LENGTH];
        random.nextBytes(nonce);
        return BiometricRecord.of(EventFixtures.template(), EventFixtures.landmarks(), crop(cropBytes), nonce);
    }

    /** The example camera's detections stream. */
    public static final StreamId STREAM = StreamId.detections("cam-0042");

    /** A schema-2 detection at {@code seq} of {@link #STREAM} naming {@code sealed}'s digests, signed by the camera. */
    public static SignedEvent detection(RecordSealer.Sealed sealed, long seq) {
        SealedFaceDetected d = EventFixtures.sealedFaceDetected();
        SealedFaceDetected leaf = new SealedFaceDetected(d.camera(), d.captureTime(), d.frameDigest(), d.faceBox(),
                d.modelId(), d.templateFormat(), d.quality(),
                new SealedRecordRef(sealed.blobDigest(), sealed.commitment(), sealed.blob().epoch()));
        Optional<EventHash> prev = seq == 0 ? Optional.empty() : Optional.of(EventHash.ofLeafBytes(new byte[] {1}));
        return EventSigner.sign("ev-det-" + seq, seq, prev, EventFixtures.time("2026-11-27T09:30:01.000Z"), leaf,
                EventFixtures.key(EventFixtures.CAMERA_SEED));
    }
}
