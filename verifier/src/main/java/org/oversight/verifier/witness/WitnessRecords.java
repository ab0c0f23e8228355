package org.oversight.verifier.witness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.RecordOpener;
import org.oversight.domain.seal.RecordOpeningException;
import org.oversight.domain.seal.X25519PrivateKey;
import org.oversight.recognition.projection.RecordAvailability;
import org.oversight.recognition.projection.SealedRecordSource;
import org.oversight.recognition.projection.EnrolmentAvailability;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.Rule;

/**
 * The witness's sealed records (decision 0001 item 4: availability enforced by the witnesses): for
 * a sealed detection of an epoch this witness is a recipient of, the blob the vault serves for the
 * leaf's {@code blobDigest}, opened with the witness's own epoch key by the domain's
 * {@link RecordOpener} (blob digest, blob parse, epoch/stream/seq, wrapped key, AEAD, record,
 * commitment, model and format).
 *
 * <p>What the projection gets, per sealed detection:
 * <ul>
 *   <li>the record, when it opens;
 *   <li>{@code ERASED} when this witness destroyed its key of the epoch after replaying the epoch's
 *       close (a restart replays such detections without halting) — except for a schema-2 entry's
 *       enrolment record that the close kept: that one this witness kept itself
 *       ({@link WitnessEntryRecords}) until the log says it is no longer kept;
 *   <li>{@code WITHHELD} when the witness has no key of the epoch (it was not a recipient) or no
 *       vault credential: counted and stated in {@link #summary}, not a violation;
 *   <li>{@code WITHHELD} and a violation ({@link #drainViolations}) when the vault does not serve the
 *       blob (404, 410) or it fails any opening stage: the evidence names the blob digest, the leaf
 *       and the failing stage. The caller halts; a record is never skipped silently.
 * </ul>
 * The blobs of a batch are fetched by {@link #prefetch} before the batch is replayed, so that a
 * vault that cannot be reached leaves the witness's state unchanged (the caller refuses to cosign
 * and the log retries). Deterministic given the blobs and the key files. Not thread-safe.
 */
final class WitnessRecords implements SealedRecordSource {
    private final WitnessEpochKeys keys;
    private final VaultBlobs vault;
    private final WitnessEntryRecords entries;
    private final Map<Sha256Digest, VaultBlobs.Fetched> fetched = new HashMap<>();
    private final List<Finding> violations = new ArrayList<>();
    /** The bytes the vault served for blobs that failed to open, by hex digest, in order of failure. */
    private final java.util.LinkedHashMap<String, byte[]> failedBlobs = new java.util.LinkedHashMap<>();
    /** The prefetched sealed detections the projection has not asked for yet, by leaf. */
    private final java.util.TreeMap<Long, SignedEvent> unasked = new java.util.TreeMap<>();
    private final TreeSet<String> withheldEpochs = new TreeSet<>();
    private long opened;
    private long withheld;
    private long erased;
    private long restored;
    private long failed;
    private long goneSinceVerified;
    /** Whether the leaves being replayed are ones this witness verified before (a restart). */
    private boolean verifiedBefore;

    /**
     * @param vault the ledger's vault, or null when this witness has no vault credential
     * @param entries where the opened enrolment records of entries are kept while the log keeps them
     */
    WitnessRecords(WitnessEpochKeys keys, VaultBlobs vault, WitnessEntryRecords entries) {
        this.keys = keys;
        this.vault = vault;
        this.entries = java.util.Objects.requireNonNull(entries, "entries");
    }

    /** The kept entry records (fed the accepted events by the caller, written and deleted with its state). */
    WitnessEntryRecords entries() {
        return entries;
    }

    /**
     * Fetches the blob of every sealed detection among {@code leaves} that this witness will open
     * (it holds the epoch's key). Leaves that do not parse are left to the replay to report.
     *
     * @throws VaultBlobs.BlobFetchException if the vault cannot be asked; nothing was replayed
     * @throws IOException if an epoch key file cannot be read
     */
    void prefetch(List<byte[]> leaves, long firstLeaf) throws VaultBlobs.BlobFetchException, IOException {
        prefetch(leaves, firstLeaf, false);
    }

