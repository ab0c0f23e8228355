package org.oversight.domain.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.domain.event.EventFixtures.AUTHORITY_SEED;
import static org.oversight.domain.event.EventFixtures.CAMERA_SEED;
import static org.oversight.domain.event.EventFixtures.ENGINE_SEED;
import static org.oversight.domain.event.EventFixtures.OFFICER_SEED;
import static org.oversight.domain.event.EventFixtures.REVIEWER_SEED;
import static org.oversight.domain.event.EventFixtures.SECOND_AUTHORITY_SEED;
import static org.oversight.domain.event.EventFixtures.key;
import static org.oversight.domain.event.EventFixtures.signed;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.KeyId;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraDecommissioned;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.KeyRevoked;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonString;

/** Genesis, enrolment, revocation, validity by leaf index, permissions and camera binding. */
class PrincipalRegistryTest {
    private static final int STRANGER_SEED = 9;
    private static final int THIRD_AUTHORITY_SEED = 10;

    private final PrincipalRegistry registry = new PrincipalRegistry();
    private long leaf;

    private static KeyId id(int seed) {
        return key(seed).publicKey().keyId();
    }

    private KeyRecord accept(SignedEvent e) throws Exception {
        return registry.accept(e, leaf++);
    }

    private static SignedEvent declareAuthority(String principal, int declaredSeed, int signerSeed) {
        return signed(new AuthorityDeclared(principal, "Authority " + principal, key(declaredSeed).publicKey()), signerSeed);
    }

    private static SignedEvent enrol(String principal, Role role, int keySeed, int signerSeed) {
        return signed(new KeyEnrolled(principal, role, key(keySeed).publicKey()), signerSeed);
    }

    /** Leaves 0–3: two genesis authorities, an officer, a camera registered by the officer. */
    @BeforeEach
    void genesis() throws Exception {
        accept(declareAuthority("authority-1", AUTHORITY_SEED, AUTHORITY_SEED));
        accept(declareAuthority("authority-2", SECOND_AUTHORITY_SEED, SECOND_AUTHORITY_SEED));
        assertThat(registry.genesisOpen()).isTrue();
        accept(enrol("officer-7", Role.OFFICER, OFFICER_SEED, AUTHORITY_SEED));
        assertThat(registry.genesisOpen()).isFalse();
        accept(signed(EventFixtures.cameraRegistered(), OFFICER_SEED));
    }

    @Test
    void genesisStateIsRecorded() {
        assertThat(registry.genesisAuthorities()).extracting(PrincipalRecord::id)
                .containsExactly("authority-1", "authority-2");
        assertThat(registry.principals()).extracting(PrincipalRecord::id)
                .containsExactly("authority-1", "authority-2", "officer-7");
        assertThat(registry.principal("officer-7").orElseThrow().role()).isEqualTo(Role.OFFICER);
        KeyRecord officer = registry.key(id(OFFICER_SEED)).orElseThrow();
        assertThat(officer.owner()).isEqualTo("officer-7");
        assertThat(officer.enrolledAt()).isEqualTo(2);
        KeyRecord camera = registry.key(id(CAMERA_SEED)).orElseThrow();
        assertThat(camera.role()).isEqualTo(Role.CAMERA);
        assertThat(camera.owner()).isEqualTo("cam-0042");
        assertThat(registry.camera("cam-0042").orElseThrow().activeAt(4)).isTrue();
        assertThat(registry.lastLeaf()).isEqualTo(3);
    }

    @Test
    void selfSignedAuthorityAfterGenesisIsRejected() {
        assertThatThrownBy(() -> accept(declareAuthority("authority-3", THIRD_AUTHORITY_SEED, THIRD_AUTHORITY_SEED)))
                .isInstanceOf(RegistryException.GenesisViolation.class)
                .hasMessageContaining("self-signed AuthorityDeclared after genesis closed")
                .hasMessageContaining("at leaf 4");
    }

    @Test
    void laterAuthorityDeclaredByExistingAuthority() throws Exception {
        KeyRecord signer = accept(declareAuthority("authority-3", THIRD_AUTHORITY_SEED, SECOND_AUTHORITY_SEED));
        assertThat(signer.keyId()).isEqualTo(id(SECOND_AUTHORITY_SEED));
        PrincipalRecord p = registry.principal("authority-3").orElseThrow();
        assertThat(p.selfDeclared()).isFalse();
        assertThat(registry.keyValidAt(id(THIRD_AUTHORITY_SEED), 5)).isTrue();
        assertThat(registry.genesisAuthorities()).hasSize(2);
    }

