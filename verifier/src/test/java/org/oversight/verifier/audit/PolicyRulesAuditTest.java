package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.WatchlistEntryWithdrawn;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.verifier.report.Check;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.JsonReportWriter;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.VerificationReport;

/**
 * Rules R1, R2, R3, R6, R7 and R-disclosure through {@code verifier audit} over real signed logs. Every log here is
 * validly signed event by event and its checkpoint is signed over exactly its leaves (a dishonest
 * operator or a compromised emitter key can produce such logs): only the policy rules can catch
 * them, at the leaf of the violating event.
 */
class PolicyRulesAuditTest {
    private static final Ed25519NoteSigner LOG_KEY = TestLog.logKey(TestLog.LOG_SEED);
    /** The scenario's events before its detection: principals, policy, camera, watchlist entry. */
    private static final int SETUP = TestLog.FIRST_DETECTION;

    private static VerificationReport audit(TestLog log) throws Exception {
        byte[] export = TestLog.export(log.leaves(), LOG_KEY);
        VerificationReport single = new LogAuditor(LOG_KEY.verifier(), TestLog.ORIGIN, AuditOptions.defaults())
                .audit(new ByteArrayInputStream(export), Optional.empty(), AuditProgress.NONE).report();
        VerificationReport parallel = new LogAuditor(LOG_KEY.verifier(), TestLog.ORIGIN,
                AuditOptions.defaults().withParallelism(3).withBatchSize(5))
                .audit(new ByteArrayInputStream(export), Optional.empty(), AuditProgress.NONE).report();
        assertThat(JsonReportWriter.render(parallel)).isEqualTo(JsonReportWriter.render(single));
        return single;
    }

    /**
     * The scenario's setup, {@code detection} at leaf 8, {@code beforeMatch}'s events, the match
     * (the scenario's, changed by {@code match}), then {@code afterMatch}'s events.
     */
    private static TestLog lifecycle(FaceDetected detection, Consumer<TestLog> beforeMatch,
            UnaryOperator<MatchProposed> match, Consumer<TestLog> afterMatch) {
        TestLog scenario = TestLog.scenario();
        TestLog log = new TestLog();
        for (int i = 0; i < SETUP; i++) {
            log.append(scenario.event(i));
        }
        SignedEvent detected = log.append(detection, EventFixtures.CAMERA_SEED);
        beforeMatch.accept(log);
        MatchProposed base = (MatchProposed) scenario.event(TestLog.FIRST_DETECTION + 1).payload();
        MatchProposed honest = new MatchProposed(base.match(), new DetectionRef(detected.eventHash(), SETUP),
                base.candidateEntry(), base.score(), base.threshold(), base.watchlistSnapshot(), base.modelId(),
                base.engineVersion());
        log.append(match.apply(honest), EventFixtures.ENGINE_SEED);
        afterMatch.accept(log);
        return log;
    }

    private static TestLog lifecycle(UnaryOperator<MatchProposed> match) {
        return lifecycle(TestLog.firstDetection(), log -> { }, match, PolicyRulesAuditTest::twoConfirmationsAndAction);
    }

    private static void twoConfirmationsAndAction(TestLog log) {
        log.append(TestLog.firstReview(TestLog.MATCH), EventFixtures.REVIEWER_SEED);
        log.append(TestLog.secondReview(TestLog.MATCH), EventFixtures.SECOND_REVIEWER_SEED);
        log.append(TestLog.action(TestLog.MATCH), EventFixtures.OFFICER_SEED);
    }

    private static MatchProposed withCandidate(MatchProposed m, String entry) {
        return new MatchProposed(m.match(), m.detection(), entry, m.score(), m.threshold(), m.watchlistSnapshot(),
                m.modelId(), m.engineVersion());
    }

