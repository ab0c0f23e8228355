package org.oversight.ledger.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.aggregate.Rejection;
import org.oversight.ledger.ingest.SealedRecordAdmission;

/**
 * Admits a schema-2 detection only if the vault stores its sealed blob (not erased) under the
 * leaf's {@code sealed.blobDigest}, filed for the same epoch, stream and seq (the vault read them
 * from the blob itself when it was stored). One look-up for the whole request.
 */
public final class VaultAdmission implements SealedRecordAdmission {
    private final VaultStore store;

    public VaultAdmission(VaultStore store) {
        this.store = store;
    }

    @Override
    public void check(List<SignedEvent> events) throws EventRejectedException {
        List<Sha256Digest> digests = new ArrayList<>();
        for (SignedEvent e : events) {
            if (e.payload() instanceof SealedFaceDetected d) {
                digests.add(d.sealed().blobDigest());
            }
        }
        if (digests.isEmpty()) {
            return;
        }
        Map<Sha256Digest, VaultStore.BlobState> stored = store.blobStates(digests);
        for (int i = 0; i < events.size(); i++) {
            SignedEvent e = events.get(i);
            if (!(e.payload() instanceof SealedFaceDetected d)) {
                continue;
            }
            String where = (events.size() == 1 ? "" : "events[" + i + "] ") + "payload.sealed.blobDigest: ";
            Sha256Digest digest = d.sealed().blobDigest();
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
            if (!blob.epoch().equals(d.sealed().epoch()) || !blob.stream().equals(stream) || blob.seq() != e.seq()) {
                throw new EventRejectedException(Rejection.RECORD_NOT_STORED, where + digest.hex()
                        + " is sealed for epoch " + blob.epoch() + ", " + blob.stream() + " seq " + blob.seq()
                        + "; this detection is epoch " + d.sealed().epoch() + ", " + stream + " seq " + e.seq());
            }
        }
    }
}
