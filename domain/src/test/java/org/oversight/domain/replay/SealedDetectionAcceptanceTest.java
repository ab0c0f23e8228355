package org.oversight.domain.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.domain.event.EventFixtures.AUTHORITY_SEED;
import static org.oversight.domain.event.EventFixtures.CAMERA_SEED;
import static org.oversight.domain.event.EventFixtures.ENGINE_SEED;
import static org.oversight.domain.event.EventFixtures.OFFICER_SEED;
import static org.oversight.domain.event.EventFixtures.key;
import static org.oversight.domain.event.EventFixtures.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519Signature;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.principal.RegistryException;
import org.oversight.domain.seal.EpochRecipient;

/**
 * Rule R5(a), the acceptance rule for sealed detections (docs/format.md §5.4 step 4, §12), through
 * {@link LogReplayer}: the one effect step both the ledger and the verifier run. Also the epoch
 * stream's placements and the witness proofs of possession.
 */
class SealedDetectionAcceptanceTest {
    private final Map<StreamId, List<EventHash>> streams = new TreeMap<>();
    private final LogReplayer replayer = new LogReplayer(
            (stream, seq) -> Optional.ofNullable(streams.get(stream)).map(l -> l.get((int) seq)));
    private long leaf;

    private SignedEvent next(EventPayload payload, int seed) {
        List<EventHash> chain = streams.getOrDefault(payload.stream(), List.of());
        return EventSigner.sign("ev-" + leaf, chain.size(),
                chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1)),
                time("2026-11-27T09:00:00.000Z"), payload, key(seed));
    }

    private void accept(SignedEvent e) throws Exception {
        replayer.accept(e, leaf);
        leaf++;
        streams.computeIfAbsent(e.stream(), s -> new ArrayList<>()).add(e.eventHash());
    }

    private void append(EventPayload payload, int seed) throws Exception {
        accept(next(payload, seed));
    }

    /** Rejected at the current leaf, changing nothing. */
    private RegistryException rejected(EventPayload payload, int seed) {
        SignedEvent e = next(payload, seed);
        long before = replayer.registry().lastLeaf();
        RegistryException ex = org.assertj.core.api.Assertions.catchThrowableOfType(RegistryException.class,
                () -> replayer.accept(e, leaf));
        assertThat(ex).as("accepted %s", e).isNotNull();
        assertThat(replayer.registry().lastLeaf()).isEqualTo(before);
        return ex;
    }

    private static SealedFaceDetected detection(String epoch, String captureTime) {
        SealedFaceDetected d = EventFixtures.sealedFaceDetected();
        return new SealedFaceDetected(d.camera(), time(captureTime), d.frameDigest(), d.faceBox(), d.modelId(),
                d.templateFormat(), d.quality(), new SealedRecordRef(d.sealed().blobDigest(), d.sealed().commitment(),
                        epoch));
    }

    @BeforeEach
    void registry() throws Exception {
        append(new AuthorityDeclared("authority-1", "Board", key(AUTHORITY_SEED).publicKey()), AUTHORITY_SEED);
        append(new KeyEnrolled("officer-7", Role.OFFICER, key(OFFICER_SEED).publicKey()), AUTHORITY_SEED);
        append(new KeyEnrolled("engine-1", Role.ENGINE, key(ENGINE_SEED).publicKey()), AUTHORITY_SEED);
        append(EventFixtures.cameraRegistered(), OFFICER_SEED);
    }

    @Test
    void detectionSealedToAnOpenEpochCoveringItsCaptureTimeIsAccepted() throws Exception {
        append(EventFixtures.erasureEpochOpened(), AUTHORITY_SEED);
        append(detection(EventFixtures.EPOCH, "2026-11-27T09:00:00.000Z"), CAMERA_SEED);
        append(detection(EventFixtures.EPOCH, "2026-11-27T09:59:59.999Z"), CAMERA_SEED);
        assertThat(replayer.registry().epoch(EventFixtures.EPOCH).orElseThrow().openedAt()).isEqualTo(4);
    }

    @Test
    void detectionOfAnEpochNeverOpenedIsRejected() {
        assertThat(rejected(detection(EventFixtures.EPOCH, "2026-11-27T09:30:00.000Z"), CAMERA_SEED))
                .isInstanceOf(RegistryException.EpochViolation.class)
                .hasMessageContaining("sealed to epoch ep-2026-11-27T09, which is not opened before this leaf");
    }

    @Test
    void captureTimeOutsideTheWindowIsRejected() throws Exception {
        append(EventFixtures.erasureEpochOpened(), AUTHORITY_SEED);
        assertThat(rejected(detection(EventFixtures.EPOCH, "2026-11-27T10:00:00.000Z"), CAMERA_SEED))
                .isInstanceOf(RegistryException.EpochViolation.class)
                .hasMessageContaining("captureTime 2026-11-27T10:00:00.000Z is outside epoch ep-2026-11-27T09's window"
                        + " [2026-11-27T09:00:00.000Z, 2026-11-27T10:00:00.000Z)");
        assertThat(rejected(detection(EventFixtures.EPOCH, "2026-11-27T08:59:59.999Z"), CAMERA_SEED))
                .isInstanceOf(RegistryException.EpochViolation.class);
    }

    @Test
    void detectionAfterTheCloseIsRejected() throws Exception {
        append(EventFixtures.erasureEpochOpened(), AUTHORITY_SEED);
        append(detection(EventFixtures.EPOCH, "2026-11-27T09:30:00.000Z"), CAMERA_SEED);
        append(new ErasureEpochClosed(EventFixtures.EPOCH, List.of(), 1), ENGINE_SEED);
        assertThat(rejected(detection(EventFixtures.EPOCH, "2026-11-27T09:31:00.000Z"), CAMERA_SEED))
                .isInstanceOf(RegistryException.EpochViolation.class)
                .hasMessageContaining("which was closed at leaf 6");
        append(new KeptRecordsDestroyed(EventFixtures.EPOCH,
                List.of(new org.oversight.domain.event.DetectionRef(EventHash.ofLeafBytes(new byte[1]), 5)), "closed"),
                ENGINE_SEED);
    }

    @Test
    void theCloseIsSignedByTheEngineOnly() throws Exception {
        append(EventFixtures.erasureEpochOpened(), AUTHORITY_SEED);
        assertThat(rejected(new ErasureEpochClosed(EventFixtures.EPOCH, List.of(), 0), AUTHORITY_SEED))
                .isInstanceOf(RegistryException.PermissionDenied.class);
    }

    @Test
    void epochEventsStandOnlyAtTheirSeq() {
        Timestamp t = time("2026-11-27T09:00:00.000Z");
        EventHash prev = EventHash.ofLeafBytes(new byte[1]);
        assertThatThrownBy(() -> EventSigner.sign("x", 0, Optional.empty(), t,
                new ErasureEpochClosed(EventFixtures.EPOCH, List.of(), 0), key(ENGINE_SEED)))
                .hasMessageContaining("ErasureEpochClosed may stand only at seq 1");
        assertThatThrownBy(() -> EventSigner.sign("x", 2, Optional.of(prev), t,
                new ErasureEpochClosed(EventFixtures.EPOCH, List.of(), 0), key(ENGINE_SEED)))
                .hasMessageContaining("ErasureEpochClosed may stand only at seq 1");
        assertThatThrownBy(() -> EventSigner.sign("x", 1, Optional.of(prev), t,
                EventFixtures.keptRecordsDestroyed(), key(ENGINE_SEED)))
                .hasMessageContaining("KeptRecordsDestroyed may stand only at seq >= 2");
        assertThatThrownBy(() -> EventSigner.sign("x", 1, Optional.of(prev), t,
                EventFixtures.erasureEpochOpened(), key(AUTHORITY_SEED)))
                .hasMessageContaining("ErasureEpochOpened may stand only at seq 0");
    }

    @Test
    void aWitnessProofForAnotherEpochIsRejectedAndChangesNothing() throws Exception {
        ErasureEpochOpened good = EventFixtures.erasureEpochOpened();
        EpochRecipient.Witness w = (EpochRecipient.Witness) good.recipients().get(1);
        EpochRecipient.Witness other = EpochRecipient.Witness.create("another-epoch", w.recipient(), w.publicKey(),
                EventFixtures.WITNESS_KEY_NAME, EventFixtures.witnessKey());
        ErasureEpochOpened bad = new ErasureEpochOpened(good.epoch(), good.sealFrom(), good.sealUntil(),
                good.eraseBy(), List.of(good.recipients().get(0), other));
        assertThat(rejected(bad, AUTHORITY_SEED))
                .isInstanceOf(RegistryException.EpochViolation.class)
                .hasMessageContaining("witness recipient witness-1: proof of possession of " + w.publicKey().text()
                        + " does not verify under witness key " + w.witnessKey());
        assertThat(replayer.registry().epoch(good.epoch())).isEmpty();
        assertThat(rejected(detection(EventFixtures.EPOCH, "2026-11-27T09:30:00.000Z"), CAMERA_SEED))
                .isInstanceOf(RegistryException.EpochViolation.class);
    }

    @Test
    void aProofMadeWithAnotherKeyIsRejected() {
        ErasureEpochOpened good = EventFixtures.erasureEpochOpened();
        EpochRecipient.Witness w = (EpochRecipient.Witness) good.recipients().get(1);
        Ed25519Signature forged = key(OFFICER_SEED).sign(org.oversight.domain.crypto.SignatureDomain.EPOCH_RECIPIENT_V1,
                (good.epoch() + "\n" + w.publicKey().text() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ErasureEpochOpened bad = new ErasureEpochOpened(good.epoch(), good.sealFrom(), good.sealUntil(),
                good.eraseBy(), List.of(good.recipients().get(0),
                        new EpochRecipient.Witness(w.recipient(), w.publicKey(), w.witnessKey(), forged)));
        assertThat(rejected(bad, AUTHORITY_SEED)).isInstanceOf(RegistryException.EpochViolation.class);
    }

    @Test
    void schemaOneDetectionsNeedNoEpoch() throws Exception {
        append(EventFixtures.faceDetected(), CAMERA_SEED);
    }

    @Test
    void theTypesThatChangeTheRegistryIncludeTheEpochEvents() {
        java.util.Set<org.oversight.domain.event.EventType> changing = java.util.EnumSet.noneOf(
                org.oversight.domain.event.EventType.class);
        for (org.oversight.domain.event.EventType t : org.oversight.domain.event.EventType.values()) {
            if (org.oversight.domain.principal.PrincipalRegistry.changesRegistry(t)) {
                changing.add(t);
            }
        }
        assertThat(changing).containsExactlyInAnyOrder(org.oversight.domain.event.EventType.AUTHORITY_DECLARED,
                org.oversight.domain.event.EventType.KEY_ENROLLED, org.oversight.domain.event.EventType.KEY_REVOKED,
                org.oversight.domain.event.EventType.CAMERA_REGISTERED,
                org.oversight.domain.event.EventType.CAMERA_DECOMMISSIONED,
                org.oversight.domain.event.EventType.ERASURE_EPOCH_OPENED,
                org.oversight.domain.event.EventType.ERASURE_EPOCH_CLOSED);
    }
}