    @Test
    void genesisStaysOpenThroughEveryAuthorityDeclaredWhoeverSignsIt() throws Exception {
        // format.md §5.4 step 1: genesis is open while every earlier leaf is an AuthorityDeclared,
        // self-signed or not; a rejected event changes nothing, so it does not close genesis either.
        PrincipalRegistry fresh = new PrincipalRegistry();
        fresh.accept(declareAuthority("authority-1", AUTHORITY_SEED, AUTHORITY_SEED), 0);
        fresh.accept(declareAuthority("authority-2", SECOND_AUTHORITY_SEED, AUTHORITY_SEED), 1);
        assertThat(fresh.genesisOpen()).as("after an AuthorityDeclared signed by another authority").isTrue();
        assertThatThrownBy(() -> fresh.accept(enrol("officer-7", Role.OFFICER, OFFICER_SEED, STRANGER_SEED), 2))
                .isInstanceOf(RegistryException.UnknownSigner.class);
        assertThat(fresh.genesisOpen()).as("after a rejected event").isTrue();
        fresh.accept(declareAuthority("authority-3", THIRD_AUTHORITY_SEED, THIRD_AUTHORITY_SEED), 3);
        assertThat(fresh.genesisAuthorities()).extracting(PrincipalRecord::id)
                .containsExactly("authority-1", "authority-3");
        assertThat(fresh.principal("authority-2").orElseThrow().selfDeclared()).isFalse();
        // While open, re-declaring an existing principal is a conflict, not a genesis violation.
        assertThatThrownBy(() -> fresh.accept(declareAuthority("authority-1", STRANGER_SEED, STRANGER_SEED), 4))
                .isInstanceOf(RegistryException.Conflict.class).hasMessageContaining("already declared");
        fresh.accept(enrol("officer-7", Role.OFFICER, OFFICER_SEED, AUTHORITY_SEED), 5);
        assertThat(fresh.genesisOpen()).isFalse();
        // After genesis a self-signed declaration is a genesis violation, checked before any conflict.
        assertThatThrownBy(() -> fresh.accept(declareAuthority("authority-1", STRANGER_SEED, STRANGER_SEED), 6))
                .isInstanceOf(RegistryException.GenesisViolation.class)
                .hasMessageContaining("self-signed AuthorityDeclared after genesis closed");
    }

    @Test
    void authorityDeclaredByNonAuthorityIsDenied() {
        assertThatThrownBy(() -> accept(declareAuthority("authority-3", THIRD_AUTHORITY_SEED, OFFICER_SEED)))
                .isInstanceOf(RegistryException.PermissionDenied.class)
                .hasMessageContaining("role officer");
    }

    @Test
    void newAuthorityCannotBeCreatedByKeyEnrolled() throws Exception {
        assertThatThrownBy(() -> accept(enrol("authority-9", Role.AUTHORITY, THIRD_AUTHORITY_SEED, AUTHORITY_SEED)))
                .isInstanceOf(RegistryException.GenesisViolation.class)
                .hasMessageContaining("must be declared by AuthorityDeclared");
        // An existing authority may get a further key that way.
        accept(enrol("authority-1", Role.AUTHORITY, THIRD_AUTHORITY_SEED, SECOND_AUTHORITY_SEED));
        assertThat(registry.keysOf("authority-1")).extracting(KeyRecord::keyId)
                .containsExactly(id(AUTHORITY_SEED), id(THIRD_AUTHORITY_SEED));
    }

    @Test
    void revocationEndsValidityAtItsLeaf() throws Exception {
        long revokedAt = leaf;
        accept(signed(new KeyRevoked("officer-7", id(OFFICER_SEED), "left"), AUTHORITY_SEED));
        assertThat(registry.keyValidAt(id(OFFICER_SEED), 2)).isFalse();
        assertThat(registry.keyValidAt(id(OFFICER_SEED), 3)).isTrue();
        assertThat(registry.keyValidAt(id(OFFICER_SEED), revokedAt - 1)).isTrue();
        assertThat(registry.keyValidAt(id(OFFICER_SEED), revokedAt)).isFalse();
        assertThat(registry.keyValidAt(id(OFFICER_SEED), revokedAt + 1)).isFalse();
        assertThatThrownBy(() -> accept(signed(EventFixtures.matchActioned(), OFFICER_SEED)))
                .isInstanceOf(RegistryException.KeyNotValid.class)
                .hasMessageContaining("revoked at leaf " + revokedAt);
        assertThatThrownBy(() -> accept(signed(new KeyRevoked("officer-7", id(OFFICER_SEED), "again"), AUTHORITY_SEED)))
                .isInstanceOf(RegistryException.Conflict.class).hasMessageContaining("already revoked");
    }

