package org.oversight.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.domain.policy.PolicyLog.AUTHORITY;
import static org.oversight.domain.policy.PolicyLog.CAMERA;
import static org.oversight.domain.policy.PolicyLog.ENGINE;
import static org.oversight.domain.policy.PolicyLog.ENTRY;
import static org.oversight.domain.policy.PolicyLog.MATCH;
import static org.oversight.domain.policy.PolicyLog.OFFICER;
import static org.oversight.domain.policy.PolicyLog.OTHER_OFFICER;
import static org.oversight.domain.policy.PolicyLog.REVIEWER_1;
import static org.oversight.domain.policy.PolicyLog.REVIEWER_1_OTHER_KEY;
import static org.oversight.domain.policy.PolicyLog.REVIEWER_2;
import static org.oversight.domain.policy.PolicyLog.REVIEWER_3;
import static org.oversight.domain.policy.PolicyLog.action;
import static org.oversight.domain.policy.PolicyLog.detectionAt;
import static org.oversight.domain.policy.PolicyLog.entry;
import static org.oversight.domain.policy.PolicyLog.policy;
import static org.oversight.domain.policy.PolicyLog.review;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.WatchlistEntryWithdrawn;

class RuleBookTest {
    private static final String NOV_27 = "2026-11-27T09:30:00.040Z";

    private static void assertOnly(List<RuleViolation> violations, PolicyRule rule, long leaf) {
        assertThat(violations).as("violations").isNotEmpty().allSatisfy(v -> {
            assertThat(v.rule()).isEqualTo(rule);
            assertThat(v.leafIndex()).isEqualTo(leaf);
            assertThat(v.eventId()).isEqualTo("ev-" + leaf);
        });
    }

    @Test
    void fullLifecycleWithTwoConfirmationsHasNoViolation() {
        PolicyLog log = PolicyLog.proposed(2);
        log.add(review(Verdict.CONFIRM), REVIEWER_1);
        log.add(review(Verdict.CONFIRM), REVIEWER_2);
        log.add(action(), OFFICER);
        assertThat(log.violations).isEmpty();
        assertThat(log.book.proposalsObserved()).isEqualTo(1);
        assertThat(log.book.reviewsObserved()).isEqualTo(2);
        assertThat(log.book.actionsObserved()).isEqualTo(1);
        assertThat(log.book.authorisationsObserved()).isEqualTo(1);
    }

