package org.oversight.domain.seal;

import java.util.Arrays;
import java.util.Objects;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.seal.hpke.rfc9180.ChaCha20Poly1305;
import org.oversight.domain.seal.hpke.rfc9180.Hpke;
import org.oversight.domain.seal.hpke.rfc9180.HpkeOpenException;

/**
 * The recipient side (docs/format.md §12.5, §12.7): opens a sealed blob with a recipient's epoch
 * private key and checks that it is the record its leaf commits to — a detection's biometric
 * record ({@link #open}) or a schema-2 watchlist entry's enrolment record ({@link #openEnrolment}). A record returned by {@link #open} is
 * exactly the one the camera signed a commitment to, for this detection.
 *
 * <p>Stages, in order, each with its own exception ({@link RecordOpeningException}): the blob's
 * digest equals the leaf's {@code blobDigest}; the blob parses; its epoch, stream and seq equal the
 * leaf's; it has a wrapped key for the recipient; the key unwraps (HPKE); the ciphertext decrypts
 * (AEAD); the plaintext parses as a record; its commitment equals the leaf's; its template's model
 * id and format equal the leaf's {@code modelId} and {@code templateFormat}.
 */
public final class RecordOpener {
    private RecordOpener() {}

    /**
     * Opens the record of {@code detection} (a signed schema-2 {@code FaceDetected}).
     *
     * @param blobBytes the blob as stored in the vault
     * @param recipient the recipient id the key belongs to
     * @param key the recipient's epoch private key
     * @throws RecordOpeningException at the first stage that fails
     * @throws IllegalArgumentException if {@code detection} is not a schema-2 {@code FaceDetected}
     * @throws IllegalStateException if {@code key} was destroyed
     */
    public static BiometricRecord open(byte[] blobBytes, SignedEvent detection, String recipient, X25519PrivateKey key)
            throws RecordOpeningException {
        Objects.requireNonNull(detection, "detection");
        if (!(detection.payload() instanceof SealedFaceDetected leaf)) {
            throw new IllegalArgumentException("event " + detection + " is not a schema-2 FaceDetected");
        }
        return open(blobBytes, leaf, detection.stream(), detection.seq(), recipient, key);
    }

    /**
     * Opens the record of the schema-2 detection {@code leaf} at ({@code stream}, {@code seq}).
     *
     * @throws RecordOpeningException at the first stage that fails
     */
    public static BiometricRecord open(byte[] blobBytes, SealedFaceDetected leaf, StreamId stream, long seq,
            String recipient, X25519PrivateKey key) throws RecordOpeningException {
        Objects.requireNonNull(recipient, "recipient");
        SealedBlob blob = checkedBlob(blobBytes, leaf, stream, seq);
        WrappedKey wrapped = null;
        for (WrappedKey k : blob.wrappedKeys()) {
            if (k.recipient().equals(recipient)) {
                wrapped = k;
            }
        }
        if (wrapped == null) {
            throw new RecordOpeningException.NotARecipient(recipient,
                    blob.wrappedKeys().stream().map(WrappedKey::recipient).toList().toString());
        }
        return openWith(blob, leaf, wrapped, key);
    }

    /**
     * Opens the record of {@code detection} with a wrapped key kept outside the blob — the vault's
     * re-wrap of a kept record's data key under a case key ({@link RecordSealer#rewrap}) — after
     * the same blob checks (stages 1–3).
     *
     * @throws RecordOpeningException at the first stage that fails
     */
    public static BiometricRecord openWith(byte[] blobBytes, SignedEvent detection, WrappedKey wrapped,
            X25519PrivateKey key) throws RecordOpeningException {
        Objects.requireNonNull(detection, "detection");
        if (!(detection.payload() instanceof SealedFaceDetected leaf)) {
            throw new IllegalArgumentException("event " + detection + " is not a schema-2 FaceDetected");
        }
        SealedBlob blob = checkedBlob(blobBytes, leaf, detection.stream(), detection.seq());
        return openWith(blob, leaf, wrapped, key);
    }

    /**
     * The data key of {@code blob} as wrapped to {@code recipient}, for re-wrapping
     * ({@link RecordSealer#rewrap}). The caller must zero the returned array when done.
     *
     * @throws RecordOpeningException.NotARecipient if the blob has no key for {@code recipient}
     * @throws RecordOpeningException.KeyUnwrapFailed if it does not open with {@code key}
     */
    public static byte[] unwrapDataKey(SealedBlob blob, String recipient, X25519PrivateKey key)
            throws RecordOpeningException {
        Objects.requireNonNull(blob, "blob");
        for (WrappedKey k : blob.wrappedKeys()) {
            if (k.recipient().equals(recipient)) {
                return unwrap(blob, k, key);
            }
        }
        throw new RecordOpeningException.NotARecipient(recipient,
                blob.wrappedKeys().stream().map(WrappedKey::recipient).toList().toString());
    }

