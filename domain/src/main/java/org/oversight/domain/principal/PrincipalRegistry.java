package org.oversight.domain.principal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.KeyId;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraDecommissioned;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.crypto.SignatureVerificationException;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.event.EventVerifier;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.KeyRevoked;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;

/**
 * Principals, their keys and cameras, and erasure epochs, as a deterministic state machine over
 * events in log order (docs/format.md §5.4). This is the one place where the ledger (before it
 * sequences an event) and the verifier (replaying a log, {@code replay.LogReplayer}) decide whether
 * an event's effect is acceptable, including the sealed-record acceptance rule R5(a).
 *
 * <p>For every event, {@link #authorise} decides which key must have signed it at its leaf index
 * (the key valid there, of a role permitted for the type and stream, bound to the camera for
 * detections), or why none may; {@link #apply} then records its effect on principals, keys and
 * cameras. {@link #accept} does both with the signature check between them.
 *
 * <p>Genesis rule: a self-signed {@code AuthorityDeclared} (header signer = declared key) is
 * accepted only while genesis is open, i.e. while every event applied so far is an
 * {@code AuthorityDeclared}; the first event of any other type closes genesis for good. After
 * that, authorities are declared only by an existing, valid authority key.
 *
 * <p>Deterministic: state is kept in sorted maps keyed by id text; no result depends on hash
 * order or on anything but the events and their leaf indices. Not thread-safe (single writer).
 */
public final class PrincipalRegistry {
    private final TreeMap<String, PrincipalRecord> principals = new TreeMap<>();
    private final TreeMap<String, KeyRecord> keys = new TreeMap<>();
    private final TreeMap<String, CameraRecord> cameras = new TreeMap<>();
    private final TreeMap<String, EpochRecord> epochs = new TreeMap<>();
    private boolean genesisOpen = true;
    private long lastLeaf = -1;

    /**
     * Authorises, verifies and applies {@code event} at {@code leafIndex}.
     *
     * @return the key that signed it
     * @throws RegistryException if no key may sign it there (see {@link #authorise})
     * @throws EventSignatureException if the signature does not verify under that key
     * @throws IllegalArgumentException if {@code leafIndex} is not after the last applied leaf
     */
    public KeyRecord accept(SignedEvent event, long leafIndex) throws RegistryException, EventSignatureException {
        KeyRecord signer = authorise(event, leafIndex);
        EventVerifier.verify(event, signer.publicKey());
        applyAuthorised(event, leafIndex, signer);
        return signer;
    }