    @Test
    void leavesMustIncrease() {
        PolicyLog log = PolicyLog.proposed(2);
        assertThatThrownBy(() -> log.book.observe(log.event(3), 3, ENGINE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("leaf 3 <= last observed leaf 3");
    }

    @Nested
    class R1 {
        @Test
        void actionWithOneConfirmationIsAViolationAtTheAction() {
            PolicyLog log = PolicyLog.proposed(2);
            log.add(review(Verdict.CONFIRM), REVIEWER_1);
            List<RuleViolation> v = log.add(action(), OFFICER);
            assertOnly(v, PolicyRule.R1, 5);
            assertThat(v.get(0).expected()).startsWith("2 confirmations of match m-000001");
            assertThat(v.get(0).found()).isEqualTo("1 (reviewer-1)");
            assertThat(log.violations).hasSize(1);
        }

        @Test
        void actionWithoutAnyReviewIsAViolation() {
            PolicyLog log = PolicyLog.proposed(2);
            assertOnly(log.add(action(), OFFICER), PolicyRule.R1, 4);
        }

        @Test
        void reviewsAfterTheActionDoNotCountForIt() {
            PolicyLog log = PolicyLog.proposed(2);
            assertOnly(log.add(action(), OFFICER), PolicyRule.R1, 4);
            log.add(review(Verdict.CONFIRM), REVIEWER_1);
            log.add(review(Verdict.CONFIRM), REVIEWER_2);
            assertThat(log.violations).hasSize(1);
            assertThat(log.add(action(), OFFICER)).as("a second action, now after two confirmations").isEmpty();
        }

        @Test
        void aReviewerConfirmingTwiceIsAViolationAtTheSecondReviewAndCountsOnce() {
            PolicyLog log = PolicyLog.proposed(2);
            log.add(review(Verdict.CONFIRM), REVIEWER_1);
            List<RuleViolation> again = log.add(review(Verdict.CONFIRM), REVIEWER_1);
            assertOnly(again, PolicyRule.R1, 5);
            assertThat(again.get(0).found()).startsWith("reviewer reviewer-1 reviewed it again");
            assertOnly(log.add(action(), OFFICER), PolicyRule.R1, 6);
        }

        @Test
        void distinctKeysOfOneReviewerAreOneReviewer() {
            PolicyLog log = PolicyLog.proposed(2);
            log.add(review(Verdict.CONFIRM), REVIEWER_1);
            assertOnly(log.add(review(Verdict.CONFIRM), REVIEWER_1_OTHER_KEY), PolicyRule.R1, 5);
            assertOnly(log.add(action(), OFFICER), PolicyRule.R1, 6);
        }

        @Test
        void aSecondReviewDoesNotReplaceTheFirstVerdict() {
            PolicyLog log = PolicyLog.proposed(2);
            log.add(review(Verdict.REJECT), REVIEWER_1);
            assertOnly(log.add(review(Verdict.CONFIRM), REVIEWER_1), PolicyRule.R1, 5);
            log.add(review(Verdict.CONFIRM), REVIEWER_2);
            List<RuleViolation> v = log.add(action(), OFFICER);
            assertOnly(v, PolicyRule.R1, 7);
            assertThat(v.get(0).found()).isEqualTo("1 (reviewer-2); not counted: reviewer-1 reject");
        }

        @Test
        void rejectAndInconclusiveDoNotCount() {
            PolicyLog log = PolicyLog.proposed(2);
            log.add(review(Verdict.CONFIRM), REVIEWER_1);
            log.add(review(Verdict.REJECT), REVIEWER_2);
            log.add(review(Verdict.INCONCLUSIVE), REVIEWER_3);
            List<RuleViolation> v = log.add(action(), OFFICER);
            assertOnly(v, PolicyRule.R1, 7);
            assertThat(v.get(0).found())
                    .isEqualTo("1 (reviewer-1); not counted: reviewer-2 reject, reviewer-3 inconclusive");
        }

        @Test
        void aRejectDoesNotVetoWhenEnoughOthersConfirm() {
            PolicyLog log = PolicyLog.proposed(2);
            log.add(review(Verdict.REJECT), REVIEWER_1);
            log.add(review(Verdict.CONFIRM), REVIEWER_2);
            log.add(review(Verdict.CONFIRM), REVIEWER_3);
            assertThat(log.add(action(), OFFICER)).isEmpty();
        }

        @Test
        void thePolicyMayRequireMoreThanTwo() {
            PolicyLog log = PolicyLog.proposed(3);
            log.add(review(Verdict.CONFIRM), REVIEWER_1);
            log.add(review(Verdict.CONFIRM), REVIEWER_2);
            assertOnly(log.add(action(), OFFICER), PolicyRule.R1, 6);
            log.add(review(Verdict.CONFIRM), REVIEWER_3);
            assertThat(log.add(action(), OFFICER)).isEmpty();
        }

        @Test
        void neverFewerThanTwoWhateverThePolicy() {
            PolicyLog log = PolicyLog.proposed(1);
            log.add(review(Verdict.CONFIRM), REVIEWER_1);
            List<RuleViolation> v = log.add(action(), OFFICER);
            assertOnly(v, PolicyRule.R1, 5);
            assertThat(v.get(0).expected()).contains("requires 1, never fewer than 2");
        }

        @Test
        void aReviewNotSignedByAReviewerDoesNotCount() {
            PolicyLog log = PolicyLog.proposed(2);
            log.add(review(Verdict.CONFIRM), REVIEWER_1);
            assertOnly(log.add(review(Verdict.CONFIRM), OFFICER), PolicyRule.R1, 5);
            assertOnly(log.add(action(), OFFICER), PolicyRule.R1, 6);
        }

        @Test
        void confirmationsNeededIsTheMaximumOfTwoAndThePolicy() {
            qt().withExamples(60).withFixedSeed(0x7231_0001L)
                    .forAll(integers().between(1, 3), integers().between(0, 3), integers().between(0, 2))
                    .checkAssert((required, confirms, others) -> {
                        PolicyLog log = PolicyLog.proposed(required);
                        List<org.oversight.domain.principal.KeyRecord> reviewers = List.of(REVIEWER_1, REVIEWER_2,
                                REVIEWER_3, PolicyLog.signer(11, "reviewer-4", org.oversight.domain.event.Role.REVIEWER),
                                PolicyLog.signer(12, "reviewer-5", org.oversight.domain.event.Role.REVIEWER));
                        for (int i = 0; i < confirms; i++) {
                            log.add(review(Verdict.CONFIRM), reviewers.get(i));
                        }
                        for (int i = 0; i < others; i++) {
                            log.add(review(i % 2 == 0 ? Verdict.REJECT : Verdict.INCONCLUSIVE),
                                    reviewers.get(confirms + i));
                        }
                        boolean violated = !log.add(action(), OFFICER).isEmpty();
                        assertThat(violated).isEqualTo(confirms < Math.max(2, required));
                    });
        }
    }

    @Nested
    class R2 {
        @Test
        void aMatchNamingANonExistentDetectionIsAViolation() {
            PolicyLog log = PolicyLog.proposed(2);
            MatchProposed good = log.match("m-2", 2, ENTRY, 5200, 5200);
            MatchProposed bad = new MatchProposed("m-2", new DetectionRef(good.detection().eventHash(), 1), ENTRY, 5200,
                    5200, good.watchlistSnapshot(), good.modelId(), good.engineVersion());
            List<RuleViolation> v = log.add(bad, ENGINE);
            assertOnly(v, PolicyRule.R2, 4);
            assertThat(v.get(0).found()).isEqualTo("no accepted FaceDetected at leaf 1");
        }

        @Test
        void aDetectionReferenceWithAnotherHashIsAViolation() {
            PolicyLog log = PolicyLog.proposed(2);
            MatchProposed good = log.match("m-2", 2, ENTRY, 5200, 5200);
            EventHash other = EventHash.ofLeafBytes(EventFixtures.counting(7));
            List<RuleViolation> v = log.add(new MatchProposed("m-2", new DetectionRef(other, 2), ENTRY, 5200, 5200,
                    good.watchlistSnapshot(), good.modelId(), good.engineVersion()), ENGINE);
            assertOnly(v, PolicyRule.R2, 4);
            assertThat(v.get(0).found()).startsWith("the FaceDetected at leaf 2 has event hash ");
        }

        @Test
        void aDetectionReferenceToALaterLeafIsAViolation() {
            PolicyLog log = PolicyLog.proposed(2);
            MatchProposed good = log.match("m-2", 2, ENTRY, 5200, 5200);
            List<RuleViolation> v = log.add(new MatchProposed("m-2", new DetectionRef(good.detection().eventHash(), 4),
                    ENTRY, 5200, 5200, good.watchlistSnapshot(), good.modelId(), good.engineVersion()), ENGINE);
            assertOnly(v, PolicyRule.R2, 4);
            assertThat(v.get(0).found()).isEqualTo("leaf 4 is not before this match at leaf 4");
        }

        @Test
        void aModelOtherThanTheDetectionsAndThePolicysIsAViolation() {
            PolicyLog log = PolicyLog.proposed(2);
            MatchProposed good = log.match("m-2", 2, ENTRY, 5200, 5200);
            List<RuleViolation> v = log.add(new MatchProposed("m-2", good.detection(), ENTRY, 5200, 5200,
                    good.watchlistSnapshot(), "other/model@2", good.engineVersion()), ENGINE);
            assertOnly(v, PolicyRule.R2, 4);
            assertThat(v).extracting(RuleViolation::expected).containsExactly(
                    "model face-api/face_recognition_model@1.7.15 (the detection's template)",
                    "model face-api/face_recognition_model@1.7.15 (policy at leaf 0)");
        }

        @Test
        void aPolicyChangingTheModelMakesOldModelMatchesOnLaterDetectionsViolations() {
            PolicyLog log = PolicyLog.proposed(2);
            org.oversight.domain.event.RecognitionPolicySet p = policy(5200, 9216, 2);
            log.add(new org.oversight.domain.event.RecognitionPolicySet("other/model@2", p.templateFormat(),
                    p.threshold(), p.maxThreshold(), p.reviewersRequired(), p.retentionDays(), p.accuracy()),
                    AUTHORITY);
            log.add(detectionAt(NOV_27), CAMERA);
            List<RuleViolation> v = log.add(log.match("m-2", 5, ENTRY, 5200, 5200), ENGINE);
            assertOnly(v, PolicyRule.R2, 6);
            assertThat(v.get(0).expected()).isEqualTo("model other/model@2 (policy at leaf 4)");
        }
    }

    @Nested
    class R3 {
        private PolicyLog withDetectionAt(String captureTime) {
            PolicyLog log = new PolicyLog();
            log.add(policy(5200, 9216, 2), AUTHORITY);
            log.add(entry(ENTRY, "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"), OFFICER);
            log.add(detectionAt(captureTime), CAMERA);
            return log;
        }

        @Test
        void captureAtValidFromPasses() {
            PolicyLog log = withDetectionAt("2026-11-01T00:00:00.000Z");
            assertThat(log.add(log.match(MATCH, 2, ENTRY, 5200, 5200), ENGINE)).isEmpty();
        }

        @Test
        void captureAtValidUntilIsAViolation() {
            PolicyLog log = withDetectionAt("2026-12-01T00:00:00.000Z");
            List<RuleViolation> v = log.add(log.match(MATCH, 2, ENTRY, 5200, 5200), ENGINE);
            assertOnly(v, PolicyRule.R3, 3);
            assertThat(v.get(0).expected()).startsWith("capture time in [2026-11-01T00:00:00.000Z, "
                    + "2026-12-01T00:00:00.000Z)");
            assertThat(v.get(0).found()).isEqualTo("capture time 2026-12-01T00:00:00.000Z");
        }

        @Test
        void captureOneMillisecondBeforeValidUntilPasses() {
            PolicyLog log = withDetectionAt("2026-11-30T23:59:59.999Z");
            assertThat(log.add(log.match(MATCH, 2, ENTRY, 5200, 5200), ENGINE)).isEmpty();
        }

        @Test
        void captureBeforeValidFromIsAViolation() {
            PolicyLog log = withDetectionAt("2026-10-31T23:59:59.999Z");
            assertOnly(log.add(log.match(MATCH, 2, ENTRY, 5200, 5200), ENGINE), PolicyRule.R3, 3);
        }

        @Test
        void aNeverAuthorisedEntryIsAViolation() {
            PolicyLog log = withDetectionAt(NOV_27);
            List<RuleViolation> v = log.add(log.match(MATCH, 2, "wl-unknown", 5200, 5200), ENGINE);
            assertOnly(v, PolicyRule.R3, 3);
            assertThat(v.get(0).found()).isEqualTo("no authorisation of entry wl-unknown");
        }

        @Test
        void anEntryWithdrawnBeforeTheDetectionIsAViolation() {
            PolicyLog log = withDetectionAt(NOV_27);
            assertThat(log.add(log.match("m-1", 2, ENTRY, 5200, 5200), ENGINE)).isEmpty();
            log.add(new WatchlistEntryWithdrawn(ENTRY, "subject located"), OFFICER);
            log.add(detectionAt(NOV_27), CAMERA);
            List<RuleViolation> v = log.add(log.match("m-2", 5, ENTRY, 5200, 5200), ENGINE);
            assertOnly(v, PolicyRule.R3, 6);
            assertThat(v.get(0).expected()).isEqualTo("entry wl-2026-0001 not withdrawn before the detection at leaf 5");
            assertThat(v.get(0).found()).isEqualTo("withdrawn at leaf 4");
        }

        @Test
        void anEntryAuthorisedAfterTheDetectionIsAViolation() {
            PolicyLog log = new PolicyLog();
            log.add(policy(5200, 9216, 2), AUTHORITY);
            log.add(detectionAt(NOV_27), CAMERA);
            log.add(entry(ENTRY, "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"), OFFICER);
            List<RuleViolation> v = log.add(log.match(MATCH, 1, ENTRY, 5200, 5200), ENGINE);
            assertOnly(v, PolicyRule.R3, 3);
            assertThat(v.get(0).expected()).isEqualTo("entry wl-2026-0001 authorised by a WatchlistEntryAuthorized"
                    + " before the detection at leaf 1");
            assertThat(v.get(0).found()).isEqualTo("entry wl-2026-0001 authorised at leaf 2");
        }

        @Test
        void anAuthorisationNotSignedByItsNamedOfficerIsAViolationThereAndAtEachMatch() {
            PolicyLog log = new PolicyLog();
            log.add(policy(5200, 9216, 2), AUTHORITY);
            assertOnly(log.add(entry(ENTRY, "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"), OTHER_OFFICER),
                    PolicyRule.R3, 1);
            log.add(detectionAt(NOV_27), CAMERA);
            List<RuleViolation> v = log.add(log.match(MATCH, 2, ENTRY, 5200, 5200), ENGINE);
            assertOnly(v, PolicyRule.R3, 3);
            assertThat(v.get(0).found()).contains("not signed by its authorising officer officer-7");
        }
    }

    @Nested
    class R6 {
        @Test
        void aMatchBeforeAnyPolicyIsAViolation() {
            PolicyLog log = new PolicyLog();
            log.add(entry(ENTRY, "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"), OFFICER);
            log.add(detectionAt(NOV_27), CAMERA);
            List<RuleViolation> v = log.add(log.match(MATCH, 1, ENTRY, 5200, 5200), ENGINE);
            assertOnly(v, PolicyRule.R6, 2);
            assertThat(v.get(0).found()).isEqualTo("no policy set before leaf 1");
        }

        @Test
        void aThresholdOtherThanThePolicysIsAViolation() {
            PolicyLog log = PolicyLog.proposed(2);
            List<RuleViolation> v = log.add(log.match("m-2", 2, ENTRY, 5300, 5300), ENGINE);
            assertOnly(v, PolicyRule.R6, 4);
            assertThat(v.get(0).expected()).isEqualTo("threshold 5200 (policy at leaf 0)");
        }

        @Test
        void aThresholdAboveThePolicyCapIsAViolationToo() {
            PolicyLog log = PolicyLog.proposed(2);
            List<RuleViolation> v = log.add(log.match("m-2", 2, ENTRY, 9300, 9300), ENGINE);
            assertOnly(v, PolicyRule.R6, 4);
            assertThat(v).extracting(RuleViolation::expected).containsExactly("threshold 5200 (policy at leaf 0)",
                    "threshold <= maxThreshold 9216 (policy at leaf 0)");
        }

        @Test
        void aScoreAboveTheThresholdIsAViolation() {
            PolicyLog log = PolicyLog.proposed(2);
            List<RuleViolation> v = log.add(log.match("m-2", 2, ENTRY, 5201, 5200), ENGINE);
            assertOnly(v, PolicyRule.R6, 4);
            assertThat(v.get(0).found()).isEqualTo("score 5201");
        }

        @Test
        void theScoreScaleIsASquaredDistance() {
            assertThat(ScoreScale.passes(0, 9216)).isTrue();
            assertThat(ScoreScale.passes(9216, 9216)).isTrue();
            assertThat(ScoreScale.passes(9217, 9216)).isFalse();
        }

        @Test
        void theLatestPolicyBeforeTheDetectionIsInForce() {
            PolicyLog log = PolicyLog.proposed(2);
            log.add(policy(6000, 9216, 2), AUTHORITY);
            log.add(detectionAt(NOV_27), CAMERA);
            assertOnly(log.add(log.match("m-2", 5, ENTRY, 5200, 5200), ENGINE), PolicyRule.R6, 6);
            assertThat(log.add(log.match("m-3", 5, ENTRY, 6000, 6000), ENGINE)).isEmpty();
            // The detection at leaf 2 stays judged by the policy at leaf 0.
            assertThat(log.add(log.match("m-4", 2, ENTRY, 5200, 5200), ENGINE)).isEmpty();
        }

        @Test
        void aPolicyNotSignedByAnAuthorityIsNotAdopted() {
            PolicyLog log = PolicyLog.proposed(2);
            assertOnly(log.add(policy(6000, 9216, 2), OFFICER), PolicyRule.R6, 4);
            assertThat(log.add(log.match("m-2", 2, ENTRY, 5200, 5200), ENGINE)).isEmpty();
        }
    }

    /** R7 (docs/rules.md): the attestation's watchlistSize must cover the entries the match was searched against. */
    @Nested
    class R7 {
        private static final String NOV_1 = "2026-11-01T00:00:00.000Z";
        private static final String DEC_1 = "2026-12-01T00:00:00.000Z";

        /** A policy attesting {@code attested} at leaf 0, entries wl-1..wl-{@code n} valid in November, a detection. */
        private PolicyLog withEntries(long attested, int n) {
            PolicyLog log = new PolicyLog();
            log.add(PolicyLog.policyAttesting(attested), AUTHORITY);
            for (int i = 1; i <= n; i++) {
                log.add(entry("wl-" + i, NOV_1, DEC_1), OFFICER);
            }
            log.add(detectionAt(NOV_27), CAMERA);
            return log;
        }

        @Test
        void anAttestationAtExactlyTheDeployedSizePasses() {
            PolicyLog log = withEntries(3, 3);
            assertThat(log.add(PolicyLog.withSnapshotSize(log.match(MATCH, 4, "wl-1", 5200, 5200), 3), ENGINE))
                    .isEmpty();
            assertThat(log.violations).isEmpty();
        }

        @Test
        void oneEntryMoreThanAttestedIsAViolationAtTheMatch() {
            PolicyLog log = withEntries(3, 4);
            List<RuleViolation> v = log.add(PolicyLog.withSnapshotSize(log.match(MATCH, 5, "wl-1", 5200, 5200), 4),
                    ENGINE);
            assertOnly(v, PolicyRule.R7, 6);
            assertThat(v.get(0).expected()).isEqualTo("an accuracy attestation measured at watchlist size >= 4"
                    + " (4 entries active for the detection at leaf 5, snapshot size 4)");
            assertThat(v.get(0).found()).isEqualTo("policy at leaf 0 attests fpirPpm 1000 at watchlist size 3");
        }

        @Test
        void anUnderstatedSnapshotSizeDoesNotHideTheActiveEntries() {
            PolicyLog log = withEntries(3, 4);
            List<RuleViolation> v = log.add(PolicyLog.withSnapshotSize(log.match(MATCH, 5, "wl-1", 5200, 5200), 1),
                    ENGINE);
            assertOnly(v, PolicyRule.R7, 6);
            assertThat(v.get(0).expected()).contains(">= 4 (4 entries active", "snapshot size 1");
        }

        @Test
        void aSnapshotLargerThanAttestedIsAViolationEvenIfFewerEntriesAreActive() {
            PolicyLog log = withEntries(1, 1);
            List<RuleViolation> v = log.add(PolicyLog.withSnapshotSize(log.match(MATCH, 2, "wl-1", 5200, 5200), 2),
                    ENGINE);
            assertOnly(v, PolicyRule.R7, 3);
            assertThat(v.get(0).expected()).contains(">= 2 (1 entries active");
        }

        @Test
        void onlyEntriesActiveForTheDetectionCount() {
            PolicyLog log = new PolicyLog();
            log.add(PolicyLog.policyAttesting(1), AUTHORITY);
            log.add(entry("wl-1", NOV_1, DEC_1), OFFICER);
            log.add(entry("wl-expired", "2026-10-01T00:00:00.000Z", NOV_1), OFFICER);
            log.add(entry("wl-later", "2026-11-27T09:30:00.041Z", DEC_1), OFFICER); // from 1 ms after the capture
            log.add(entry("wl-withdrawn", NOV_1, DEC_1), OFFICER);
            log.add(new WatchlistEntryWithdrawn("wl-withdrawn", "subject located"), OFFICER);
            log.add(detectionAt(NOV_27), CAMERA); // leaf 6
            log.add(entry("wl-after", NOV_1, DEC_1), OFFICER); // authorised after the detection
            assertThat(log.add(log.match(MATCH, 6, "wl-1", 5200, 5200), ENGINE)).isEmpty();
            // One more entry active for a later detection is one too many for an attestation at size 1.
            log.add(detectionAt(NOV_27), CAMERA);
            assertOnly(log.add(log.match("m-2", 9, "wl-1", 5200, 5200), ENGINE), PolicyRule.R7, 10);
        }

        @Test
        void anEntryWithdrawnAfterTheDetectionStillCounted() {
            PolicyLog log = withEntries(1, 2);
            log.add(new WatchlistEntryWithdrawn("wl-2", "subject located"), OFFICER);
            assertOnly(log.add(log.match(MATCH, 3, "wl-1", 5200, 5200), ENGINE), PolicyRule.R7, 5);
        }

        @Test
        void theAttestationOfThePolicyInForceAtTheDetectionApplies() {
            PolicyLog log = withEntries(1, 2);
            assertOnly(log.add(log.match(MATCH, 3, "wl-1", 5200, 5200), ENGINE), PolicyRule.R7, 4);
            log.add(PolicyLog.policyAttesting(2), AUTHORITY);
            assertOnly(log.add(log.match("m-2", 3, "wl-2", 5200, 5200), ENGINE), PolicyRule.R7, 6);
            log.add(detectionAt(NOV_27), CAMERA);
            assertThat(log.add(log.match("m-3", 7, "wl-2", 5200, 5200), ENGINE)).isEmpty();
        }

        @Test
        void aMatchWithoutAPolicyIsReportedOnlyUnderR6() {
            PolicyLog log = new PolicyLog();
            log.add(entry(ENTRY, NOV_1, DEC_1), OFFICER);
            log.add(detectionAt(NOV_27), CAMERA);
            assertOnly(log.add(log.match(MATCH, 1, ENTRY, 5200, 5200), ENGINE), PolicyRule.R6, 2);
        }

        @Test
        void anUnresolvedDetectionIsJudgedByTheSnapshotSize() {
            PolicyLog log = withEntries(1, 1);
            MatchProposed m = PolicyLog.withSnapshotSize(log.match(MATCH, 2, "wl-1", 5200, 5200), 2);
            MatchProposed unresolved = new MatchProposed(m.match(), new DetectionRef(m.detection().eventHash(), 1),
                    m.candidateEntry(), m.score(), m.threshold(), m.watchlistSnapshot(), m.modelId(), m.engineVersion());
            List<RuleViolation> v = log.add(unresolved, ENGINE);
            assertThat(v).extracting(RuleViolation::rule).containsExactly(PolicyRule.R2, PolicyRule.R7);
            assertThat(v.get(1).expected()).isEqualTo("an accuracy attestation measured at watchlist size >= 2"
                    + " (the match's snapshot size 2)");
        }

        @Test
        void fixturePoliciesCoverTheirOwnScenario() {
            // The usual lifecycle (one entry, fixture attestation at 10,000) stays clean under R7.
            assertThat(PolicyLog.proposed(2).violations).isEmpty();
            assertThat(EventFixtures.recognitionPolicySet().accuracy().watchlistSize()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void unrelatedDigestsDoNotMatter() {
        // A detection with another frame digest is a different event: a reference must name it by its own hash.
        PolicyLog log = PolicyLog.proposed(2);
        org.oversight.domain.event.FaceDetected d = detectionAt(NOV_27);
        log.add(new org.oversight.domain.event.FaceDetected(d.camera(), d.captureTime(), Sha256Digest.hash(new byte[] {1}),
                d.faceBox(), d.landmarks(), d.alignedCropDigest(), d.template(), d.quality()), CAMERA);
        assertThat(log.add(log.match("m-2", 4, ENTRY, 5200, 5200), ENGINE)).isEmpty();
        assertThat(log.violations).isEmpty();
    }
}
