package org.oversight.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.event.EventType;
import org.oversight.verifier.bundle.BundleVerifier;
import org.oversight.verifier.report.VerificationReport;

class RealisticBundleTest {
    @Test
    void theBenchmarkBundleVerifiesLikeVerifierBundleAndCarriesTheWholeLifecycle() throws Exception {
        RealisticBundle b = new RealisticBundle(3, 10, 200);
        VerificationReport report = new BundleVerifier(b.logKey.verifier(), RealisticBundle.ORIGIN)
                .verify(EvidenceBundle.parse(b.bytes));
        assertThat(report.findings()).isEmpty();
        assertThat(report.violationCount()).isZero();
        assertThat(report.checks()).isNotEmpty();
        assertThat(b.logSize).isEqualTo(1 + 4 + 1 + 3 + 10 + 200 + 1 + 4);
        assertThat(b.bundle.events()).extracting(l -> org.oversight.domain.event.SignedEvent.parse(l.leafBytes()).type())
                .contains(EventType.FACE_DETECTED, EventType.MATCH_PROPOSED, EventType.MATCH_REVIEWED,
                        EventType.MATCH_ACTIONED, EventType.WATCHLIST_ENTRY_AUTHORIZED);
        assertThat(b.signatures()).isEqualTo(b.bundle.events().size() + 1);
    }
}
