package org.oversight.ledger.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Role;

/**
 * An erasure epoch's opening and close change which sealed detections are acceptable (rule
 * R5(a)), so the ingest path must not check them in a grouped run with the detections they
 * decide (regression: they were treated as leaving the registry unchanged).
 */
class LedgerRegistryEpochTest {
    @Test
    void epochOpeningAndCloseEndAGroupedRun() throws Exception {
        LedgerRegistry registry = new LedgerRegistry();
        registry.replay(EventFixtures.signed(new AuthorityDeclared("authority-1", "Board",
                EventFixtures.key(EventFixtures.AUTHORITY_SEED).publicKey()), EventFixtures.AUTHORITY_SEED), 0);
        registry.replay(EventFixtures.signed(new KeyEnrolled("officer-7", Role.OFFICER,
                EventFixtures.key(EventFixtures.OFFICER_SEED).publicKey()), EventFixtures.AUTHORITY_SEED), 1);
        assertThat(registry.genesisOpen()).isFalse();
        assertThat(registry.leavesUnchanged(EventFixtures.signed(EventFixtures.erasureEpochOpened(),
                EventFixtures.AUTHORITY_SEED))).isFalse();
        assertThat(registry.leavesUnchanged(EventFixtures.signed(EventFixtures.erasureEpochClosed(),
                EventFixtures.ENGINE_SEED))).isFalse();
        assertThat(registry.leavesUnchanged(EventFixtures.signed(EventFixtures.sealedFaceDetected(),
                EventFixtures.CAMERA_SEED))).isTrue();
        assertThat(registry.leavesUnchanged(EventFixtures.signed(EventFixtures.matchReviewed(),
                EventFixtures.REVIEWER_SEED))).isTrue();
    }
}
