package org.oversight.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.domain.policy.PolicyLog.AUTHORITY;
import static org.oversight.domain.policy.PolicyLog.REVIEWER_1;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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

        @Override
        public OptionalLong entryAuthorized(String entry) {
            return entry.equals("wl-1") ? OptionalLong.of(5) : entry.equals("wl-late") ? OptionalLong.of(40)
                    : OptionalLong.empty();
        }

        @Override
        public Optional<String> entrySealedTo(String entry) {
            return Optional.empty(); // schema-1 entries (sealed ones: RuleBookSealedEntriesTest)
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

    @Test
    void anEntryOfAnAcceptedAuthorisationBeforeTheDisclosureMayBeDisclosedByTheRoleOfThePurpose() {
        RecordDisclosed d = RecordDisclosed.withEntries("d-2", List.of(new DetectionRef(KEPT, 10)), List.of("wl-1"),
                DisclosurePurpose.REVIEW, "review of m-1", "reviewer-1");
        assertThat(DisclosureRules.check(d, 30, "ev-30", REVIEWER_1, VIEW, true)).isEmpty();
        assertThat(DisclosureRules.check(d, 30, "ev-30", AUTHORITY, VIEW, true)).singleElement()
                .satisfies(x -> assertThat(x.found()).isEqualTo("signed by authority " + AUTHORITY.owner()));
    }

    @Test
    void anEntryNotAuthorisedBeforeTheDisclosureIsAViolationAndAnUnknownOneOnlyOnAWholeLog() {
        RecordDisclosed d = RecordDisclosed.withEntries("d-3", List.of(), List.of("wl-late", "wl-unknown"),
                DisclosurePurpose.EVIDENCE_BUNDLE, "INC-1", "Court: HCMA 1/2026");
        List<RuleViolation> v = DisclosureRules.check(d, 30, "ev-30", AUTHORITY, VIEW, true);
        assertThat(v).extracting(RuleViolation::found).containsExactly("entry wl-late is authorised at leaf 40",
                "no accepted WatchlistEntryAuthorized of entry wl-unknown");
        assertThat(v).extracting(RuleViolation::rule).containsOnly(PolicyRule.R_DISCLOSURE);
        assertThat(DisclosureRules.check(d, 30, "ev-30", AUTHORITY, VIEW, false)).extracting(RuleViolation::found)
                .containsExactly("entry wl-late is authorised at leaf 40");
    }
}
