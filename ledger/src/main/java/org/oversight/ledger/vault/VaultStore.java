package org.oversight.ledger.vault;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * Where the vault keeps sealed blobs, its epoch private keys, its case keys and the re-wrapped
 * data keys of kept records. One interface, one conformance suite ({@code VaultStoreConformanceTest});
 * the engine is PostgreSQL ({@link JdbcVaultStore}), embedded or external.
 *
 * <p>Security: the store holds ciphertext and the vault's own private keys. Destroying a key or
 * erasing a blob overwrites the stored bytes and then removes them, so they can no longer be read
 * through the store; what that means for copies PostgreSQL keeps elsewhere (old row versions until
 * VACUUM, WAL, backups) is stated in docs/ledger.md ("Vault").
 */
public interface VaultStore {

    /** Creates the tables if missing (idempotent). */
    void createSchema();

    /** A stored sealed blob and what it was stored for. {@code bytes} is empty once erased. */
    record StoredBlob(Sha256Digest digest, String epoch, String stream, long seq, Optional<byte[]> bytes) {
        public boolean erased() {
            return bytes.isEmpty();
        }
    }

    /** What {@link #putBlob} did. */
    enum PutOutcome {
        /** newly stored */
        STORED,
        /** the same digest was already stored (and not erased): nothing changed */
        ALREADY_STORED,
        /** the digest was stored and has been erased: nothing changed, it is not stored again */
        ERASED
    }

    /**
     * Stores {@code bytes} under {@code digest}, idempotently. The caller has checked that
     * {@code digest} is the SHA-256 of {@code bytes} and that epoch/stream/seq are the blob's own.
     */
    PutOutcome putBlob(Sha256Digest digest, byte[] bytes, String epoch, String stream, long seq);

    Optional<StoredBlob> blob(Sha256Digest digest);

    /** A blob for {@link #putBlobs}: {@code digest} and the position are the caller-checked ones of {@link #putBlob}. */
    record NewBlob(Sha256Digest digest, byte[] bytes, String epoch, String stream, long seq) {}

    /**
     * Stores every blob of {@code blobs} as {@link #putBlob} would, in one transaction, all or
     * nothing: the outcomes are in order (a digest repeated in {@code blobs} is {@code STORED} once,
     * then {@code ALREADY_STORED}). If any outcome is {@code ERASED}, the transaction is rolled back
     * and nothing of {@code blobs} is stored (the other outcomes then say what would have happened).
     * One statement and one commit (one fsync) for the whole list: what makes sealed batch ingest
     * cost about what clear ingest costs (docs/ledger.md §12.2).
     *
     * @throws IllegalArgumentException if {@code blobs} is empty
     */
    List<PutOutcome> putBlobs(List<NewBlob> blobs);

    /**
     * What is stored under each of {@code digests} (bytes left out: {@link StoredBlob#bytes()} is
     * empty for every result, {@code erased} tells the state), in one look-up.
     */
    java.util.Map<Sha256Digest, BlobState> blobStates(java.util.Collection<Sha256Digest> digests);

    /** A stored blob's position and whether it is erased, without its bytes. */
    record BlobState(String epoch, String stream, long seq, boolean erased) {}

    /** Digests of the epoch's blobs that are not erased, in digest order. */
    List<Sha256Digest> liveBlobs(String epoch);

    /**
     * Erases a blob: its bytes are overwritten with zeros, then removed; the row stays with
     * {@code erased} so that a later PUT of the same bytes is refused and GET answers "erased".
     *
     * @return whether this call erased it (false: absent or already erased)
     */
    boolean eraseBlob(Sha256Digest digest);

    /** An epoch key as stored: the private key is empty once destroyed. */
    record EpochKey(String epoch, byte[] publicKey, Optional<byte[]> privateKey) {
        public boolean destroyed() {
            return privateKey.isEmpty();
        }
    }