    /**
     * As {@link #prefetch(List)}; with {@code verifiedBefore} the leaves are ones this witness
     * verified (and so opened) before it cosigned them, replayed on restart: a blob the vault no
     * longer serves (404, 410 — e.g. erased at the epoch's close that this witness has not yet
     * replayed) is then withheld and counted, not a violation; a blob it serves must still open.
     */
    void prefetch(List<byte[]> leaves, long firstLeaf, boolean verifiedBefore)
            throws VaultBlobs.BlobFetchException, IOException {
        this.verifiedBefore = verifiedBefore;
        fetched.clear();
        unasked.clear();
        if (vault == null) {
            return;
        }
        Map<String, Boolean> holds = new HashMap<>();
        for (int i = 0; i < leaves.size(); i++) {
            SignedEvent event;
            try {
                event = SignedEvent.parse(leaves.get(i));
            } catch (InvalidEventException e) {
                continue;
            }
            org.oversight.domain.event.SealedRecordRef sealed;
            if (event.payload() instanceof SealedFaceDetected d) {
                sealed = d.sealed();
            } else if (event.payload() instanceof SealedWatchlistEntryAuthorized w) {
                sealed = w.sealed();
            } else {
                continue;
            }
            String epoch = sealed.epoch();
            Boolean has = holds.get(epoch);
            if (has == null) {
                has = !keys.destroyed(epoch) && hasKey(epoch);
                holds.put(epoch, has);
            }
            if (has) {
                unasked.put(firstLeaf + i, event);
                if (!fetched.containsKey(sealed.blobDigest())) {
                    fetched.put(sealed.blobDigest(), vault.fetch(sealed.blobDigest()));
                }
            }
        }
    }

    private boolean hasKey(String epoch) throws IOException {
        Optional<X25519PrivateKey> key = keys.key(epoch);
        key.ifPresent(X25519PrivateKey::destroy);
        return key.isPresent();
    }

    @Override
    public RecordAvailability open(DetectionRef detection, SignedEvent event) {
        unasked.remove(detection.leafIndex());
        SealedFaceDetected leaf = (SealedFaceDetected) event.payload();
        String epoch = leaf.sealed().epoch();
        Sha256Digest digest = leaf.sealed().blobDigest();
        if (keys.destroyed(epoch)) {
            erased++;
            return RecordAvailability.erased("this witness destroyed its key of epoch " + epoch
                    + " after replaying the epoch's close");
        }
        X25519PrivateKey key;
        try {
            key = keys.key(epoch).orElse(null);
        } catch (IOException e) {
            return violation(detection, event, digest, "epoch key", "the witness cannot read its key of epoch "
                    + epoch + ": " + e.getMessage());
        }
        if (key == null) {
            withheld++;
            withheldEpochs.add(epoch);
            return RecordAvailability.withheld("this witness has no key of epoch " + epoch
                    + " (it is not one of the epoch's recipients)");
        }
        try {
            if (vault == null) {
                withheld++;
                withheldEpochs.add(epoch);
                return RecordAvailability.withheld("this witness has no vault credential (--vault-token)");
            }
            VaultBlobs.Fetched blob = fetched.get(digest);
            if (blob == null) {
                try {
                    blob = vault.fetch(digest);
                } catch (VaultBlobs.BlobFetchException e) {
                    return violation(detection, event, digest, "fetch", e.getMessage());
                }
            }
            if (blob instanceof VaultBlobs.Missing m && verifiedBefore) {
                goneSinceVerified++;
                return RecordAvailability.withheld("the vault no longer serves sealed blob " + digest.hex()
                        + ", which this witness opened before it cosigned the leaf: " + m.detail());
            }
            if (blob instanceof VaultBlobs.Missing m) {
                return violation(detection, event, digest, "fetch", "the vault does not serve it: " + m.detail());
            }
            byte[] bytes = ((VaultBlobs.Found) blob).bytes();
            BiometricRecord record;
            try {
                record = RecordOpener.open(bytes, event, keys.recipient(), key);
            } catch (RecordOpeningException e) {
                failedBlobs.putIfAbsent(digest.hex(), bytes.clone());
                return violation(detection, event, digest, e.getClass().getSimpleName(), e.getMessage());
            }
            opened++;
            return RecordAvailability.available(record.template(), record.landmarks());
        } finally {
            key.destroy();
        }
    }