    /** Stages 1–3: digest, parse, binding to the leaf. */
    private static SealedBlob checkedBlob(byte[] blobBytes, SealedFaceDetected leaf, StreamId stream, long seq)
            throws RecordOpeningException {
        Objects.requireNonNull(leaf, "leaf");
        return checkedBlob(blobBytes, leaf.sealed(), stream, seq);
    }

    /** Stages 1–3 against the leaf's {@code sealed} binding. */
    private static SealedBlob checkedBlob(byte[] blobBytes, SealedRecordRef sealed, StreamId stream, long seq)
            throws RecordOpeningException {
        Objects.requireNonNull(blobBytes, "blobBytes");
        Objects.requireNonNull(stream, "stream");
        Sha256Digest digest = Sha256Digest.hash(blobBytes);
        if (!digest.equals(sealed.blobDigest())) {
            throw new RecordOpeningException.BlobDigestMismatch(digest.hex(), sealed.blobDigest().hex());
        }
        SealedBlob blob;
        try {
            blob = SealedBlob.parse(blobBytes);
        } catch (MalformedSealedBlobException e) {
            throw new RecordOpeningException.MalformedBlob(e);
        }
        if (!blob.epoch().equals(sealed.epoch())) {
            throw new RecordOpeningException.BlobMismatch("$.epoch", blob.epoch(), sealed.epoch());
        }
        if (!blob.stream().equals(stream)) {
            throw new RecordOpeningException.BlobMismatch("$.stream", blob.stream().text(), stream.text());
        }
        if (blob.seq() != seq) {
            throw new RecordOpeningException.BlobMismatch("$.seq", String.valueOf(blob.seq()), String.valueOf(seq));
        }
        return blob;
    }

    private static byte[] unwrap(SealedBlob blob, WrappedKey wrapped, X25519PrivateKey key)
            throws RecordOpeningException {
        Objects.requireNonNull(key, "key");
        try {
            return Hpke.openBase(wrapped.enc(), key.raw(), key.publicKey().bytes(),
                    SealContext.info(blob.epoch(), blob.stream(), blob.seq(), wrapped.recipient()), new byte[0],
                    wrapped.wrapped());
        } catch (HpkeOpenException e) {
            throw new RecordOpeningException.KeyUnwrapFailed(wrapped.recipient(), key.publicKey().text(), e);
        }
    }

    private static WrappedKey wrappedFor(SealedBlob blob, String recipient) throws RecordOpeningException {
        Objects.requireNonNull(recipient, "recipient");
        for (WrappedKey k : blob.wrappedKeys()) {
            if (k.recipient().equals(recipient)) {
                return k;
            }
        }
        throw new RecordOpeningException.NotARecipient(recipient,
                blob.wrappedKeys().stream().map(WrappedKey::recipient).toList().toString());
    }

