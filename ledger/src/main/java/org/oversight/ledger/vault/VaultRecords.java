package org.oversight.ledger.vault;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.principal.EpochRecord;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.SealedBlob;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.domain.seal.WrappedKey;
import org.oversight.domain.seal.RecordOpener;
import org.oversight.domain.seal.RecordOpeningException;
import org.oversight.domain.seal.RecordSealer;
import org.oversight.domain.seal.X25519PrivateKey;
import org.oversight.domain.seal.X25519PublicKey;
import org.oversight.ledger.aggregate.LedgerRegistry;

/**
 * The vault's side of sealed records: opens a detection's record, or a schema-2 watchlist entry's
 * enrolment record (format.md §12.7), with the vault's epoch key (or, after the epoch's close, with
 * the case key of a kept record), and re-wraps kept records' data keys to their case key before the
 * close. All checks are the domain's {@link RecordOpener}: the blob's
 * digest, epoch, stream and seq, the unwrap, the decryption and the commitment to the leaf.
 *
 * <p><b>Kept records</b> (format.md §12.3, "Re-wrapping a kept record"): before an epoch closes,
 * a kept record's data key is unwrapped with the epoch key and wrapped again to the case's X25519
 * key under recipient {@value #CASE_RECIPIENT}; {@code vault_kept} holds that wrap
 * ({@code enc || wrapped}, 80 bytes) and the blob stays. Opening a kept record runs every check of
 * the domain's opener against the leaf with that wrap.
 */
public final class VaultRecords {
    /** The recipient id of a kept record's re-wrapped data key. */
    public static final String CASE_RECIPIENT = "case";

    private final VaultStore store;
    private final LedgerRegistry registry;

    public VaultRecords(VaultStore store, LedgerRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** What the vault has for a sealed detection. */
    public sealed interface Opened permits Record, Enrolment, Erased, Withheld, Failed {}

    /** The record, checked against the leaf. */
    public record Record(BiometricRecord record) implements Opened {}

    /** A schema-2 entry's enrolment record (crops and templates), checked against the entry's leaf. */
    public record Enrolment(SealedEnrolmentRecord record) implements Opened {}

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
        return openSealed(detection, leaf.sealed(), new Opener() {
            @Override
            public Opened open(byte[] blob, String recipient, X25519PrivateKey key) throws RecordOpeningException {
                return new Record(RecordOpener.open(blob, detection, recipient, key));
            }

            @Override
            public Opened openWith(byte[] blob, WrappedKey wrap, X25519PrivateKey key) throws RecordOpeningException {
                return new Record(RecordOpener.openWith(blob, detection, wrap, key));
            }
        });
    }

    /**
     * Opens the sealed enrolment record of {@code entry} (a committed schema-2
     * {@code WatchlistEntryAuthorized}, format.md §12.7) as {@link #open} opens a detection's: with
     * the vault's epoch key while the epoch is open, with the case-key wrap once the close kept it;
     * every check is the domain's {@link RecordOpener#openEnrolment}.
     *
     * @throws IllegalArgumentException if it is not a schema-2 entry
     */
    public Opened openEnrolment(SignedEvent entry) {
        if (!(entry.payload() instanceof SealedWatchlistEntryAuthorized leaf)) {
            throw new IllegalArgumentException(entry.header().eventId() + " is not a schema-2 WatchlistEntryAuthorized");
        }
        return openSealed(entry, leaf.sealed(), new Opener() {
            @Override
            public Opened open(byte[] blob, String recipient, X25519PrivateKey key) throws RecordOpeningException {
                return new Enrolment(RecordOpener.openEnrolment(blob, entry, recipient, key));
            }

            @Override
            public Opened openWith(byte[] blob, WrappedKey wrap, X25519PrivateKey key) throws RecordOpeningException {
                return new Enrolment(RecordOpener.openEnrolmentWith(blob, entry, wrap, key));
            }
        });
    }

    /** The leaf's binding to its sealed record: a schema-2 detection's or a schema-2 entry's. */
    public static Optional<SealedRecordRef> sealedRef(SignedEvent event) {
        if (event.payload() instanceof SealedFaceDetected d) {
            return Optional.of(d.sealed());
        }
        if (event.payload() instanceof SealedWatchlistEntryAuthorized w) {
            return Optional.of(w.sealed());
        }
        return Optional.empty();
    }

    /** Opens either kind of record once the key is chosen (the domain's opener for that kind). */
    private interface Opener {
        Opened open(byte[] blob, String recipient, X25519PrivateKey key) throws RecordOpeningException;

        Opened openWith(byte[] blob, WrappedKey wrap, X25519PrivateKey key) throws RecordOpeningException;
    }

