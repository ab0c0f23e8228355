package org.oversight.domain.seal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.StreamKind;
import org.oversight.domain.seal.hpke.rfc9180.ChaCha20Poly1305;
import org.oversight.domain.seal.hpke.rfc9180.Hpke;

/**
 * The sealing side (docs/format.md §12.3): encrypts a detection's biometric record, or a
 * schema-2 watchlist entry's enrolment record (§12.7), under a fresh data key bound to its event
 * (epoch, stream, seq), and wraps the data key to every recipient of the epoch with HPKE.
 *
 * <p>Randomness is injected: from {@code random} the sealer draws, in this order, the 32-byte data
 * key and then, for each recipient in the epoch's order, a 32-byte HPKE ephemeral private key. So a
 * test with a fixed source reproduces the worked example of §12.6 byte for byte. In production
 * {@code random} must be a {@link SecureRandom} seeded by the operating system: reusing a data key
 * with the zero nonce, or an ephemeral key, breaks confidentiality.
 */
public final class RecordSealer {
    private RecordSealer() {}

    /** A sealed record: the blob for the vault and what the leaf names. */
    public static final class Sealed {
        private final SealedBlob blob;
        private final Sha256Digest commitment;

        Sealed(SealedBlob blob, Sha256Digest commitment) {
            this.blob = blob;
            this.commitment = commitment;
        }

        /** The blob to store in the vault. */
        public SealedBlob blob() {
            return blob;
        }

        /** The leaf's {@code sealed.commitment}. */
        public Sha256Digest commitment() {
            return commitment;
        }

        /** The leaf's {@code sealed.blobDigest}. */
        public Sha256Digest blobDigest() {
            return blob.digest();
        }
    }

    /**
     * Seals {@code record} for the detection at ({@code stream}, {@code seq}) to the recipients of
     * {@code epoch}.
     *
     * @throws IllegalArgumentException if {@code stream} is not a detections stream or seq is negative
     */
    public static Sealed seal(BiometricRecord record, ErasureEpochOpened epoch, StreamId stream, long seq,
            SecureRandom random) {
        Objects.requireNonNull(epoch, "epoch");
        return seal(record, epoch.epoch(), epoch.recipients(), stream, seq, random);
    }

    /**
     * Seals {@code record} for the detection at ({@code stream}, {@code seq}) to {@code recipients}
     * of epoch {@code epochId}, in that order.
     *
     * @throws IllegalArgumentException if there are not 1–16 recipients, two share an id, the
     *     stream is not a detections stream or seq is negative
     */
    public static Sealed seal(BiometricRecord record, String epochId, List<EpochRecipient> recipients,
            StreamId stream, long seq, SecureRandom random) {
        Objects.requireNonNull(record, "record");
        requireDetections(stream);
        return sealRandom(record.canonicalBytes(), RecordCommitment.ofCanonicalBytes(record.canonicalBytes()), epochId,
                recipients, stream, seq, random);
    }

    /**
     * Seals the enrolment record of a schema-2 watchlist entry (format.md §12.7) to the recipients
     * of {@code epoch}: stream {@code watchlist/<entry>}, seq 0. Draws randomness as {@link #seal}.
     *
     * @throws IllegalArgumentException if the epoch has not 1–16 recipients or two share an id
     */
    public static Sealed sealEnrolment(SealedEnrolmentRecord record, ErasureEpochOpened epoch, SecureRandom random) {
        Objects.requireNonNull(epoch, "epoch");
        return sealEnrolment(record, epoch.epoch(), epoch.recipients(), random);
    }

    /**
     * Seals the enrolment record of a schema-2 watchlist entry to {@code recipients} of epoch
     * {@code epochId}, in that order: stream {@code watchlist/<entry>}, seq 0.
     *
     * @throws IllegalArgumentException if there are not 1–16 recipients or two share an id
     */
    public static Sealed sealEnrolment(SealedEnrolmentRecord record, String epochId, List<EpochRecipient> recipients,
            SecureRandom random) {
        Objects.requireNonNull(record, "record");
        byte[] plaintext = record.canonicalBytes();
        return sealRandom(plaintext, RecordCommitment.ofEnrolmentCanonicalBytes(plaintext), epochId, recipients,
                StreamId.watchlist(record.entry()), 0, random);
    }