    @Test
    void revokingAForeignOrUnknownKeyConflicts() {
        assertThatThrownBy(() -> accept(signed(new KeyRevoked("officer-7", id(AUTHORITY_SEED), "x"), AUTHORITY_SEED)))
                .isInstanceOf(RegistryException.Conflict.class).hasMessageContaining("not enrolled for principal officer-7");
        assertThatThrownBy(() -> accept(signed(new KeyRevoked("cam-0042", id(CAMERA_SEED), "x"), AUTHORITY_SEED)))
                .isInstanceOf(RegistryException.Conflict.class);
        assertThatThrownBy(() -> accept(signed(new KeyRevoked("officer-7", id(STRANGER_SEED), "x"), AUTHORITY_SEED)))
                .isInstanceOf(RegistryException.Conflict.class);
    }

    @Test
    void unknownSignerIsRejected() {
        assertThatThrownBy(() -> accept(signed(EventFixtures.matchReviewed(), STRANGER_SEED)))
                .isInstanceOf(RegistryException.UnknownSigner.class)
                .hasMessageContaining(id(STRANGER_SEED).hex());
    }

    @Test
    void rolesOutsideTheMatrixAreDenied() throws Exception {
        accept(enrol("reviewer-1", Role.REVIEWER, REVIEWER_SEED, AUTHORITY_SEED));
        accept(enrol("engine", Role.ENGINE, ENGINE_SEED, AUTHORITY_SEED));
        assertThatThrownBy(() -> accept(signed(EventFixtures.matchActioned(), REVIEWER_SEED)))
                .isInstanceOf(RegistryException.PermissionDenied.class)
                .hasMessageContaining("role reviewer").hasMessageContaining("MatchActioned");
        assertThatThrownBy(() -> accept(signed(EventFixtures.faceDetected(), OFFICER_SEED)))
                .isInstanceOf(RegistryException.PermissionDenied.class);
        assertThatThrownBy(() -> accept(signed(EventFixtures.matchProposed(), REVIEWER_SEED)))
                .isInstanceOf(RegistryException.PermissionDenied.class);
        assertThatThrownBy(() -> accept(enrol("officer-8", Role.OFFICER, STRANGER_SEED, OFFICER_SEED)))
                .isInstanceOf(RegistryException.PermissionDenied.class);
        accept(signed(EventFixtures.matchProposed(), ENGINE_SEED));
        accept(signed(EventFixtures.matchReviewed(), REVIEWER_SEED));
        accept(signed(EventFixtures.matchActioned(), OFFICER_SEED));
    }

    @Test
    void cameraKeySignsOnlyItsOwnDetectionsWhileRegistered() throws Exception {
        accept(signed(EventFixtures.faceDetected(), CAMERA_SEED));
        FaceDetected base = EventFixtures.faceDetected();
        FaceDetected otherCamera = new FaceDetected("cam-0043", base.captureTime(), base.frameDigest(), base.faceBox(),
                base.landmarks(), base.alignedCropDigest(), base.template(), base.quality());
        assertThatThrownBy(() -> accept(signed(otherCamera, CAMERA_SEED)))
                .isInstanceOf(RegistryException.PermissionDenied.class)
                .hasMessageContaining("may not sign detections of camera cam-0043");
        assertThatThrownBy(() -> accept(signed(EventFixtures.matchReviewed(), CAMERA_SEED)))
                .isInstanceOf(RegistryException.PermissionDenied.class);
        long decommissionedAt = leaf;
        accept(signed(new CameraDecommissioned("cam-0042", "removed"), OFFICER_SEED));
        assertThat(registry.camera("cam-0042").orElseThrow().activeAt(decommissionedAt)).isFalse();
        assertThatThrownBy(() -> accept(signed(EventFixtures.faceDetected(), CAMERA_SEED)))
                .isInstanceOf(RegistryException.KeyNotValid.class)
                .hasMessageContaining("revoked at leaf " + decommissionedAt);
        assertThatThrownBy(() -> accept(signed(new CameraDecommissioned("cam-0042", "again"), OFFICER_SEED)))
                .isInstanceOf(RegistryException.Conflict.class).hasMessageContaining("already decommissioned");
    }