    /** Stages 5–6: unwrap the data key, decrypt. */
    private static byte[] decrypt(SealedBlob blob, WrappedKey wrapped, X25519PrivateKey key)
            throws RecordOpeningException {
        byte[] dataKey = unwrap(blob, wrapped, key);
        try {
            return ChaCha20Poly1305.open(dataKey, SealContext.AEAD_NONCE,
                    SealContext.aead(blob.epoch(), blob.stream(), blob.seq()), blob.ciphertext());
        } catch (HpkeOpenException e) {
            throw new RecordOpeningException.DecryptionFailed(blob.stream() + "#" + blob.seq(), e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** Stages 5–9 with the chosen wrapped key. */
    private static BiometricRecord openWith(SealedBlob blob, SealedFaceDetected leaf, WrappedKey wrapped,
            X25519PrivateKey key) throws RecordOpeningException {
        byte[] plaintext = decrypt(blob, wrapped, key);
        BiometricRecord record;
        try {
            record = BiometricRecord.parse(plaintext);
        } catch (MalformedRecordException e) {
            throw new RecordOpeningException.MalformedRecord(e);
        }
        Sha256Digest commitment = RecordCommitment.ofCanonicalBytes(plaintext);
        if (!commitment.equals(leaf.sealed().commitment())) {
            throw new RecordOpeningException.CommitmentMismatch(commitment.hex(), leaf.sealed().commitment().hex());
        }
        if (!record.template().modelId().equals(leaf.modelId()) || record.template().format() != leaf.templateFormat()) {
            throw new RecordOpeningException.TemplateMismatch(
                    "modelId " + record.template().modelId() + " format " + record.template().format(),
                    "modelId " + leaf.modelId() + " templateFormat " + leaf.templateFormat());
        }
        return record;
    }

    /**
     * Opens the sealed enrolment record of {@code entry} (a signed schema-2
     * {@code WatchlistEntryAuthorized}, format.md §12.7): stages 1–8 as for a detection, with the
     * enrolment commitment label, and stage 9: the record names the leaf's entry, has exactly
     * {@code templateCount} crops, and every template is of the leaf's model and format.
     *
     * @param blobBytes the blob as stored in the vault
     * @param recipient the recipient id the key belongs to
     * @param key the recipient's epoch private key
     * @throws RecordOpeningException at the first stage that fails
     * @throws IllegalArgumentException if {@code entry} is not a schema-2 {@code WatchlistEntryAuthorized}
     * @throws IllegalStateException if {@code key} was destroyed
     */
    public static SealedEnrolmentRecord openEnrolment(byte[] blobBytes, SignedEvent entry, String recipient,
            X25519PrivateKey key) throws RecordOpeningException {
        SealedWatchlistEntryAuthorized leaf = sealedEntry(entry);
        SealedBlob blob = checkedBlob(blobBytes, leaf.sealed(), entry.stream(), entry.seq());
        return openEnrolmentWith(blob, leaf, wrappedFor(blob, recipient), key);
    }

    /**
     * Opens the sealed enrolment record of {@code entry} with a wrapped key kept outside the blob
     * (the vault's case-key re-wrap of a kept record), after the same blob checks (stages 1–3).
     *
     * @throws RecordOpeningException at the first stage that fails
     * @throws IllegalArgumentException if {@code entry} is not a schema-2 {@code WatchlistEntryAuthorized}
     */
    public static SealedEnrolmentRecord openEnrolmentWith(byte[] blobBytes, SignedEvent entry, WrappedKey wrapped,
            X25519PrivateKey key) throws RecordOpeningException {
        SealedWatchlistEntryAuthorized leaf = sealedEntry(entry);
        SealedBlob blob = checkedBlob(blobBytes, leaf.sealed(), entry.stream(), entry.seq());
        return openEnrolmentWith(blob, leaf, Objects.requireNonNull(wrapped, "wrapped"), key);
    }

    /**
     * Checks an already opened (e.g. disclosed) sealed enrolment record against its leaf: stages 8
     * and 9 only — the commitment with the enrolment label, then entry, crop count, model and format.
     *
     * @throws RecordOpeningException.CommitmentMismatch or {@link RecordOpeningException.TemplateMismatch}
     */
    public static void checkEnrolment(SealedEnrolmentRecord record, SealedWatchlistEntryAuthorized leaf)
            throws RecordOpeningException {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(leaf, "leaf");
        checkEnrolment(record, record.canonicalBytes(), leaf);
    }

    private static SealedWatchlistEntryAuthorized sealedEntry(SignedEvent entry) {
        Objects.requireNonNull(entry, "entry");
        if (!(entry.payload() instanceof SealedWatchlistEntryAuthorized leaf)) {
            throw new IllegalArgumentException("event " + entry + " is not a schema-2 WatchlistEntryAuthorized");
        }
        return leaf;
    }

    private static SealedEnrolmentRecord openEnrolmentWith(SealedBlob blob, SealedWatchlistEntryAuthorized leaf,
            WrappedKey wrapped, X25519PrivateKey key) throws RecordOpeningException {
        byte[] plaintext = decrypt(blob, wrapped, key);
        SealedEnrolmentRecord record;
        try {
            record = SealedEnrolmentRecord.parse(plaintext);
        } catch (MalformedRecordException e) {
            throw new RecordOpeningException.MalformedRecord(e);
        }
        checkEnrolment(record, plaintext, leaf);
        return record;
    }

    /** Stages 8–9 of an enrolment record whose canonical bytes are {@code canonical}. */
    private static void checkEnrolment(SealedEnrolmentRecord record, byte[] canonical,
            SealedWatchlistEntryAuthorized leaf) throws RecordOpeningException {
        Sha256Digest commitment = RecordCommitment.ofEnrolmentCanonicalBytes(canonical);
        if (!commitment.equals(leaf.sealed().commitment())) {
            throw new RecordOpeningException.CommitmentMismatch(commitment.hex(), leaf.sealed().commitment().hex());
        }
        if (!record.entry().equals(leaf.entry())) {
            throw new RecordOpeningException.TemplateMismatch("enrolment record entry", record.entry(), leaf.entry());
        }
        if (record.crops().size() != leaf.templateCount()) {
            throw new RecordOpeningException.TemplateMismatch("enrolment record crop count",
                    String.valueOf(record.crops().size()), "templateCount " + leaf.templateCount());
        }
        for (int i = 0; i < record.crops().size(); i++) {
            Template t = record.crops().get(i).template();
            if (!t.modelId().equals(leaf.modelId()) || t.format() != leaf.templateFormat()) {
                throw new RecordOpeningException.TemplateMismatch("enrolment record crops[" + i + "].template",
                        "modelId " + t.modelId() + " format " + t.format(),
                        "modelId " + leaf.modelId() + " templateFormat " + leaf.templateFormat());
            }
        }
    }
}