    /**
     * The templates of a schema-2 entry's sealed enrolment record (format.md §12.7), opened with
     * this witness's key of the entry's epoch exactly as a detection's record: erased once the
     * witness destroyed that key, withheld without a key or a vault credential, a violation when
     * the vault does not serve the blob or it fails an opening stage. An opened record is handed to
     * {@link WitnessEntryRecords}, which keeps it as long as the log keeps it; once the key is
     * destroyed, the record comes from there (checked against the leaf again), else it is erased.
     */
    @Override
    public EnrolmentAvailability openEnrolment(DetectionRef entry, SignedEvent event) {
        unasked.remove(entry.leafIndex());
        SealedWatchlistEntryAuthorized leaf = (SealedWatchlistEntryAuthorized) event.payload();
        String epoch = leaf.sealed().epoch();
        Sha256Digest digest = leaf.sealed().blobDigest();
        if (keys.destroyed(epoch)) {
            Optional<SealedEnrolmentRecord> kept = entries.restore(entry, event);
            if (kept.isPresent()) {
                restored++;
                return EnrolmentAvailability.available(kept.get().templates());
            }
            erased++;
            return EnrolmentAvailability.erased("this witness destroyed its key of epoch " + epoch
                    + " after replaying the epoch's close, and keeps no record of the entry (not kept by the close,"
                    + " or its keeping ended)");
        }
        X25519PrivateKey key;
        try {
            key = keys.key(epoch).orElse(null);
        } catch (IOException e) {
            return (EnrolmentAvailability) violation(entry, event, digest, "epoch key",
                    "the witness cannot read its key of epoch " + epoch + ": " + e.getMessage());
        }
        if (key == null) {
            withheld++;
            withheldEpochs.add(epoch);
            return EnrolmentAvailability.withheld("this witness has no key of epoch " + epoch
                    + " (it is not one of the epoch's recipients)");
        }
        try {
            if (vault == null) {
                withheld++;
                withheldEpochs.add(epoch);
                return EnrolmentAvailability.withheld("this witness has no vault credential (--vault-token)");
            }
            VaultBlobs.Fetched blob = fetched.get(digest);
            if (blob == null) {
                try {
                    blob = vault.fetch(digest);
                } catch (VaultBlobs.BlobFetchException e) {
                    return (EnrolmentAvailability) violation(entry, event, digest, "fetch", e.getMessage());
                }
            }
            if (blob instanceof VaultBlobs.Missing m && verifiedBefore) {
                goneSinceVerified++;
                return EnrolmentAvailability.withheld("the vault no longer serves sealed blob " + digest.hex()
                        + ", which this witness opened before it cosigned the leaf: " + m.detail());
            }
            if (blob instanceof VaultBlobs.Missing m) {
                return (EnrolmentAvailability) violation(entry, event, digest, "fetch", "the vault does not serve it: "
                        + m.detail());
            }
            byte[] bytes = ((VaultBlobs.Found) blob).bytes();
            SealedEnrolmentRecord record;
            try {
                record = RecordOpener.openEnrolment(bytes, event, keys.recipient(), key);
            } catch (RecordOpeningException e) {
                failedBlobs.putIfAbsent(digest.hex(), bytes.clone());
                return (EnrolmentAvailability) violation(entry, event, digest, e.getClass().getSimpleName(),
                        e.getMessage());
            }
            opened++;
            entries.opened(entry, event, record);
            return EnrolmentAvailability.available(record.templates());
        } finally {
            key.destroy();
        }
    }

    private RecordAvailability.Unavailable violation(DetectionRef detection, SignedEvent event, Sha256Digest digest,
            String stage, String detail) {
        failed++;
        String epoch = event.payload() instanceof SealedWatchlistEntryAuthorized w ? w.sealed().epoch()
                : ((SealedFaceDetected) event.payload()).sealed().epoch();
        String what = event.payload() instanceof SealedWatchlistEntryAuthorized ? "watchlist entry" : "detection";
        violations.add(new Finding(Rule.SEALED_RECORD, detection.leafIndex(), event.header().eventId(),
                "the vault serves sealed blob " + digest.hex() + " of this " + what + " and it opens with this"
                        + " witness's key of epoch " + epoch + " to the leaf's commitment",
                "stage " + stage + ": " + detail));
        return new RecordAvailability.Unavailable(RecordAvailability.Reason.WITHHELD, "sealed blob " + digest.hex()
                + " failed at stage " + stage);
    }

    /**
     * The violations found since the last {@link #prefetch}, in the order the projection asked;
     * then forgets them. The sealed detections of the batch the projection did not ask for (it
     * skipped them on the leaf alone: no policy in force, another model or format; or the leaf was
     * rejected) are opened here too, so every sealed record of an epoch this witness holds a key of
     * must be available, whatever the projection needs.
     */
    List<Finding> drainViolations() {
        while (!unasked.isEmpty()) {
            java.util.Map.Entry<Long, SignedEvent> e = unasked.firstEntry();
            DetectionRef ref = new DetectionRef(e.getValue().eventHash(), e.getKey());
            if (e.getValue().payload() instanceof SealedWatchlistEntryAuthorized) {
                openEnrolment(ref, e.getValue());
            } else {
                open(ref, e.getValue());
            }
        }
        List<Finding> out = new ArrayList<>(violations);
        violations.clear();
        fetched.clear();
        verifiedBefore = false;
        entries.forgetUnconfirmed();
        return out;
    }

    /**
     * The bytes the vault served for the blobs that failed to open since the last call, by the
     * leaf's {@code blobDigest} in hex (evidence: ciphertext only); then forgets them.
     */
    Map<String, byte[]> drainFailedBlobs() {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>(failedBlobs);
        failedBlobs.clear();
        return out;
    }

    /** One clause for the witness's status line. */
    String summary() {
        return "sealed records: " + opened + " opened, " + (restored > 0 ? restored + " entry records read back from"
                + " the state directory, " : "") + erased + " erased (key destroyed after the close), "
                + withheld + " withheld" + (withheldEpochs.isEmpty() ? "" : " (no key or no vault credential for"
                        + " epochs " + String.join(", ", withheldEpochs) + ")")
                + (goneSinceVerified > 0 ? ", " + goneSinceVerified + " no longer served since verified" : "")
                + (failed > 0 ? ", " + failed + " FAILED" : "") + (vault == null ? "; no vault credential" : "")
                + "; " + entries.summary();
    }
}
