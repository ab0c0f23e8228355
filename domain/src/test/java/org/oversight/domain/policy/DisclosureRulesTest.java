package org.oversight.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.domain.policy.PolicyLog.AUTHORITY;
import static org.oversight.domain.policy.PolicyLog.REVIEWER_1;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.RecordDisclosed;

/**
 * {@link DisclosureRules} on its own, as the ledger would call it at ingest with a view over its
 * stores instead of a replayed {@link RuleBook} (which {@link RuleBookSealedRecordsTest} covers).
 */
class DisclosureRulesTest {
    private static final EventHash KEPT = EventHash.ofLeafBytes(EventFixtures.counting(1));
    private static final EventHash ERASED = EventHash.ofLeafBytes(EventFixtures.counting(2));

    /** Leaf 10 a kept record of epoch e1, leaf 11 one its close at leaf 20 erased. */
    private static final DisclosureRules.LogView VIEW = new DisclosureRules.LogView() {
        @Override
        public Optional<DisclosureRules.DetectedAt> detection(long leaf) {
            return leaf == 10 ? Optional.of(new DisclosureRules.DetectedAt(KEPT, Optional.of("e1")))
                    : leaf == 11 ? Optional.of(new DisclosureRules.DetectedAt(ERASED, Optional.of("e1")))
                    : Optional.empty();
        }

        @Override
        public DisclosureRules.RecordFate fate(String epoch, long detectionLeaf) {
            return detectionLeaf == 10 ? new DisclosureRules.RecordFate.Kept()
                    : new DisclosureRules.RecordFate.Erased(20);
        }
    };

    private static RecordDisclosed disclosure(DisclosurePurpose purpose, DetectionRef... records) {
        return new RecordDisclosed("d-1", List.of(records), purpose, "case-1", "Auditor: Privacy Commissioner");
    }

    @Test
    void aKeptRecordDisclosedByTheRightRoleIsAccepted() {
        assertThat(DisclosureRules.check(disclosure(DisclosurePurpose.AUDIT, new DetectionRef(KEPT, 10)), 30, "ev-30",
                AUTHORITY, VIEW, true)).isEmpty();
    }

    @Test
    void anErasedRecordAndAWrongRoleAreEachAViolationInOrder() {
        List<RuleViolation> v = DisclosureRules.check(disclosure(DisclosurePurpose.AUDIT, new DetectionRef(KEPT, 10),
                new DetectionRef(ERASED, 11)), 30, "ev-30", REVIEWER_1, VIEW, true);
        assertThat(v).extracting(RuleViolation::rule).containsExactly(PolicyRule.R_DISCLOSURE, PolicyRule.R5);
        assertThat(v).allSatisfy(x -> assertThat(x.leafIndex()).isEqualTo(30));
        assertThat(v.get(1).found()).isEqualTo("the detection at leaf 11 was erased by epoch e1's close at leaf 20"
                + " (not kept)");
    }

    @Test
    void anUnresolvedReferenceIsJudgedOnlyOnAWholeLog() {
        RecordDisclosed d = disclosure(DisclosurePurpose.AUDIT, new DetectionRef(KEPT, 12));
        assertThat(DisclosureRules.check(d, 30, "ev-30", AUTHORITY, VIEW, true)).singleElement()
                .satisfies(x -> assertThat(x.found()).isEqualTo("no accepted FaceDetected at leaf 12"));
        assertThat(DisclosureRules.check(d, 30, "ev-30", AUTHORITY, VIEW, false)).isEmpty();
    }
}
