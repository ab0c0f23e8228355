package org.oversight.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.domain.policy.PolicyLog.AUTHORITY;
import static org.oversight.domain.policy.PolicyLog.CAMERA;
import static org.oversight.domain.policy.PolicyLog.ENGINE;
import static org.oversight.domain.policy.PolicyLog.ENTRY;
import static org.oversight.domain.policy.PolicyLog.MATCH;
import static org.oversight.domain.policy.PolicyLog.OFFICER;
import static org.oversight.domain.policy.PolicyLog.REVIEWER_1;
import static org.oversight.domain.policy.PolicyLog.REVIEWER_2;
import static org.oversight.domain.policy.PolicyLog.REVIEWER_3;
import static org.oversight.domain.policy.PolicyLog.detectionAt;
import static org.oversight.domain.policy.PolicyLog.entry;
import static org.oversight.domain.policy.PolicyLog.policy;
import static org.oversight.domain.policy.PolicyLog.review;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.CameraDecommissioned;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.KeyRevoked;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.WatchlistEntryWithdrawn;

/**
 * docs/rules.md "Reference points": a match is judged at its detection's leaf, so anything
 * authorised between a detection and its proposal never turns an honest proposal into a
 * violation; reviews and actions are judged at their own leaf.
 */
class RuleBookReferencePointTest {
    private static final String NOV_1 = "2026-11-01T00:00:00.000Z";
    private static final String DEC_1 = "2026-12-01T00:00:00.000Z";
    /** PolicyLog's header times start at 2026-11-18T11:06:40.000Z (+1 ms per leaf). */
    private static final String NOV_18 = "2026-11-18T00:00:00.000Z";

    /**
     * The camera and the officer's key (so that they can be decommissioned and revoked), policy,
     * entry, detection, then {@code between}, then the honest proposal the projection derives at
     * the detection (the first policy's threshold and model).
     */
    private static List<RuleViolation> proposedAfter(String validUntil, Consumer<PolicyLog> between) {
        PolicyLog log = new PolicyLog();
        log.add(EventFixtures.cameraRegistered(), OFFICER);
        log.add(new KeyEnrolled("officer-7", Role.OFFICER, OFFICER.publicKey()), AUTHORITY);
        log.add(policy(5200, 9216, 2), AUTHORITY);
        log.add(entry(ENTRY, NOV_1, validUntil), OFFICER);
        long detection = log.size();
        log.add(detectionAt("2026-11-17T09:30:00.040Z"), CAMERA);
        between.accept(log);
        log.add(log.match(MATCH, detection, ENTRY, 5200, 5200), ENGINE);
        return log.violations;
    }

    @Nested
    class BetweenDetectionAndProposal {
        @Test
        void aWithdrawalIsNoViolation() {
            assertThat(proposedAfter(DEC_1, log -> log.add(new WatchlistEntryWithdrawn(ENTRY, "located"), OFFICER)))
                    .isEmpty();
        }

        @Test
        void aPolicyWithAnotherThresholdModelOrAttestationIsNoViolation() {
            RecognitionPolicySet p = EventFixtures.recognitionPolicySet();
            RecognitionPolicySet stricter = new RecognitionPolicySet("other/model@2", p.templateFormat(), 4000, 4000, 3,
                    p.retentionDays(), new AccuracyAttestation(p.accuracy().documentDigest(), 10, 1));
            assertThat(proposedAfter(DEC_1, log -> log.add(stricter, AUTHORITY))).isEmpty();
        }

        @Test
        void aCameraDecommissioningIsNoViolation() {
            assertThat(proposedAfter(DEC_1, log -> log.add(new CameraDecommissioned("cam-0042", "removed"), OFFICER)))
                    .isEmpty();
        }

        @Test
        void aKeyRevocationIsNoViolation() {
            assertThat(proposedAfter(DEC_1, log -> log.add(new KeyRevoked("officer-7", OFFICER.keyId(), "left"),
                    AUTHORITY))).isEmpty();
        }

        @Test
        void theWarrantExpiringIsNoViolation() {
            // Capture on 17 November, valid until 18 November 00:00; the proposal is signed later that day.
            assertThat(proposedAfter(NOV_18, log -> { })).isEmpty();
        }

        @Test
        void allOfThemTogetherIsNoViolation() {
            assertThat(proposedAfter(NOV_18, log -> {
                log.add(new WatchlistEntryWithdrawn(ENTRY, "located"), OFFICER);
                log.add(policy(6000, 9216, 3), AUTHORITY);
                log.add(new CameraDecommissioned("cam-0042", "removed"), OFFICER);
                log.add(new KeyRevoked("officer-7", OFFICER.keyId(), "left"), AUTHORITY);
            })).isEmpty();
        }
    }