    private static void requireDetections(StreamId stream) {
        Objects.requireNonNull(stream, "stream");
        if (stream.kind() != StreamKind.DETECTIONS) {
            throw new IllegalArgumentException("a biometric record is sealed to a detections/ stream, not " + stream);
        }
    }

    private static Sealed sealRandom(byte[] plaintext, Sha256Digest commitment, String epochId,
            List<EpochRecipient> recipients, StreamId stream, long seq, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(recipients, "recipients");
        byte[] dataKey = new byte[ChaCha20Poly1305.KEY_LENGTH];
        random.nextBytes(dataKey);
        List<byte[]> ephemeral = new ArrayList<>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
            byte[] skE = new byte[Hpke.KEY_LENGTH];
            random.nextBytes(skE);
            ephemeral.add(skE);
        }
        try {
            return sealBytes(plaintext, commitment, epochId, recipients, stream, seq, dataKey, ephemeral);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
            ephemeral.forEach(k -> Arrays.fill(k, (byte) 0));
        }
    }

    /** The deterministic core: the given data key and ephemeral keys (one per recipient). */
    static Sealed sealWith(BiometricRecord record, String epochId, List<EpochRecipient> recipients,
            StreamId stream, long seq, byte[] dataKey, List<byte[]> ephemeral) {
        Objects.requireNonNull(record, "record");
        requireDetections(stream);
        byte[] plaintext = record.canonicalBytes();
        return sealBytes(plaintext, RecordCommitment.ofCanonicalBytes(plaintext), epochId, recipients, stream, seq,
                dataKey, ephemeral);
    }

    /** The deterministic core of {@link #sealEnrolment}: the given data key and ephemeral keys. */
    static Sealed sealEnrolmentWith(SealedEnrolmentRecord record, String epochId, List<EpochRecipient> recipients,
            byte[] dataKey, List<byte[]> ephemeral) {
        Objects.requireNonNull(record, "record");
        byte[] plaintext = record.canonicalBytes();
        return sealBytes(plaintext, RecordCommitment.ofEnrolmentCanonicalBytes(plaintext), epochId, recipients,
                StreamId.watchlist(record.entry()), 0, dataKey, ephemeral);
    }

    private static Sealed sealBytes(byte[] plaintext, Sha256Digest commitment, String epochId,
            List<EpochRecipient> recipients, StreamId stream, long seq, byte[] dataKey, List<byte[]> ephemeral) {
        Objects.requireNonNull(stream, "stream");
        if (recipients.size() != ephemeral.size()) {
            throw new IllegalArgumentException(recipients.size() + " recipients but " + ephemeral.size()
                    + " ephemeral keys");
        }
        byte[] ciphertext = ChaCha20Poly1305.seal(dataKey, SealContext.AEAD_NONCE,
                SealContext.aead(epochId, stream, seq), plaintext);
        List<WrappedKey> keys = new ArrayList<>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
            EpochRecipient r = recipients.get(i);
            Hpke.Sealed s = Hpke.sealBase(r.publicKey().bytes(), SealContext.info(epochId, stream, seq, r.recipient()),
                    new byte[0], dataKey, ephemeral.get(i));
            keys.add(new WrappedKey(r.recipient(), s.enc(), s.ciphertext()));
        }
        SealedBlob blob = new SealedBlob(ciphertext, epochId, stream, seq, keys);
        return new Sealed(blob, commitment);
    }

    /**
     * Wraps a record's data key (from {@link RecordOpener#unwrapDataKey}) to another key — the
     * vault's case key for a kept record (format.md §12.3) — under the recipient id
     * {@code recipient} (e.g. {@code case:INC-2026-778}), with the same HPKE info binding as the
     * blob's own wrapped keys. The ephemeral key is drawn from {@code random}.
     *
     * @throws IllegalArgumentException if the data key is not 32 bytes or the recipient is not an identifier
     */
    public static WrappedKey rewrap(byte[] dataKey, SealedBlob blob, String recipient, X25519PublicKey to,
            SecureRandom random) {
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(to, "to");
        byte[] skE = new byte[Hpke.KEY_LENGTH];
        random.nextBytes(skE);
        try {
            Hpke.Sealed s = Hpke.sealBase(to.bytes(), SealContext.info(blob.epoch(), blob.stream(), blob.seq(),
                    recipient), new byte[0], dataKey, skE);
            return new WrappedKey(recipient, s.enc(), s.ciphertext());
        } finally {
            Arrays.fill(skE, (byte) 0);
        }
    }
}