    private Opened openSealed(SignedEvent event, SealedRecordRef sealed, Opener opener) {
        String epochId = sealed.epoch();
        VaultStore.Opening reads = store.opening(event.eventHash().digest(), epochId, sealed.blobDigest());
        Optional<VaultStore.StoredBlob> blob = reads.blob();
        if (reads.kept().isPresent()) {
            return openKept(reads.kept().get(), blob, opener);
        }
        Optional<VaultStore.EpochKey> key = reads.epochKey();
        if (key.isEmpty()) {
            return new Withheld("the vault holds no key for epoch " + epochId);
        }
        if (key.get().destroyed()) {
            return new Erased("epoch " + epochId + " closed without keeping this record");
        }
        if (blob.isEmpty()) {
            return new Withheld("blob " + sealed.blobDigest().hex() + " is not stored");
        }
        if (blob.get().erased()) {
            return new Erased("blob " + sealed.blobDigest().hex() + " of epoch " + epochId + " was erased");
        }
        X25519PrivateKey k = X25519PrivateKey.fromBytes(key.get().privateKey().orElseThrow());
        try {
            return opener.open(blob.get().bytes().orElseThrow(), vaultRecipient(epochId), k);
        } catch (RecordOpeningException e) {
            return new Failed(e);
        } finally {
            k.destroy();
        }
    }

    private Opened openKept(VaultStore.KeptRecord kept, Optional<VaultStore.StoredBlob> blob, Opener opener) {
        if (kept.destroyed()) {
            return new Erased("kept record for case " + kept.caseRef() + " was destroyed");
        }
        if (blob.isEmpty() || blob.get().erased()) {
            return new Erased("the blob of the kept record for case " + kept.caseRef() + " is gone");
        }
        byte[] wrap = kept.caseWrap().orElseThrow();
        WrappedKey caseWrap = new WrappedKey(CASE_RECIPIENT, Arrays.copyOfRange(wrap, 0, WrappedKey.ENC_LENGTH),
                Arrays.copyOfRange(wrap, WrappedKey.ENC_LENGTH, wrap.length));
        VaultStore.CaseKey caseKey = store.caseKey(kept.caseRef()).orElseThrow(() -> new IllegalStateException(
                "kept record of " + kept.detectionHash() + " names case " + kept.caseRef() + " without a case key"));
        X25519PrivateKey k = X25519PrivateKey.fromBytes(caseKey.privateKey());
        try {
            return opener.openWith(blob.get().bytes().orElseThrow(), caseWrap, k);
        } catch (RecordOpeningException e) {
            return new Failed(e);
        } finally {
            k.destroy();
        }
    }

    /**
     * Keeps the record of {@code detection} (a schema-2 detection, or a schema-2 watchlist entry:
     * its enrolment record) for {@code caseRef} until {@code retainUntil}
     * (format.md §12.3, "Re-wrapping a kept record"): its data key is unwrapped with the epoch key
     * and wrapped again to the case key under recipient {@value #CASE_RECIPIENT} (the domain's
     * {@link RecordSealer#rewrap}); the wrap is stored beside the blob, which the close then keeps.
     * Idempotent: a detection already kept stays as it is.
     *
     * @throws RecordOpeningException if the record does not open (it cannot be kept)
     * @throws IllegalStateException if the epoch key or the blob is missing, destroyed or erased
     */
    public VaultStore.KeptRecord keep(SignedEvent detection, long leafIndex, String caseRef,
            java.time.Instant retainUntil, SecureRandom random) throws RecordOpeningException {
        Sha256Digest hash = detection.eventHash().digest();
        Optional<VaultStore.KeptRecord> already = store.kept(hash);
        if (already.isPresent()) {
            return already.get();
        }
        SealedRecordRef sealed = sealedRef(detection).orElseThrow(() -> new IllegalArgumentException(
                detection.header().eventId() + " has no sealed record"));
        // every check against the leaf, before anything is kept
        Opened opened = detection.payload() instanceof SealedFaceDetected ? open(detection) : openEnrolment(detection);
        if (opened instanceof Failed f) {
            throw f.cause();
        }
        if (!(opened instanceof Record) && !(opened instanceof Enrolment)) {
            throw new IllegalStateException("record of " + detection.header().eventId() + " cannot be kept: " + opened);
        }
        String epochId = sealed.epoch();
        SealedBlob blob;
        try {
            blob = SealedBlob.parse(store.blob(sealed.blobDigest()).orElseThrow().bytes().orElseThrow());
        } catch (org.oversight.domain.seal.MalformedSealedBlobException e) {
            // open() above parsed the same stored bytes: a bug if they do not parse now.
            throw new IllegalStateException("stored blob " + sealed.blobDigest().hex() + " opened but does not parse: "
                    + e.getMessage(), e);
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
        X25519PrivateKey epochKey = X25519PrivateKey.fromBytes(store.epochKey(epochId).orElseThrow().privateKey()
                .orElseThrow(() -> new IllegalStateException("epoch " + epochId + " key is destroyed")));
        byte[] dataKey = RecordOpener.unwrapDataKey(blob, vaultRecipient(epochId), epochKey);
        WrappedKey wrapped;
        try {
            wrapped = RecordSealer.rewrap(dataKey, blob, CASE_RECIPIENT, casePublic, random);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
            epochKey.destroy();
        }
        byte[] wrap = new byte[WrappedKey.ENC_LENGTH + WrappedKey.WRAPPED_LENGTH];
        System.arraycopy(wrapped.enc(), 0, wrap, 0, WrappedKey.ENC_LENGTH);
        System.arraycopy(wrapped.wrapped(), 0, wrap, WrappedKey.ENC_LENGTH, WrappedKey.WRAPPED_LENGTH);
        return store.putKeptIfAbsent(new VaultStore.KeptRecord(hash, leafIndex, epochId, caseRef,
                sealed.blobDigest(), retainUntil, Optional.of(wrap)));
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
