package org.oversight.ledger.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;

/**
 * R-disclosure's record rule and R5(c) at ingest ({@link LedgerRegistry#checkDisclosuresAgainst}):
 * judged by the rule book's code over the committed leaves and the request's earlier events, so
 * that a disclosure in the same request as its detection is not refused and one after the close
 * that erased its record is, committed or not.
 */
class LedgerRegistryDisclosureTest {
    private final CommittedLog log = new CommittedLog();
    private final List<SignedEvent> applied = log.applied();


    /** Genesis, the engine, a camera, the epoch (leaves 0–4), its sealed detection at leaf 5. */
    private LedgerRegistry withDetection() throws Exception {
        LedgerRegistry registry = new LedgerRegistry();
        registry.checkDisclosuresAgainst(log);
        log.apply(registry, EventFixtures.signed(new AuthorityDeclared("authority-1", "Board",
                EventFixtures.key(EventFixtures.AUTHORITY_SEED).publicKey()), EventFixtures.AUTHORITY_SEED));
        log.apply(registry, EventFixtures.signed(new KeyEnrolled("officer-7", Role.OFFICER,
                EventFixtures.key(EventFixtures.OFFICER_SEED).publicKey()), EventFixtures.AUTHORITY_SEED));
        log.apply(registry, EventFixtures.signed(new KeyEnrolled("engine", Role.ENGINE,
                EventFixtures.key(EventFixtures.ENGINE_SEED).publicKey()), EventFixtures.AUTHORITY_SEED));
        log.apply(registry, EventFixtures.signed(EventFixtures.cameraRegistered(), EventFixtures.OFFICER_SEED));
        log.apply(registry, EventFixtures.signed(EventFixtures.erasureEpochOpened(), EventFixtures.AUTHORITY_SEED));
        log.apply(registry, EventFixtures.signed(EventFixtures.sealedFaceDetected(), EventFixtures.CAMERA_SEED));
        return registry;
    }

    private DetectionRef detection() {
        return new DetectionRef(applied.get(5).eventHash(), 5);
    }

    private static SignedEvent disclosure(DetectionRef ref) {
        return EventFixtures.signed(new RecordDisclosed("d-1", List.of(ref), DisclosurePurpose.AUDIT, "AUDIT-1",
                "Auditor: Privacy Commissioner"), EventFixtures.AUTHORITY_SEED);
    }

    private static Rejection refusal(LedgerRegistry registry, SignedEvent e, long leaf) {
        try {
            registry.check(e, leaf);
            return null;
        } catch (EventRejectedException x) {
            return x.type();
        }
    }

    @Test
    void aDisclosureOfARecordDetectedEarlierInTheSameRequestIsAccepted() throws Exception {
        LedgerRegistry registry = withDetection();
        assertThatCode(() -> registry.check(disclosure(detection()), 6)).doesNotThrowAnyException();
        log.commit(registry);
        assertThatCode(() -> registry.check(disclosure(detection()), 6)).doesNotThrowAnyException();
    }

    @Test
    void aDisclosureNamingNoSealedDetectionIsRefused() throws Exception {
        LedgerRegistry registry = withDetection();
        assertThat(refusal(registry, disclosure(new DetectionRef(applied.get(4).eventHash(), 4)), 6))
                .isEqualTo(Rejection.NOT_A_SEALED_RECORD);
        assertThat(refusal(registry, disclosure(new DetectionRef(applied.get(5).eventHash(), 6)), 6))
                .isEqualTo(Rejection.NOT_A_SEALED_RECORD);
    }

    @Test
    void aDisclosureAfterTheCloseThatErasedTheRecordIsRefusedCommittedOrNot() throws Exception {
        LedgerRegistry registry = withDetection();
        log.apply(registry, EventFixtures.signed(new ErasureEpochClosed(EventFixtures.EPOCH, List.of(), 1),
                EventFixtures.ENGINE_SEED));
        assertThatThrownBy(() -> registry.check(disclosure(detection()), 7))
                .isInstanceOfSatisfying(EventRejectedException.class,
                        e -> assertThat(e.type()).isEqualTo(Rejection.RECORD_ERASED))
                .hasMessageContaining("erased by epoch " + EventFixtures.EPOCH + "'s close at leaf 6");
        log.commit(registry);
        assertThat(refusal(registry, disclosure(detection()), 7)).isEqualTo(Rejection.RECORD_ERASED);
    }

    @Test
    void aRegistryThatOnlyReplaysCommittedLeavesDoesNotJudgeDisclosures() throws Exception {
        LedgerRegistry judging = withDetection();
        log.apply(judging, EventFixtures.signed(new ErasureEpochClosed(EventFixtures.EPOCH, List.of(), 1),
                EventFixtures.ENGINE_SEED));
        LedgerRegistry rebuilt = new LedgerRegistry();
        for (int i = 0; i < applied.size(); i++) {
            rebuilt.replay(applied.get(i), i);
        }
        assertThat(refusal(rebuilt, disclosure(detection()), 7)).isNull();
    }
}
