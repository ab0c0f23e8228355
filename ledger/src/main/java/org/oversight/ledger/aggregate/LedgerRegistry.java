package org.oversight.ledger.aggregate;

import java.util.Optional;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.EventVerifier;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.principal.CameraRecord;
import org.oversight.domain.principal.KeyRecord;
import org.oversight.domain.principal.PrincipalRegistry;
import org.oversight.domain.principal.RegistryException;
import org.oversight.ledger.web.ProblemType;

/**
 * The cross-stream state every aggregate consults: principals, keys and cameras (the domain's
 * {@link PrincipalRegistry}), kept in leaf order by the ingest path.
 *
 * <p>Consistency model: there is one writer (the sequencer's lock). An event at leaf {@code i} is
 * checked against the registry after leaves {@code 0..i-1} exactly, including earlier events of
 * the same batch, which is the state the verifier will have when it replays leaf {@code i}. If a
 * transaction that already applied events rolls back, the owner discards this instance and
 * rebuilds it from the committed leaves ({@link #isDirty()}, {@link #reset()}).
 *
 * <p>Not thread-safe: used only under the writer lock.
 */
public final class LedgerRegistry {
    private PrincipalRegistry registry = new PrincipalRegistry();
    private boolean dirty;

    /**
     * Checks that {@code event} may stand at {@code leafIndex}: its signer key is enrolled, valid
     * there and permitted for the type and stream (or it is a genesis authority), its signature
     * verifies under that key, and a detection comes from a registered, active camera.
     *
     * @return the signing key
     */
    public KeyRecord check(SignedEvent event, long leafIndex) throws EventRejectedException {
        KeyRecord key;
        try {
            key = registry.authorize(event, leafIndex);
        } catch (RegistryException e) {
            throw rejection(e);
        }
        try {
            EventVerifier.verify(event, key.publicKey());
        } catch (EventSignatureException e) {
            throw new EventRejectedException(ProblemType.BAD_SIGNATURE, "sig: " + e.getMessage(), e);
        }
        if (event.type() == EventType.FACE_DETECTED) {
            String cameraId = ((FaceDetected) event.payload()).camera();
            Optional<CameraRecord> camera = registry.camera(cameraId);
            if (camera.isEmpty() || !camera.get().activeAt(leafIndex)) {
                throw new EventRejectedException(ProblemType.CAMERA_NOT_ACTIVE, "payload.camera: camera '" + cameraId
                        + "' is " + (camera.isEmpty() ? "not registered" : "decommissioned") + " at leaf " + leafIndex);
            }
            if (!camera.get().deviceKey().equals(key.keyId())) {
                throw new EventRejectedException(ProblemType.SIGNER_NOT_PERMITTED, "header.signer: key " + key.keyId()
                        + " is not the device key " + camera.get().deviceKey() + " of camera '" + cameraId + "'");
            }
        }
        return key;
    }

    /** Records {@code event}'s effect at {@code leafIndex} (after {@link #check} passed). */
    public void apply(SignedEvent event, long leafIndex) throws EventRejectedException {
        dirty = true;
        try {
            registry.apply(event, leafIndex);
        } catch (RegistryException e) {
            throw rejection(e);
        }
    }

    /** Replays a committed leaf (start-up and rebuild): check and apply. */
    public void replay(SignedEvent event, long leafIndex) throws EventRejectedException {
        check(event, leafIndex);
        apply(event, leafIndex);
    }

    public Optional<KeyRecord> key(org.oversight.domain.crypto.KeyId keyId) {
        return registry.key(keyId);
    }

    public Optional<CameraRecord> camera(String cameraId) {
        return registry.camera(cameraId);
    }

    public boolean genesisOpen() {
        return registry.genesisOpen();
    }

    /** Forgets everything, before a rebuild from the committed leaves. */
    public void reset() {
        registry = new PrincipalRegistry();
        dirty = false;
    }

    /** Whether events were applied since the last {@link #markClean()}. */
    public boolean isDirty() {
        return dirty;
    }

    /** Called once the applied events are committed. */
    public void markClean() {
        dirty = false;
    }

    static EventRejectedException rejection(RegistryException e) {
        ProblemType type;
        if (e instanceof RegistryException.UnknownSigner) {
            type = ProblemType.UNKNOWN_SIGNER;
        } else if (e instanceof RegistryException.KeyNotValid) {
            type = ProblemType.SIGNER_NOT_VALID;
        } else if (e instanceof RegistryException.PermissionDenied) {
            type = ProblemType.SIGNER_NOT_PERMITTED;
        } else if (e instanceof RegistryException.GenesisViolation) {
            type = ProblemType.GENESIS_VIOLATION;
        } else {
            type = ProblemType.REGISTRY_CONFLICT;
        }
        return new EventRejectedException(type, "header.signer: " + e.getMessage(), e);
    }
}