    /**
     * The key that must have signed {@code event} if it stands at {@code leafIndex}; changes
     * nothing and does not check the signature.
     *
     * @throws RegistryException.UnknownSigner if the signer key was never enrolled
     * @throws RegistryException.KeyNotValid if it is revoked at or enrolled after {@code leafIndex}
     * @throws RegistryException.PermissionDenied if its role may not sign the type in the stream,
     *     or a camera key signs detections of another camera
     * @throws RegistryException.GenesisViolation for a self-signed {@code AuthorityDeclared} after
     *     genesis closed, or a {@code KeyEnrolled} with role authority creating a new principal
     * @throws RegistryException.Conflict if the event contradicts the registry (duplicate
     *     principal, key or camera; role change; revoking an unknown or foreign key; decommissioning
     *     an unknown or already decommissioned camera; an epoch opened twice or closed unopened)
     * @throws RegistryException.EpochViolation for a schema-2 detection not sealed to an epoch
     *     opened before it, open, and covering its capture time, or a schema-2 watchlist entry not
     *     sealed to one opened before it, open, and covering its header time (rule R5(a)); or a witness recipient
     *     whose proof of possession does not verify
     * @throws IllegalArgumentException if {@code leafIndex} is not after the last applied leaf
     */
    public KeyRecord authorise(SignedEvent event, long leafIndex) throws RegistryException {
        Objects.requireNonNull(event, "event");
        if (leafIndex <= lastLeaf) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " <= last applied " + lastLeaf);
        }
        KeyId signerId = event.header().signer();
        KeyRecord signer;
        if (event.payload() instanceof AuthorityDeclared declared && signerId.equals(declared.publicKey().keyId())) {
            if (!genesisOpen) {
                throw new RegistryException.GenesisViolation(describe(event, leafIndex)
                        + ": self-signed AuthorityDeclared after genesis closed; an existing authority must sign it");
            }
            signer = new KeyRecord(signerId, declared.publicKey(), declared.principal(), Role.AUTHORITY, leafIndex - 1,
                    OptionalLong.empty());
        } else {
            signer = validSigner(event, leafIndex, signerId);
        }
        checkEffect(event, leafIndex);
        return signer;
    }

    /**
     * Records the effect of {@code event} at {@code leafIndex}. Re-runs {@link #authorise} so the
     * state can never take an unauthorised event; the caller must have checked the signature
     * (e.g. in a parallel batch) against the key {@code authorise} returned.
     *
     * @throws RegistryException as {@link #authorise}
     */
    public KeyRecord apply(SignedEvent event, long leafIndex) throws RegistryException {
        KeyRecord signer = authorise(event, leafIndex);
        applyAuthorised(event, leafIndex, signer);
        return signer;
    }

    private KeyRecord validSigner(SignedEvent event, long leafIndex, KeyId signerId) throws RegistryException {
        KeyRecord key = keys.get(signerId.hex());
        if (key == null) {
            throw new RegistryException.UnknownSigner(describe(event, leafIndex) + ": signer key " + signerId
                    + " was never enrolled");
        }
        if (!key.validAt(leafIndex)) {
            String why = key.revokedAt().isPresent() && leafIndex >= key.revokedAt().getAsLong()
                    ? "revoked at leaf " + key.revokedAt().getAsLong()
                    : "enrolled at leaf " + key.enrolledAt();
            throw new RegistryException.KeyNotValid(describe(event, leafIndex) + ": signer key " + signerId + " is "
                    + why);
        }
        EventType type = event.type();
        if (!PermissionMatrix.mayEmit(key.role(), type, event.stream())) {
            throw new RegistryException.PermissionDenied(describe(event, leafIndex) + ": role " + key.role().wireName()
                    + " of key " + signerId + " may not sign " + type.wireName() + " (allowed: "
                    + PermissionMatrix.signersOf(type).stream().map(Role::wireName).toList() + ")");
        }
        if (type == EventType.FACE_DETECTED && !key.owner().equals(event.stream().id())) {
            throw new RegistryException.PermissionDenied(describe(event, leafIndex) + ": device key " + signerId
                    + " of camera " + key.owner() + " may not sign detections of camera " + event.stream().id());
        }
        return key;
    }

    private void checkEffect(SignedEvent event, long leafIndex) throws RegistryException {
        switch (event.type()) {
            case AUTHORITY_DECLARED -> {
                AuthorityDeclared p = (AuthorityDeclared) event.payload();
                requireNewPrincipal(event, leafIndex, p.principal());
                requireNewKey(event, leafIndex, p.publicKey());
            }
            case KEY_ENROLLED -> {
                KeyEnrolled p = (KeyEnrolled) event.payload();
                PrincipalRecord existing = principals.get(p.principal());
                if (existing == null && p.role() == Role.AUTHORITY) {
                    throw new RegistryException.GenesisViolation(describe(event, leafIndex)
                            + ": new authority " + p.principal() + " must be declared by AuthorityDeclared");
                }
                if (existing != null && existing.role() != p.role()) {
                    throw new RegistryException.Conflict(describe(event, leafIndex) + ": principal " + p.principal()
                            + " has role " + existing.role().wireName() + ", not " + p.role().wireName());
                }
                requireNewKey(event, leafIndex, p.publicKey());
            }
            case KEY_REVOKED -> {
                KeyRevoked p = (KeyRevoked) event.payload();
                KeyRecord key = keys.get(p.keyId().hex());
                if (key == null || key.role() == Role.CAMERA || !key.owner().equals(p.principal())) {
                    throw new RegistryException.Conflict(describe(event, leafIndex) + ": key " + p.keyId()
                            + " is not enrolled for principal " + p.principal());
                }
                if (key.revokedAt().isPresent()) {
                    throw new RegistryException.Conflict(describe(event, leafIndex) + ": key " + p.keyId()
                            + " already revoked at leaf " + key.revokedAt().getAsLong());
                }
            }
            case CAMERA_REGISTERED -> {
                CameraRegistered p = (CameraRegistered) event.payload();
                if (cameras.containsKey(p.camera())) {
                    throw new RegistryException.Conflict(describe(event, leafIndex) + ": camera " + p.camera()
                            + " already registered at leaf " + cameras.get(p.camera()).registeredAt());
                }
                requireNewKey(event, leafIndex, p.devicePublicKey());
            }
            case CAMERA_DECOMMISSIONED -> {
                CameraDecommissioned p = (CameraDecommissioned) event.payload();
                CameraRecord camera = cameras.get(p.camera());
                if (camera == null) {
                    throw new RegistryException.Conflict(describe(event, leafIndex) + ": camera " + p.camera()
                            + " is not registered");
                }
                if (camera.decommissionedAt().isPresent()) {
                    throw new RegistryException.Conflict(describe(event, leafIndex) + ": camera " + p.camera()
                            + " already decommissioned at leaf " + camera.decommissionedAt().getAsLong());
                }
            }
            case ERASURE_EPOCH_OPENED -> {
                ErasureEpochOpened p = (ErasureEpochOpened) event.payload();
                EpochRecord existing = epochs.get(p.epoch());
                if (existing != null) {
                    throw new RegistryException.Conflict(describe(event, leafIndex) + ": epoch " + p.epoch()
                            + " already opened at leaf " + existing.openedAt());
                }
                for (EpochRecipient r : p.recipients()) {
                    if (r instanceof EpochRecipient.Witness w) {
                        try {
                            w.verifyProof(p.epoch());
                        } catch (SignatureVerificationException e) {
                            throw new RegistryException.EpochViolation(describe(event, leafIndex) + ": witness recipient "
                                    + w.recipient() + ": proof of possession of " + w.publicKey()
                                    + " does not verify under witness key " + w.witnessKey());
                        }
                    }
                }
            }
            case ERASURE_EPOCH_CLOSED -> {
                ErasureEpochClosed p = (ErasureEpochClosed) event.payload();
                EpochRecord epoch = epochs.get(p.epoch());
                if (epoch == null) {
                    throw new RegistryException.Conflict(describe(event, leafIndex) + ": epoch " + p.epoch()
                            + " was never opened");
                }
                if (epoch.closedAt().isPresent()) {
                    throw new RegistryException.Conflict(describe(event, leafIndex) + ": epoch " + p.epoch()
                            + " already closed at leaf " + epoch.closedAt().getAsLong());
                }
            }
            case FACE_DETECTED -> {
                if (event.payload() instanceof SealedFaceDetected d) {
                    checkSealedDetection(event, leafIndex, d);
                }
            }
            case WATCHLIST_ENTRY_AUTHORIZED -> {
                if (event.payload() instanceof SealedWatchlistEntryAuthorized w) {
                    checkSealedRecord(event, leafIndex, w.sealed().epoch(), "header time", event.header().time());
                }
            }
            default -> {
                // No effect on principals, keys, cameras or epochs.
            }
        }
    }

    /**
     * Rule R5(a), the acceptance rule for sealed detections: the epoch is opened at an earlier
     * leaf, not closed, and {@code sealFrom ≤ captureTime < sealUntil}.
     */
    private void checkSealedDetection(SignedEvent event, long leafIndex, SealedFaceDetected d)
            throws RegistryException {
        checkSealedRecord(event, leafIndex, d.sealed().epoch(), "captureTime", d.captureTime());
    }

    /**
     * Rule R5(a) for any sealed record (format.md §5.4 step 4): epoch {@code id} is opened at an
     * earlier leaf, not closed, and {@code sealFrom ≤ time < sealUntil}, where {@code time} is a
     * detection's capture time or a schema-2 watchlist entry's header time.
     */
    private void checkSealedRecord(SignedEvent event, long leafIndex, String id, String timeName, Timestamp time)
            throws RegistryException {
        EpochRecord epoch = epochs.get(id);
        if (epoch == null) {
            throw new RegistryException.EpochViolation(describe(event, leafIndex) + ": sealed to epoch " + id
                    + ", which is not opened before this leaf");
        }
        if (epoch.closedAt().isPresent()) {
            throw new RegistryException.EpochViolation(describe(event, leafIndex) + ": sealed to epoch " + id
                    + ", which was closed at leaf " + epoch.closedAt().getAsLong());
        }
        ErasureEpochOpened o = epoch.opened();
        if (!o.covers(time)) {
            throw new RegistryException.EpochViolation(describe(event, leafIndex) + ": " + timeName + " "
                    + time.text() + " is outside epoch " + id + "'s window [" + o.sealFrom().text() + ", "
                    + o.sealUntil().text() + ")");
        }
    }

    private void applyAuthorised(SignedEvent event, long leafIndex, KeyRecord signer) {
        switch (event.type()) {
            case AUTHORITY_DECLARED -> {
                AuthorityDeclared p = (AuthorityDeclared) event.payload();
                boolean self = signer.keyId().equals(p.publicKey().keyId());
                principals.put(p.principal(), new PrincipalRecord(p.principal(), Role.AUTHORITY, leafIndex, self));
                putKey(p.publicKey(), p.principal(), Role.AUTHORITY, leafIndex);
            }
            case KEY_ENROLLED -> {
                KeyEnrolled p = (KeyEnrolled) event.payload();
                principals.putIfAbsent(p.principal(), new PrincipalRecord(p.principal(), p.role(), leafIndex, false));
                putKey(p.publicKey(), p.principal(), p.role(), leafIndex);
            }
            case KEY_REVOKED -> {
                KeyRevoked p = (KeyRevoked) event.payload();
                keys.put(p.keyId().hex(), keys.get(p.keyId().hex()).revokedAt(leafIndex));
            }
            case CAMERA_REGISTERED -> {
                CameraRegistered p = (CameraRegistered) event.payload();
                KeyId device = p.devicePublicKey().keyId();
                cameras.put(p.camera(), new CameraRecord(p.camera(), device, leafIndex, OptionalLong.empty()));
                putKey(p.devicePublicKey(), p.camera(), Role.CAMERA, leafIndex);
            }
            case CAMERA_DECOMMISSIONED -> {
                CameraDecommissioned p = (CameraDecommissioned) event.payload();
                CameraRecord c = cameras.get(p.camera());
                cameras.put(p.camera(), new CameraRecord(c.cameraId(), c.deviceKey(), c.registeredAt(),
                        OptionalLong.of(leafIndex)));
                keys.put(c.deviceKey().hex(), keys.get(c.deviceKey().hex()).revokedAt(leafIndex));
            }
            case ERASURE_EPOCH_OPENED -> {
                ErasureEpochOpened p = (ErasureEpochOpened) event.payload();
                epochs.put(p.epoch(), new EpochRecord(p, leafIndex, OptionalLong.empty()));
            }
            case ERASURE_EPOCH_CLOSED -> {
                ErasureEpochClosed p = (ErasureEpochClosed) event.payload();
                epochs.put(p.epoch(), epochs.get(p.epoch()).closedAt(leafIndex));
            }
            default -> {
                // No effect on principals, keys, cameras or epochs.
            }
        }
        if (event.type() != EventType.AUTHORITY_DECLARED) {
            genesisOpen = false;
        }
        lastLeaf = leafIndex;
    }

    private void requireNewPrincipal(SignedEvent event, long leafIndex, String principal) throws RegistryException {
        PrincipalRecord existing = principals.get(principal);
        if (existing != null) {
            throw new RegistryException.Conflict(describe(event, leafIndex) + ": principal " + principal
                    + " already declared at leaf " + existing.declaredAt());
        }
    }

    private void requireNewKey(SignedEvent event, long leafIndex, Ed25519PublicKey key) throws RegistryException {
        KeyRecord existing = keys.get(key.keyId().hex());
        if (existing != null) {
            throw new RegistryException.Conflict(describe(event, leafIndex) + ": key " + key.keyId()
                    + " already enrolled for " + existing.owner() + " at leaf " + existing.enrolledAt());
        }
    }

    private void putKey(Ed25519PublicKey key, String owner, Role role, long leafIndex) {
        keys.put(key.keyId().hex(), new KeyRecord(key.keyId(), key, owner, role, leafIndex, OptionalLong.empty()));
    }

    private static String describe(SignedEvent event, long leafIndex) {
        return event.type().wireName() + " " + event.header().eventId() + " in " + event.stream() + " at leaf "
                + leafIndex;
    }

    /** The key with this id, if it was ever enrolled. */
    public Optional<KeyRecord> key(KeyId keyId) {
        return Optional.ofNullable(keys.get(keyId.hex()));
    }

    /** Whether {@code keyId} may sign the event at {@code leafIndex} (enrolled before, not revoked by then). */
    public boolean keyValidAt(KeyId keyId, long leafIndex) {
        KeyRecord k = keys.get(keyId.hex());
        return k != null && k.validAt(leafIndex);
    }

    /** The principal with this id, if declared. */
    public Optional<PrincipalRecord> principal(String principalId) {
        return Optional.ofNullable(principals.get(principalId));
    }

    /** All principals, in id order. */
    public List<PrincipalRecord> principals() {
        return List.copyOf(principals.values());
    }

    /** The keys of {@code owner} (a principal id, or a camera id for device keys), in enrolment order. */
    public List<KeyRecord> keysOf(String owner) {
        List<KeyRecord> out = new ArrayList<>();
        for (KeyRecord k : keys.values()) {
            if (k.owner().equals(owner)) {
                out.add(k);
            }
        }
        out.sort((a, b) -> Long.compare(a.enrolledAt(), b.enrolledAt()));
        return Collections.unmodifiableList(out);
    }

    /** The camera with this id, if registered. */
    public Optional<CameraRecord> camera(String cameraId) {
        return Optional.ofNullable(cameras.get(cameraId));
    }

    /** The erasure epoch with this id, if opened. */
    public Optional<EpochRecord> epoch(String epochId) {
        return Optional.ofNullable(epochs.get(epochId));
    }

    /**
     * Whether accepting an event of {@code type} can change what this registry decides for other
     * events (besides closing genesis): the types that record principals, keys, cameras or epochs.
     * Events of other types may be checked in any order among themselves once genesis is closed.
     */
    public static boolean changesRegistry(EventType type) {
        return EFFECT_TYPES.contains(type);
    }

    private static final java.util.Set<EventType> EFFECT_TYPES = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(EventType.AUTHORITY_DECLARED, EventType.KEY_ENROLLED, EventType.KEY_REVOKED,
                    EventType.CAMERA_REGISTERED, EventType.CAMERA_DECOMMISSIONED, EventType.ERASURE_EPOCH_OPENED,
                    EventType.ERASURE_EPOCH_CLOSED));

    /** The genesis authorities (self-declared), in declaration order: the log's trust anchors. */
    public List<PrincipalRecord> genesisAuthorities() {
        List<PrincipalRecord> out = new ArrayList<>();
        for (PrincipalRecord p : principals.values()) {
            if (p.selfDeclared()) {
                out.add(p);
            }
        }
        out.sort((a, b) -> Long.compare(a.declaredAt(), b.declaredAt()));
        return Collections.unmodifiableList(out);
    }

    /** Whether self-signed authority declarations are still accepted. */
    public boolean genesisOpen() {
        return genesisOpen;
    }

    /** Leaf index of the last applied event; −1 if none. */
    public long lastLeaf() {
        return lastLeaf;
    }
}