    @Test
    void duplicatesAndRoleChangesConflict() {
        assertThatThrownBy(() -> accept(enrol("reviewer-1", Role.REVIEWER, OFFICER_SEED, AUTHORITY_SEED)))
                .isInstanceOf(RegistryException.Conflict.class).hasMessageContaining("already enrolled for officer-7");
        assertThatThrownBy(() -> accept(enrol("officer-7", Role.REVIEWER, REVIEWER_SEED, AUTHORITY_SEED)))
                .isInstanceOf(RegistryException.Conflict.class).hasMessageContaining("has role officer, not reviewer");
        assertThatThrownBy(() -> accept(signed(EventFixtures.cameraRegistered(), OFFICER_SEED)))
                .isInstanceOf(RegistryException.Conflict.class).hasMessageContaining("already registered");
        assertThatThrownBy(() -> accept(declareAuthority("officer-7", THIRD_AUTHORITY_SEED, AUTHORITY_SEED)))
                .isInstanceOf(RegistryException.Conflict.class).hasMessageContaining("already declared");
        assertThatThrownBy(() -> accept(signed(new CameraDecommissioned("cam-9", "x"), OFFICER_SEED)))
                .isInstanceOf(RegistryException.Conflict.class).hasMessageContaining("not registered");
    }

    @Test
    void badSignatureIsRejectedAndChangesNothing() throws Exception {
        SignedEvent good = enrol("reviewer-1", Role.REVIEWER, REVIEWER_SEED, AUTHORITY_SEED);
        JsonObject tampered = JsonObject.builder()
                .put("header", good.header().toJson())
                .put("payload", JsonObject.builder().put("principal", "reviewer-1").put("role", "officer")
                        .put("publicKey", JsonString.of(key(REVIEWER_SEED).publicKey().toText())).build())
                .put("sig", good.signature().toBase64())
                .put("v", 1)
                .build();
        SignedEvent forged = SignedEvent.parse(CanonicalJson.encode(tampered));
        assertThatThrownBy(() -> registry.accept(forged, leaf)).isInstanceOf(EventSignatureException.class);
        assertThat(registry.principal("reviewer-1")).isEmpty();
        assertThat(registry.lastLeaf()).isEqualTo(3);
        registry.accept(good, leaf);
        assertThat(registry.principal("reviewer-1").orElseThrow().role()).isEqualTo(Role.REVIEWER);
    }

    @Test
    void authoriseIsPureAndLeavesMustIncrease() throws Exception {
        SignedEvent e = enrol("reviewer-1", Role.REVIEWER, REVIEWER_SEED, AUTHORITY_SEED);
        registry.authorise(e, 10);
        registry.authorise(e, 10);
        assertThat(registry.principal("reviewer-1")).isEmpty();
        assertThatThrownBy(() -> registry.authorise(e, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaf index 3 <= last applied 3");
        registry.apply(e, 10);
        assertThat(registry.keyValidAt(id(REVIEWER_SEED), 10)).isFalse();
        assertThat(registry.keyValidAt(id(REVIEWER_SEED), 11)).isTrue();
    }

    @Test
    void keyEnrolledAtALaterLeafIsNotValidBefore() throws Exception {
        leaf = 20;
        accept(enrol("reviewer-1", Role.REVIEWER, REVIEWER_SEED, AUTHORITY_SEED));
        assertThat(registry.keyValidAt(id(REVIEWER_SEED), 19)).isFalse();
        assertThat(registry.keyValidAt(id(REVIEWER_SEED), 20)).isFalse();
        assertThat(registry.keyValidAt(id(REVIEWER_SEED), 21)).isTrue();
        assertThat(registry.keyValidAt(id(STRANGER_SEED), 21)).isFalse();
    }

    @Test
    void replayingTheSameLogGivesTheSameState() throws Exception {
        List<SignedEvent> log = List.of(
                declareAuthority("b-auth", SECOND_AUTHORITY_SEED, SECOND_AUTHORITY_SEED),
                declareAuthority("a-auth", AUTHORITY_SEED, AUTHORITY_SEED),
                enrol("z-officer", Role.OFFICER, OFFICER_SEED, AUTHORITY_SEED),
                enrol("m-reviewer", Role.REVIEWER, REVIEWER_SEED, SECOND_AUTHORITY_SEED));
        PrincipalRegistry first = new PrincipalRegistry();
        PrincipalRegistry second = new PrincipalRegistry();
        for (int i = 0; i < log.size(); i++) {
            first.accept(log.get(i), i);
            second.accept(log.get(i), i);
        }
        assertThat(first.principals()).isEqualTo(second.principals());
        assertThat(first.principals()).extracting(PrincipalRecord::id)
                .containsExactly("a-auth", "b-auth", "m-reviewer", "z-officer");
        assertThat(first.genesisAuthorities()).extracting(PrincipalRecord::id).containsExactly("b-auth", "a-auth");
    }
}
