package org.oversight.ledger.vault;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.principal.EpochRecord;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.RecordOpener;
import org.oversight.domain.seal.RecordOpeningException;
import org.oversight.domain.seal.RecordSealer;
import org.oversight.domain.seal.X25519PrivateKey;
import org.oversight.domain.seal.X25519PublicKey;
import org.oversight.ledger.aggregate.LedgerRegistry;

/**
 * The vault's side of sealed records: opens a detection's record with the vault's epoch key (or,
 * after the epoch's close, with the case key of a kept record), and re-seals kept records under
 * their case key before the close. All checks are the domain's {@link RecordOpener}: the blob's
 * digest, epoch, stream and seq, the unwrap, the decryption and the commitment to the leaf.
 *
 * <p><b>Kept records.</b> Before an epoch closes, a record to keep is opened with the epoch key and
 * sealed again with {@link RecordSealer} to ONE recipient, {@value #CASE_RECIPIENT}, whose key is
 * the case's X25519 key (fresh data key, same epoch/stream/seq binding). The resulting case blob is
 * what {@code vault_kept} holds; the epoch's original blobs are all erased at the close. Opening a
 * kept record checks the case blob against its own digest and the record against the ORIGINAL
 * leaf's commitment, so a kept record is still exactly the one the camera committed to.
 */
public final class VaultRecords {
    /** The recipient id of a case blob. */
    public static final String CASE_RECIPIENT = "case";

    private final VaultStore store;
    private final LedgerRegistry registry;

