package org.oversight.ledger.vault;

import java.util.List;
import java.util.Optional;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.RecordOpener;
import org.oversight.domain.seal.RecordOpeningException;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.domain.seal.X25519PrivateKey;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.aggregate.Rejection;
import org.oversight.recognition.pipeline.EnrolmentCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's check of a schema-2 {@code WatchlistEntryAuthorized} before it is sequenced
 * (docs/ledger.md "Vault", format.md §12.7), after {@link VaultAdmission} found its blob stored for
 * the entry's epoch, stream and seq: the vault opens the blob with its epoch key and checks it is
 * the record the leaf commits to (the domain's {@link RecordOpener#openEnrolment}: digest, binding,
 * commitment, entry, crop count, model and format), then — unless {@code oversight.vault.derive-enrolments}
 * is false — that every crop derives its template bit for bit with the recognition network
 * ({@link EnrolmentCheck#cropMismatch}). The first failure refuses the event (nothing is sequenced):
 * {@code record-not-stored} if the record does not open to the leaf, {@code enrolment-mismatch} if a
 * crop derives another template.
 *
 * <p>The opened record is never logged: messages name the entry, the crop index and template
 * digests only. Thread-safe (the store and the deriver are).
 */
public final class EnrolmentAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(EnrolmentAdmission.class);

    private final VaultStore store;
    private final VaultEnrolments enrolments;
    private final String vaultRecipient;
    private final boolean derive;

    /**
     * @param vaultRecipient the vault's recipient id in epoch events ({@code oversight.vault.recipient})
     * @param derive whether crops are re-derived ({@code oversight.vault.derive-enrolments})
     */
    public EnrolmentAdmission(VaultStore store, VaultEnrolments enrolments, String vaultRecipient, boolean derive) {
        this.store = store;
        this.enrolments = enrolments;
        this.vaultRecipient = vaultRecipient;
        this.derive = derive;
        if (!derive) {
            LOG.warn("oversight.vault.derive-enrolments=false: sealed watchlist entries are admitted without checking"
                    + " that their enrolment crops derive their templates (synthetic deployments only)");
        }
    }

    /**
     * @throws EventRejectedException for the first schema-2 entry (request order) whose record does
     *     not open to its leaf or whose crops do not derive its templates; the detail starts with
     *     {@code events[i]} when the request held more than one event
     */
    public void check(List<SignedEvent> events) throws EventRejectedException {
        for (int i = 0; i < events.size(); i++) {
            SignedEvent e = events.get(i);
            if (!(e.payload() instanceof SealedWatchlistEntryAuthorized leaf)) {
                continue;
            }
            String where = (events.size() == 1 ? "" : "events[" + i + "] ");
            SealedEnrolmentRecord record = open(e, leaf, where);
            if (!derive) {
                continue;
            }
            List<EnrolmentRecord.Crop> crops = record.crops();
            for (int c = 0; c < crops.size(); c++) {
                Optional<String> mismatch = EnrolmentCheck.cropMismatch(enrolments.deriver(), crops.get(c).alignedCrop(),
                        crops.get(c).template(), "crops[" + c + "].alignedCrop");
                if (mismatch.isPresent()) {
                    throw new EventRejectedException(Rejection.ENROLMENT_MISMATCH, where + "payload.sealed: the sealed"
                            + " enrolment record of entry " + leaf.entry() + ": " + mismatch.get());
                }
            }
        }
    }

    private SealedEnrolmentRecord open(SignedEvent e, SealedWatchlistEntryAuthorized leaf, String where)
            throws EventRejectedException {
        String epoch = leaf.sealed().epoch();
        VaultStore.EpochKey key = store.epochKey(epoch).orElseThrow(() -> new EventRejectedException(
                Rejection.RECORD_NOT_STORED, where + "payload.sealed.epoch: the vault holds no key for epoch " + epoch));
        if (key.destroyed()) {
            throw new EventRejectedException(Rejection.RECORD_NOT_STORED, where + "payload.sealed.epoch: epoch " + epoch
                    + " is closed; its vault key is destroyed");
        }
        byte[] blob = store.blob(leaf.sealed().blobDigest()).flatMap(VaultStore.StoredBlob::bytes)
                .orElseThrow(() -> new EventRejectedException(Rejection.RECORD_NOT_STORED, where
                        + "payload.sealed.blobDigest: " + leaf.sealed().blobDigest().hex() + " is not stored"));
        X25519PrivateKey k = X25519PrivateKey.fromBytes(key.privateKey().orElseThrow());
        try {
            return RecordOpener.openEnrolment(blob, e, vaultRecipient, k);
        } catch (RecordOpeningException x) {
            throw new EventRejectedException(Rejection.RECORD_NOT_STORED, where + "payload.sealed: the stored blob "
                    + leaf.sealed().blobDigest().hex() + " does not open to the enrolment record entry " + leaf.entry()
                    + " commits to: " + VaultRecords.describe(x));
        } finally {
            k.destroy();
        }
    }
}