    /** Asserts the report's only finding is one of {@code rule} at {@code leaf}; returns it. */
    private static Finding onlyFinding(VerificationReport report, Rule rule, long leaf) {
        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(rule);
            assertThat(f.leafIndex()).isEqualTo(leaf);
            assertThat(f.eventId()).isEqualTo("ev-" + leaf);
        });
        assertThat(report.checks()).filteredOn(c -> !c.passed()).extracting(Check::rule).containsExactly(rule);
        return report.findings().get(0);
    }

    /** Asserts the report's findings are exactly {@code expected} (rule, leaf) pairs, in this order. */
    private static List<Finding> exactly(VerificationReport report, Tuple... expected) {
        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).extracting(Finding::rule, Finding::leafIndex).containsExactly(expected);
        return report.findings();
    }

    private static Tuple at(Rule rule, long leaf) {
        return Tuple.tuple(rule, leaf);
    }

    @Test
    void cleanLogWithAFullMatchLifecyclePassesEveryRule() throws Exception {
        VerificationReport report = audit(TestLog.scenario());
        assertThat(report.findings()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.checks()).filteredOn(c -> c.rule() == Rule.R1_TWO_PERSON_REVIEW).singleElement()
                .satisfies(c -> {
                    assertThat(c.passed()).isTrue();
                    assertThat(c.subject()).isEqualTo("1 action, 2 reviews");
                });
        assertThat(report.checks()).extracting(Check::rule).contains(Rule.R2_MATCH_PROVENANCE,
                Rule.R3_WATCHLIST_AUTHORISATION, Rule.R6_THRESHOLD, Rule.R7_ACCURACY, Rule.PROJECTION);
        assertThat(report.facts().get("rules checked"))
                .endsWith("R1, R2, R3, R4, R5, R6, R7, R8, R-disclosure; projection replay (docs/rules.md)");
        assertThat(report.facts().get("rules not checked in this version"))
                .isEqualTo(LogAuditor.RULES_NOT_CHECKED);
    }

    /**
     * R-disclosure and the sealed-record checks flow from the rule book into {@code verifier audit}:
     * a reviewer disclosing for an audit (only an authority may), naming a schema-1 detection (which
     * has no sealed record), is two R-disclosure findings at the disclosure's leaf.
     */
    @Test
    void aDisclosureByAWrongRoleOfARecordThatIsNotSealedIsReportedUnderRDisclosure() throws Exception {
        TestLog log = TestLog.scenario();
        SignedEvent detection = log.event(TestLog.FIRST_DETECTION);
        int leaf = log.size();
        log.append(new RecordDisclosed("d-1", List.of(new DetectionRef(detection.eventHash(), TestLog.FIRST_DETECTION)),
                DisclosurePurpose.AUDIT, "case-1", "Auditor: Privacy Commissioner"), EventFixtures.REVIEWER_SEED);
        VerificationReport report = audit(log);
        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).extracting(Finding::rule, Finding::leafIndex, Finding::found).containsExactly(
                Tuple.tuple(Rule.R_DISCLOSURE, (long) leaf, "signed by reviewer reviewer-1"),
                Tuple.tuple(Rule.R_DISCLOSURE, (long) leaf, "the FaceDetected at leaf " + TestLog.FIRST_DETECTION
                        + " is schema 1: it has no sealed record"));
        assertThat(report.checks()).filteredOn(c -> !c.passed()).extracting(Check::rule)
                .containsExactly(Rule.R_DISCLOSURE);
        assertThat(report.checks()).filteredOn(c -> c.rule() == Rule.R5_ERASURE || c.rule() == Rule.R8_RETENTION)
                .hasSize(2).allSatisfy(c -> assertThat(c.passed()).isTrue());
    }

    @Test
    void anAttestationCoveringFewerEntriesThanTheWatchlistIsAnR7ViolationAtTheMatch() throws Exception {
        VerificationReport report = audit(TestLog.undersizedAttestation());
        Finding f = onlyFinding(report, Rule.R7_ACCURACY, TestLog.UNDERSIZED_MATCH);
        assertThat(f.expected()).isEqualTo("an accuracy attestation measured at watchlist size >= 2 (2 entries"
                + " active for the detection at leaf 9, snapshot size 2)");
        assertThat(f.found()).isEqualTo("policy at leaf 5 attests fpirPpm 1000 at watchlist size 1");
        assertThat(report.checks()).filteredOn(c -> c.rule() == Rule.R7_ACCURACY).singleElement()
                .satisfies(c -> assertThat(c.subject()).isEqualTo("1 match"));
    }

    @Test
    void actionWithOneConfirmationIsAnR1ViolationAtTheAction() throws Exception {
        TestLog log = lifecycle(TestLog.firstDetection(), l -> { }, m -> m, l -> {
            l.append(TestLog.firstReview(TestLog.MATCH), EventFixtures.REVIEWER_SEED);
            l.append(TestLog.action(TestLog.MATCH), EventFixtures.OFFICER_SEED);
        });
        Finding f = onlyFinding(audit(log), Rule.R1_TWO_PERSON_REVIEW, 11);
        assertThat(f.found()).isEqualTo("1 (reviewer-1)");
    }

    @Test
    void reviewerConfirmingTwiceIsAnR1ViolationAtTheSecondReview() throws Exception {
        TestLog log = lifecycle(TestLog.firstDetection(), l -> { }, m -> m, l -> {
            l.append(TestLog.firstReview(TestLog.MATCH), EventFixtures.REVIEWER_SEED);
            l.append(new MatchReviewed(TestLog.MATCH, Verdict.CONFIRM, "still sure"), EventFixtures.REVIEWER_SEED);
            l.append(TestLog.secondReview(TestLog.MATCH), EventFixtures.SECOND_REVIEWER_SEED);
            l.append(TestLog.action(TestLog.MATCH), EventFixtures.OFFICER_SEED);
        });
        Finding f = onlyFinding(audit(log), Rule.R1_TWO_PERSON_REVIEW, 11);
        assertThat(f.found()).startsWith("reviewer reviewer-1 reviewed it again");
    }

    @Test
    void reviewerConfirmingTwiceCannotMakeUpForAMissingSecondReviewer() throws Exception {
        TestLog log = lifecycle(TestLog.firstDetection(), l -> { }, m -> m, l -> {
            l.append(TestLog.firstReview(TestLog.MATCH), EventFixtures.REVIEWER_SEED);
            l.append(new MatchReviewed(TestLog.MATCH, Verdict.CONFIRM, "still sure"), EventFixtures.REVIEWER_SEED);
            l.append(TestLog.action(TestLog.MATCH), EventFixtures.OFFICER_SEED);
        });
        VerificationReport report = audit(log);
        assertThat(report.findings()).extracting(Finding::rule, Finding::leafIndex).containsExactly(
                Tuple.tuple(Rule.R1_TWO_PERSON_REVIEW, 11L),
                Tuple.tuple(Rule.R1_TWO_PERSON_REVIEW, 12L));
    }

    @Test
    void matchWithAnAlteredThresholdIsAnR6Violation() throws Exception {
        TestLog log = lifecycle(m -> new MatchProposed(m.match(), m.detection(), m.candidateEntry(), 6100, 6100,
                m.watchlistSnapshot(), m.modelId(), m.engineVersion()));
        List<Finding> f = exactly(audit(log), at(Rule.R6_THRESHOLD, 9), at(Rule.PROJECTION, 9));
        assertThat(f.get(0).expected()).isEqualTo("threshold 5200 (policy at leaf 5)");
        assertThat(f.get(0).found()).isEqualTo("threshold 6100");
        assertThat(f.get(1).expected()).isEqualTo("the derived decision: score 47, threshold 5200");
        assertThat(f.get(1).found()).isEqualTo("DIFFERING: score 6100, threshold 6100");
    }

    @Test
    void matchScoreOutsideTheThresholdIsAnR6Violation() throws Exception {
        TestLog log = lifecycle(m -> new MatchProposed(m.match(), m.detection(), m.candidateEntry(), 6100, 5200,
                m.watchlistSnapshot(), m.modelId(), m.engineVersion()));
        List<Finding> f = exactly(audit(log), at(Rule.R6_THRESHOLD, 9), at(Rule.PROJECTION, 9));
        assertThat(f.get(0).found()).isEqualTo("score 6100");
        assertThat(f.get(1).found()).isEqualTo("DIFFERING: score 6100");
    }

    @Test
    void matchAgainstAnExpiredEntryIsAnR3Violation() throws Exception {
        FaceDetected d = TestLog.firstDetection();
        FaceDetected afterExpiry = new FaceDetected(d.camera(), EventFixtures.time("2026-12-01T00:00:00.000Z"),
                d.frameDigest(), d.faceBox(), d.landmarks(), d.alignedCropDigest(), d.template(), d.quality());
        TestLog log = lifecycle(afterExpiry, l -> { }, m -> m, PolicyRulesAuditTest::twoConfirmationsAndAction);
        // The projection derives nothing for a detection outside the entry's window: the match is extra.
        List<Finding> f = exactly(audit(log), at(Rule.R3_WATCHLIST_AUTHORISATION, 9), at(Rule.PROJECTION, 9));
        assertThat(f.get(0).found()).isEqualTo("capture time 2026-12-01T00:00:00.000Z");
        assertThat(f.get(1).found()).startsWith("EXTRA: match " + TestLog.MATCH);
    }

    /**
     * Issue #11 §2: a withdrawal between the detection and the engine's proposal used to fail the
     * honest proposal (R3 "withdrawn before the match"). The match is judged at its detection, where
     * the entry was active and the projection decided; acting on it after the withdrawal is R3, at
     * the action.
     */
    @Test
    void aWithdrawalBetweenDetectionAndProposalFailsOnlyTheLaterAction() throws Exception {
        TestLog log = lifecycle(TestLog.firstDetection(),
                l -> l.append(EventFixtures.watchlistEntryWithdrawn(), EventFixtures.OFFICER_SEED), m -> m,
                PolicyRulesAuditTest::twoConfirmationsAndAction);
        Finding f = onlyFinding(audit(log), Rule.R3_WATCHLIST_AUTHORISATION, 13);
        assertThat(f.expected()).isEqualTo("entry wl-2026-0001 not withdrawn before the action stop-and-speak");
        assertThat(f.found()).isEqualTo("withdrawn at leaf 9");
    }

    /**
     * Issue #11 §2: a new policy between the detection and the proposal used to fail the honest
     * proposal under R2/R6 (the projection decides with the policy at the detection, the rules
     * judged it with the policy at the match). Both now use the detection's.
     */
    @Test
    void aNewPolicyBetweenDetectionAndProposalIsNoViolation() throws Exception {
        RecognitionPolicySet p = EventFixtures.recognitionPolicySet();
        RecognitionPolicySet other = new RecognitionPolicySet("other/model@2", p.templateFormat(), 100, 100,
                p.reviewersRequired(), p.retentionDays(), p.accuracy());
        TestLog log = lifecycle(TestLog.firstDetection(), l -> l.append(other, EventFixtures.AUTHORITY_SEED),
                m -> m, PolicyRulesAuditTest::twoConfirmationsAndAction);
        VerificationReport report = audit(log);
        assertThat(report.findings()).isEmpty();
        assertThat(report.passed()).isTrue();
    }

    @Test
    void matchAgainstANeverAuthorisedEntryIsAnR3Violation() throws Exception {
        TestLog log = lifecycle(m -> withCandidate(m, "wl-2026-9999"));
        // The altered proposal is extra, and the decision the projection derives is missing (the
        // engine has proposed for this detection, so it is due), reported at the detection's leaf.
        List<Finding> f = exactly(audit(log), at(Rule.R3_WATCHLIST_AUTHORISATION, 9), at(Rule.PROJECTION, 9),
                at(Rule.PROJECTION, 8));
        assertThat(f.get(0).found()).isEqualTo("no authorisation of entry wl-2026-9999");
        assertThat(f.get(1).found()).contains("EXTRA", "candidateEntry wl-2026-9999");
        assertThat(f.get(2).expected()).contains("candidateEntry wl-2026-0001", "score 47");
        assertThat(f.get(2).found()).startsWith("none in the log (MISSING");
    }

    @Test
    void matchNamingANonExistentDetectionIsAnR2Violation() throws Exception {
        TestLog log = lifecycle(m -> new MatchProposed(m.match(), new DetectionRef(m.detection().eventHash(), 7),
                m.candidateEntry(), m.score(), m.threshold(), m.watchlistSnapshot(), m.modelId(), m.engineVersion()));
        VerificationReport report = audit(log);
        List<Finding> f = exactly(report, at(Rule.R2_MATCH_PROVENANCE, 9), at(Rule.PROJECTION, 9));
        assertThat(f.get(0).found()).isEqualTo("no accepted FaceDetected at leaf 7");
        // The engine named leaf 7, not 8: the decision for leaf 8 is not yet provably due.
        assertThat(report.facts().get("projection")).contains("0 missing", "1 pending");
    }

    @Test
    void aRejectedEventIsNotFedToTheRules() throws Exception {
        // The action signed by a reviewer key is rejected (signer role), so it is no action for R1.
        TestLog log = lifecycle(TestLog.firstDetection(), l -> { }, m -> m,
                l -> l.append(TestLog.action(TestLog.MATCH), EventFixtures.REVIEWER_SEED));
        VerificationReport report = audit(log);
        assertThat(report.findings()).extracting(Finding::rule).containsExactly(Rule.SIGNATURE);
        assertThat(report.checks()).filteredOn(c -> c.rule() == Rule.R1_TWO_PERSON_REVIEW)
                .extracting(Check::subject).containsExactly("0 actions, 0 reviews");
    }

    @Test
    void everyViolationOfOneLogIsListedInLeafOrder() throws Exception {
        TestLog log = lifecycle(m -> new MatchProposed(m.match(), m.detection(), "wl-2026-9999", 6100, 6100,
                m.watchlistSnapshot(), m.modelId(), m.engineVersion()));
        // Missing decisions are only known at the end of the log, so they come last.
        exactly(audit(log), at(Rule.R3_WATCHLIST_AUTHORISATION, 9), at(Rule.R6_THRESHOLD, 9),
                at(Rule.PROJECTION, 9), at(Rule.PROJECTION, 8));
    }
}
