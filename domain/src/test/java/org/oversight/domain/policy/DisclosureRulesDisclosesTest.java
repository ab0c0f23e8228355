package org.oversight.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.RecordDisclosed;

/** "Records handed out are on the record": a disclosure releases exactly the records it names (leaf and hash). */
class DisclosureRulesDisclosesTest {
    private static final DetectionRef NAMED = new DetectionRef(EventHash.ofLeafBytes(EventFixtures.counting(3)), 41);
    private static final RecordDisclosed DISCLOSURE = new RecordDisclosed("d-1", List.of(NAMED),
            DisclosurePurpose.AUDIT, "AUDIT-1", "Auditor: Privacy Commissioner");

    @Test
    void aDisclosureReleasesTheRecordsItNamesAndNoOther() {
        assertThat(DisclosureRules.discloses(DISCLOSURE, NAMED)).isTrue();
        assertThat(DisclosureRules.discloses(DISCLOSURE, new DetectionRef(NAMED.eventHash(), 42))).isFalse();
        assertThat(DisclosureRules.discloses(DISCLOSURE,
                new DetectionRef(EventHash.ofLeafBytes(EventFixtures.counting(4)), 41))).isFalse();
    }
}