    public VaultRecords(VaultStore store, LedgerRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** What the vault has for a sealed detection. */
    public sealed interface Opened permits Record, Erased, Withheld, Failed {}

    /** The record, checked against the leaf. */
    public record Record(BiometricRecord record) implements Opened {}

    /** Destroyed: the epoch closed without keeping it, or the kept record was destroyed. */
    public record Erased(String detail) implements Opened {}

    /** The vault cannot open it for another reason (no vault key for the epoch, blob not stored). */
    public record Withheld(String detail) implements Opened {}

    /** The stored blob does not open to the record the leaf commits to: the camera's fault, evidence kept. */
    public record Failed(RecordOpeningException cause) implements Opened {}

    /**
     * Opens the record of {@code detection} (a committed schema-2 {@code FaceDetected}).
     *
     * @throws IllegalArgumentException if it is not a schema-2 detection
     */
    public Opened open(SignedEvent detection) {
        if (!(detection.payload() instanceof SealedFaceDetected leaf)) {
            throw new IllegalArgumentException(detection.header().eventId() + " is not a schema-2 FaceDetected");
        }
        Sha256Digest hash = detection.eventHash().digest();
        Optional<VaultStore.KeptRecord> kept = store.kept(hash);
        if (kept.isPresent()) {
            return openKept(detection, leaf, kept.get());
        }
        String epochId = leaf.sealed().epoch();
        Optional<VaultStore.EpochKey> key = store.epochKey(epochId);
        if (key.isEmpty()) {
            return new Withheld("the vault holds no key for epoch " + epochId);
        }
        if (key.get().destroyed()) {
            return new Erased("epoch " + epochId + " closed without keeping this record");
        }
        Optional<VaultStore.StoredBlob> blob = store.blob(leaf.sealed().blobDigest());
        if (blob.isEmpty()) {
            return new Withheld("blob " + leaf.sealed().blobDigest().hex() + " is not stored");
        }
        if (blob.get().erased()) {
            return new Erased("blob " + leaf.sealed().blobDigest().hex() + " of epoch " + epochId + " was erased");
        }
        X25519PrivateKey k = X25519PrivateKey.fromBytes(key.get().privateKey().orElseThrow());
        try {
            return new Record(RecordOpener.open(blob.get().bytes().orElseThrow(), detection, vaultRecipient(epochId), k));
        } catch (RecordOpeningException e) {
            return new Failed(e);
        } finally {
            k.destroy();
        }
    }

    private Opened openKept(SignedEvent detection, SealedFaceDetected leaf, VaultStore.KeptRecord kept) {
        if (kept.destroyed()) {
            return new Erased("kept record for case " + kept.caseRef() + " was destroyed");
        }
        byte[] caseBlob = kept.caseWrap().orElseThrow();
        VaultStore.CaseKey caseKey = store.caseKey(kept.caseRef()).orElseThrow(() -> new IllegalStateException(
                "kept record of " + kept.detectionHash() + " names case " + kept.caseRef() + " without a case key"));
        SealedFaceDetected asKept = new SealedFaceDetected(leaf.camera(), leaf.captureTime(), leaf.frameDigest(),
                leaf.faceBox(), leaf.modelId(), leaf.templateFormat(), leaf.quality(),
                new SealedRecordRef(Sha256Digest.hash(caseBlob), leaf.sealed().commitment(), leaf.sealed().epoch()));
        X25519PrivateKey k = X25519PrivateKey.fromBytes(caseKey.privateKey());
        try {
            return new Record(RecordOpener.open(caseBlob, asKept, detection.stream(), detection.seq(), CASE_RECIPIENT, k));
        } catch (RecordOpeningException e) {
            return new Failed(e);
        } finally {
            k.destroy();
        }
    }

    /**
     * Keeps the record of {@code detection} for {@code caseRef} until {@code retainUntil}: opens it
     * with the epoch key and stores it re-sealed to the case key (idempotent: a detection already
     * kept stays as it is).
     *
     * @throws RecordOpeningException if the record does not open (it cannot be kept)
     * @throws IllegalStateException if the epoch key is missing or destroyed
     */
    public VaultStore.KeptRecord keep(SignedEvent detection, long leafIndex, String caseRef,
            java.time.Instant retainUntil, SecureRandom random) throws RecordOpeningException {
        Sha256Digest hash = detection.eventHash().digest();
        Optional<VaultStore.KeptRecord> already = store.kept(hash);
        if (already.isPresent()) {
            return already.get();
        }
        SealedFaceDetected leaf = (SealedFaceDetected) detection.payload();
        Opened opened = open(detection);
        if (opened instanceof Failed f) {
            throw f.cause();
        }
        if (!(opened instanceof Record r)) {
            throw new IllegalStateException("record of " + detection.header().eventId() + " cannot be kept: " + opened);
        }
        X25519PrivateKey fresh = X25519PrivateKey.generate(random);
        VaultStore.CaseKey caseKey = store.putCaseKeyIfAbsent(caseRef, fresh.publicKey().bytes(), fresh.exportBytes());
        fresh.destroy();
        X25519PublicKey casePublic;
        try {
            casePublic = X25519PublicKey.fromBytes(caseKey.publicKey());
        } catch (org.oversight.domain.crypto.MalformedKeyException e) {
            throw new IllegalStateException("stored case key of " + caseRef + " is invalid: " + e.getMessage(), e);
        }
        RecordSealer.Sealed sealed = RecordSealer.seal(r.record(), leaf.sealed().epoch(),
                List.of(new EpochRecipient.Vault(CASE_RECIPIENT, casePublic)), detection.stream(), detection.seq(), random);
        return store.putKeptIfAbsent(new VaultStore.KeptRecord(hash, leafIndex, leaf.sealed().epoch(), caseRef,
                leaf.sealed().blobDigest(), retainUntil, Optional.of(sealed.blob().canonicalBytes())));
    }

    /** The vault's recipient id in the epoch's opening event. */
    private String vaultRecipient(String epochId) {
        return registry.epoch(epochId).map(EpochRecord::opened).map(o -> o.vault().recipient())
                .orElseThrow(() -> new IllegalStateException("epoch " + epochId + " is not opened in the log"));
    }

    /**
     * What may be logged of an opening failure: the stage and, except for a malformed record (whose
     * message could quote a biometric value), its message.
     */
    public static String describe(RecordOpeningException e) {
        return e instanceof RecordOpeningException.MalformedRecord ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