    @Nested
    class Actions {
        private PolicyLog confirmed(String validUntil) {
            PolicyLog log = new PolicyLog();
            log.add(policy(5200, 9216, 2), AUTHORITY);
            log.add(entry(ENTRY, NOV_1, validUntil), OFFICER);
            log.add(detectionAt("2026-11-17T09:30:00.040Z"), CAMERA);
            log.add(log.match(MATCH, 2, ENTRY, 5200, 5200), ENGINE);
            log.add(review(Verdict.CONFIRM), REVIEWER_1);
            log.add(review(Verdict.CONFIRM), REVIEWER_2);
            return log;
        }

        private static MatchActioned act(String action) {
            return new MatchActioned(MATCH, action, "INC-1");
        }

        @Test
        void actingAfterTheEntryWasWithdrawnIsAViolationOfR3AtTheAction() {
            PolicyLog log = confirmed(DEC_1);
            log.add(new WatchlistEntryWithdrawn(ENTRY, "located"), OFFICER);
            List<RuleViolation> v = log.add(act("arrest"), OFFICER);
            assertThat(v).singleElement().satisfies(x -> {
                assertThat(x.rule()).isEqualTo(PolicyRule.R3);
                assertThat(x.leafIndex()).isEqualTo(7);
                assertThat(x.expected()).isEqualTo("entry wl-2026-0001 not withdrawn before the action arrest");
                assertThat(x.found()).isEqualTo("withdrawn at leaf 6");
            });
        }

        @Test
        void reviewsAfterTheWithdrawalAreNoViolation() {
            PolicyLog log = confirmed(DEC_1);
            log.add(new WatchlistEntryWithdrawn(ENTRY, "located"), OFFICER);
            log.add(review(Verdict.REJECT), REVIEWER_3);
            assertThat(log.violations).isEmpty();
        }

        @Test
        void recordingNoActionAfterTheWithdrawalIsNoViolation() {
            PolicyLog log = confirmed(NOV_18);
            log.add(new WatchlistEntryWithdrawn(ENTRY, "located"), OFFICER);
            assertThat(log.add(act("no-action"), OFFICER)).isEmpty();
        }

        @Test
        void actingAtOrAfterTheAuthorisationExpiredIsAViolationOfR3() {
            PolicyLog log = confirmed(NOV_18); // the action is signed at 2026-11-18T11:06:40.006Z
            List<RuleViolation> v = log.add(act("arrest"), OFFICER);
            assertThat(v).singleElement().satisfies(x -> {
                assertThat(x.rule()).isEqualTo(PolicyRule.R3);
                assertThat(x.expected()).isEqualTo("action arrest before entry wl-2026-0001's authorisation expires"
                        + " at 2026-11-18T00:00:00.000Z");
                assertThat(x.found()).isEqualTo("action time 2026-11-18T11:06:40.006Z");
            });
        }

        @Test
        void actingWithinTheAuthorisationIsNoViolation() {
            PolicyLog log = confirmed(DEC_1);
            assertThat(log.add(act("arrest"), OFFICER)).isEmpty();
        }

        @Test
        void aLaterPolicyRequiringMoreReviewersAppliesToLaterActions() {
            PolicyLog log = confirmed(DEC_1);
            log.add(policy(5200, 9216, 3), AUTHORITY);
            List<RuleViolation> v = log.add(act("arrest"), OFFICER);
            assertThat(v).singleElement().satisfies(x -> {
                assertThat(x.rule()).isEqualTo(PolicyRule.R1);
                assertThat(x.expected()).isEqualTo("3 confirmations of match m-000001 by distinct reviewers before the"
                        + " action (policy at leaf 0 requires 2; policy at leaf 6 requires 3, never fewer than 2)");
            });
            log.add(review(Verdict.CONFIRM), REVIEWER_3);
            assertThat(log.add(act("arrest"), OFFICER)).isEmpty();
        }

        @Test
        void aLaterPolicyRequiringFewerDoesNotRelaxAMatchMadeUnderAStricterOne() {
            PolicyLog log = new PolicyLog();
            log.add(policy(5200, 9216, 3), AUTHORITY);
            log.add(entry(ENTRY, NOV_1, DEC_1), OFFICER);
            log.add(detectionAt("2026-11-17T09:30:00.040Z"), CAMERA);
            log.add(log.match(MATCH, 2, ENTRY, 5200, 5200), ENGINE);
            log.add(review(Verdict.CONFIRM), REVIEWER_1);
            log.add(review(Verdict.CONFIRM), REVIEWER_2);
            log.add(policy(5200, 9216, 2), AUTHORITY);
            List<RuleViolation> v = log.add(act("arrest"), OFFICER);
            assertThat(v).singleElement().satisfies(x -> assertThat(x.expected()).startsWith("3 confirmations"));
        }
    }
}