    /**
     * Stores the epoch's key pair unless the epoch already has one; returns the stored key either
     * way (so concurrent or repeated calls agree on one key per epoch).
     */
    EpochKey putEpochKeyIfAbsent(String epoch, byte[] publicKey, byte[] privateKey);

    Optional<EpochKey> epochKey(String epoch);

    /** Epochs whose vault private key is not destroyed, in id order. */
    List<String> epochsWithLiveKeys();

    /**
     * Destroys the epoch's private key: overwritten with zeros, then set to NULL, row marked
     * destroyed (so the epoch can never get a key again).
     *
     * @return whether this call destroyed it (false: no key, or already destroyed)
     */
    boolean destroyEpochKey(String epoch, Instant at);

    /** A case key pair (one per case reference, kept: see docs/ledger.md "Vault"). */
    record CaseKey(String caseRef, byte[] publicKey, byte[] privateKey) {}

    /** Stores the case key unless one exists; returns the stored key. */
    CaseKey putCaseKeyIfAbsent(String caseRef, byte[] publicKey, byte[] privateKey);

    Optional<CaseKey> caseKey(String caseRef);

    /**
     * A kept record: the detection's data key wrapped under its case key ({@code caseWrap}), the
     * blob it opens, and until when it may be kept. {@code caseWrap} is empty once destroyed.
     */
    record KeptRecord(Sha256Digest detectionHash, long leafIndex, String epoch, String caseRef, Sha256Digest blobDigest,
            Instant retainUntil, Optional<byte[]> caseWrap) {
        public boolean destroyed() {
            return caseWrap.isEmpty();
        }
    }

    /** Stores a kept record unless the detection already has one; returns the stored one. */
    KeptRecord putKeptIfAbsent(KeptRecord kept);

    Optional<KeptRecord> kept(Sha256Digest detectionHash);

    /** What opening a sealed record reads: its kept record, its epoch's key and its blob, each if stored. */
    record Opening(Optional<KeptRecord> kept, Optional<EpochKey> epochKey, Optional<StoredBlob> blob) {}

    /**
     * {@link #kept}, {@link #epochKey} and {@link #blob} of one sealed record, as one read (the
     * database store answers with one query: the recognition processor opens a record per sealed
     * detection while ingest runs).
     */
    default Opening opening(Sha256Digest detectionHash, String epoch, Sha256Digest blobDigest) {
        return new Opening(kept(detectionHash), epochKey(epoch), blob(blobDigest));
    }

    /** Kept records of the epoch, in leaf order. */
    List<KeptRecord> keptOf(String epoch);

    /** Kept records not destroyed whose retainUntil ≤ {@code at}, in leaf order. */
    List<KeptRecord> keptDue(Instant at);

    /**
     * Destroys a kept record's case wrap (overwrite, then NULL) and erases its blob.
     *
     * @return whether this call destroyed it
     */
    boolean destroyKept(Sha256Digest detectionHash);

    /** A stored enrolment record (format.md §12.7) of a watchlist entry; {@code bytes} is empty once erased. */
    record StoredEnrolment(String entry, Optional<byte[]> bytes) {
        public boolean erased() {
            return bytes.isEmpty();
        }
    }

    /**
     * Stores the canonical enrolment record of {@code entry}, idempotently: {@code STORED} if new,
     * {@code ALREADY_STORED} if these very bytes are stored, {@code ERASED} if the entry's record
     * was erased (nothing is stored again). The caller has checked that the bytes match the
     * entry's authorisation; different bytes for a stored entry are refused by the caller
     * ({@link #enrolment}), never overwritten.
     */
    PutOutcome putEnrolment(String entry, byte[] bytes);

    Optional<StoredEnrolment> enrolment(String entry);

    /** Entries whose enrolment record is stored and not erased, in id order. */
    List<String> liveEnrolments();

    /**
     * Erases an entry's enrolment record as {@link #eraseBlob} erases a blob: overwritten, then
     * removed; the row stays marked erased.
     *
     * @return whether this call erased it
     */
    boolean eraseEnrolment(String entry);
}
