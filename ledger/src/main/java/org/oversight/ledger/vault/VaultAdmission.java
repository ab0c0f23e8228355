package org.oversight.ledger.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.aggregate.Rejection;
import org.oversight.ledger.ingest.SealedRecordAdmission;

/**
 * Admits a schema-2 detection or schema-2 watchlist entry only if the vault stores its sealed blob
 * (not erased) under the leaf's {@code sealed.blobDigest}, filed for the same epoch, stream and seq
 * (the vault read them from the blob itself when it was stored). One look-up for the whole request;
 * then each schema-2 entry's record is opened and checked ({@link EnrolmentAdmission}).
 */
public final class VaultAdmission implements SealedRecordAdmission {
    private final VaultStore store;
    private final Optional<EnrolmentAdmission> enrolments;

    public VaultAdmission(VaultStore store) {
        this(store, Optional.empty());
    }

    /** With {@code enrolments}: each schema-2 entry's record is then also opened and checked. */
    public VaultAdmission(VaultStore store, Optional<EnrolmentAdmission> enrolments) {
        this.store = store;
        this.enrolments = enrolments;
    }

    @Override
    public void check(List<SignedEvent> events) throws EventRejectedException {
        List<Sha256Digest> digests = new ArrayList<>();
        for (SignedEvent e : events) {
            VaultRecords.sealedRef(e).ifPresent(r -> digests.add(r.blobDigest()));
        }
        if (digests.isEmpty()) {
            return;
        }
        Map<Sha256Digest, VaultStore.BlobState> stored = store.blobStates(digests);
        for (int i = 0; i < events.size(); i++) {
            SignedEvent e = events.get(i);
            Optional<SealedRecordRef> ref = VaultRecords.sealedRef(e);
            if (ref.isEmpty()) {
                continue;
            }
            SealedRecordRef d = ref.get();
            String where = (events.size() == 1 ? "" : "events[" + i + "] ") + "payload.sealed.blobDigest: ";
            Sha256Digest digest = d.blobDigest();
            VaultStore.BlobState blob = stored.get(digest);
            if (blob == null) {
                throw new EventRejectedException(Rejection.RECORD_NOT_STORED, where + digest.hex()
                        + " is not stored in the vault (PUT /v1/vault/blobs/" + digest.hex() + " first)");
            }
            if (blob.erased()) {
                throw new EventRejectedException(Rejection.RECORD_NOT_STORED, where + digest.hex()
                        + " was erased with epoch " + blob.epoch());
            }
            String stream = e.stream().text();
            if (!blob.epoch().equals(d.epoch()) || !blob.stream().equals(stream) || blob.seq() != e.seq()) {
                throw new EventRejectedException(Rejection.RECORD_NOT_STORED, where + digest.hex()
                        + " is sealed for epoch " + blob.epoch() + ", " + blob.stream() + " seq " + blob.seq()
                        + "; this event is epoch " + d.epoch() + ", " + stream + " seq " + e.seq());
            }
        }
        if (enrolments.isPresent()) {
            enrolments.get().check(events);
        }
    }
}
