package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.domain.event.EventFixtures.key;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.CameraDecommissioned;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.KeyRevoked;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofVerifier;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.JsonReportWriter;
import org.oversight.verifier.report.MatchState;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.TextReportWriter;
import org.oversight.verifier.report.VerificationReport;

/**
 * The auditor over real signed logs: a clean log passes, and every tampering is reported with the
 * right rule at the right leaf. Where a tampered export would also fail the root check, the
 * checkpoint is re-signed over the tampered leaves (the operator holds the log key — the realistic
 * threat), so each test isolates the per-event check.
 */
class LogAuditorTest {
    private static final Ed25519NoteSigner LOG_KEY = TestLog.logKey(TestLog.LOG_SEED);

    /**
     * Audits single-threaded, and checks that parallel pre-verification with small and odd batch
     * sizes yields the very same report.
     */
    private static AuditOutcome audit(byte[] export, Optional<SignedCheckpoint> remembered) throws Exception {
        AuditOutcome single = new LogAuditor(LOG_KEY.verifier(), TestLog.ORIGIN, AuditOptions.defaults())
                .audit(new ByteArrayInputStream(export), remembered, AuditProgress.NONE);
        for (int[] config : new int[][] {{3, 7}, {2, 1}, {4, 1024}}) {
            AuditOutcome parallel = new LogAuditor(LOG_KEY.verifier(), TestLog.ORIGIN,
                    AuditOptions.defaults().withParallelism(config[0]).withBatchSize(config[1]))
                    .audit(new ByteArrayInputStream(export), remembered, AuditProgress.NONE);
            assertThat(JsonReportWriter.render(parallel.report()))
                    .as("parallelism %d, batch %d", config[0], config[1])
                    .isEqualTo(JsonReportWriter.render(single.report()));
            assertThat(parallel.checkpointToRemember().map(SignedCheckpoint::toString))
                    .isEqualTo(single.checkpointToRemember().map(SignedCheckpoint::toString));
        }
        return single;
    }

    private static VerificationReport audit(byte[] export) throws Exception {
        return audit(export, Optional.empty()).report();
    }

    private static List<Finding> at(VerificationReport report, Rule rule, long leaf) {
        return report.findings().stream().filter(f -> f.rule() == rule && f.leafIndex() == leaf).toList();
    }

    private static List<Finding> of(VerificationReport report, Rule rule) {
        return report.findings().stream().filter(f -> f.rule() == rule).toList();
    }

    @Test
    void cleanLogPassesAndIsRememberedOnFirstUse() throws Exception {
        TestLog log = TestLog.scenario();
        AuditOutcome outcome = audit(TestLog.export(log.leaves(), LOG_KEY), Optional.empty());
        VerificationReport report = outcome.report();
        assertThat(report.findings()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.checks()).allMatch(c -> c.passed());
        assertThat(report.facts()).containsEntry("tree size", "14")
                .containsEntry("events", "14 well-formed, 14 accepted, in 10 streams")
                .containsEntry("rules not checked in this version", LogAuditor.RULES_NOT_CHECKED);
        assertThat(report.facts().get("state")).startsWith("first use");
        assertThat(report.facts().get("events by type")).contains("FaceDetected 2", "KeyEnrolled 4");
        assertThat(outcome.checkpointToRemember()).isPresent();
        assertThat(outcome.checkpointToRemember().get().checkpoint().size()).isEqualTo(14);
    }

    @Test
    void bitFlipInRationaleIsASignatureViolationAtThatLeafAndARootMismatch() throws Exception {
        TestLog log = TestLog.scenario();
        SignedCheckpoint honest = TestLog.checkpoint(log.leaves(), LOG_KEY);
        List<byte[]> leaves = log.leaves();
        byte[] review = leaves.get(TestLog.FIRST_REVIEW);
        String text = new String(review, StandardCharsets.UTF_8);
        int at = text.indexOf("scar above");
        review[at] ^= 0x01; // 's' -> 'r'
        VerificationReport report = audit(TestLog.export(leaves, honest));
        assertThat(at(report, Rule.SIGNATURE, TestLog.FIRST_REVIEW)).singleElement()
                .satisfies(f -> assertThat(f.found()).startsWith("signature does not verify"));
        assertThat(of(report, Rule.CHECKPOINT)).singleElement()
                .satisfies(f -> assertThat(f.expected()).contains(honest.checkpoint().rootHash().hex()));
    }

    @Test
    void randomBitFlipsAreAlwaysCaughtAtTheirLeafAndByTheRoot() throws Exception {
        TestLog log = TestLog.scenario();
        SignedCheckpoint honest = TestLog.checkpoint(log.leaves(), LOG_KEY);
        Random random = new Random(20261127L);
        int tried = 0;
        while (tried < 40) {
            List<byte[]> leaves = log.leaves();
            int leaf = random.nextInt(leaves.size());
            byte[] bytes = leaves.get(leaf);
            int pos = random.nextInt(bytes.length);
            bytes[pos] ^= (byte) (1 << random.nextInt(8));
            if (bytes[pos] == '\n') {
                continue; // a new line is a framing change, not a changed leaf
            }
            tried++;
            VerificationReport report = audit(TestLog.export(leaves, honest));
            assertThat(report.findings())
                    .as("flip at leaf %d byte %d", leaf, pos)
                    .anyMatch(f -> f.leafIndex() == leaf && f.rule() != Rule.CHECKPOINT);
            assertThat(of(report, Rule.CHECKPOINT)).as("flip at leaf %d byte %d", leaf, pos).hasSize(1);
        }
    }

    @Test
    void nonCanonicalLeafIsACanonicalViolation() throws Exception {
        TestLog log = TestLog.scenario();
        List<byte[]> leaves = log.leaves();
        String text = new String(leaves.get(3), StandardCharsets.UTF_8);
        leaves.set(3, text.replaceFirst("\\{", "{ ").getBytes(StandardCharsets.UTF_8));
        VerificationReport report = audit(TestLog.export(leaves, LOG_KEY));
        assertThat(at(report, Rule.CANONICAL, 3)).singleElement().satisfies(f -> {
            assertThat(f.found()).contains("canonical");
            assertThat(f.eventId()).isEqualTo("ev-3");
        });
        assertThat(of(report, Rule.CHECKPOINT)).isEmpty();
    }

    @Test
    void droppedEventIsAChainGapAtTheLeafThatFollows() throws Exception {
        List<byte[]> leaves = TestLog.scenario().leaves();
        leaves.remove(TestLog.FIRST_REVIEW);
        VerificationReport report = audit(TestLog.export(leaves, LOG_KEY));
        assertThat(report.findings().get(0)).satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.CHAIN);
            assertThat(f.leafIndex()).isEqualTo(TestLog.FIRST_REVIEW);
            assertThat(f.eventId()).isEqualTo("ev-" + TestLog.SECOND_REVIEW);
            assertThat(f.expected()).startsWith("stream match/" + TestLog.MATCH + ": seq 1 with prev ");
            assertThat(f.found()).startsWith("GAP: seq 2 with prev ");
        });
        assertThat(of(report, Rule.CHECKPOINT)).isEmpty();
        assertThat(report.passed()).isFalse();
    }

    @Test
    void reorderedEventsAreAChainViolationAtTheFirstMovedLeaf() throws Exception {
        List<byte[]> leaves = TestLog.scenario().leaves();
        byte[] first = leaves.get(TestLog.FIRST_REVIEW);
        leaves.set(TestLog.FIRST_REVIEW, leaves.get(TestLog.SECOND_REVIEW));
        leaves.set(TestLog.SECOND_REVIEW, first);
        VerificationReport report = audit(TestLog.export(leaves, LOG_KEY));
        assertThat(report.findings().get(0).rule()).isEqualTo(Rule.CHAIN);
        assertThat(report.findings().get(0).leafIndex()).isEqualTo(TestLog.FIRST_REVIEW);
        assertThat(report.findings().get(0).found()).startsWith("GAP: seq 2");
    }

    @Test
    void forkedStreamIsAChainForkNamingBothEvents() throws Exception {
        TestLog log = TestLog.scenario();
        SignedEvent recorded = log.event(TestLog.SECOND_REVIEW);
        SignedEvent other = EventSigner.sign("ev-fork", recorded.seq(), recorded.header().prev(),
                recorded.header().time(), new MatchReviewed(TestLog.MATCH, Verdict.REJECT, "not the same person"),
                key(EventFixtures.SECOND_REVIEWER_SEED));
        log.append(other);
        VerificationReport report = audit(TestLog.export(log.leaves(), LOG_KEY));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.CHAIN);
            assertThat(f.leafIndex()).isEqualTo(TestLog.SCENARIO_SIZE);
            assertThat(f.expected()).contains("seq 2 is event " + recorded.eventHash().hex() + " (leaf "
                    + TestLog.SECOND_REVIEW + ")");
            assertThat(f.found()).isEqualTo("FORK: a different event " + other.eventHash().hex() + " at seq 2");
        });
    }

    @Test
    void replayedEventIsAChainReplay() throws Exception {
        TestLog log = TestLog.scenario();
        log.append(log.event(TestLog.ACTION));
        VerificationReport report = audit(TestLog.export(log.leaves(), LOG_KEY));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.CHAIN);
            assertThat(f.leafIndex()).isEqualTo(TestLog.SCENARIO_SIZE);
            assertThat(f.found()).contains("REPLAY", "already at leaf " + TestLog.ACTION);
        });
    }

    @Test
    void signatureByARevokedKeyNamesTheRevocationLeaf() throws Exception {
        TestLog log = TestLog.scenario();
        int revokedAt = log.size();
        log.append(new KeyRevoked("officer-7", key(EventFixtures.OFFICER_SEED).publicKey().keyId(), "left"),
                EventFixtures.AUTHORITY_SEED);
        log.append(new MatchActioned(TestLog.MATCH, "arrest", "INC-2026-779"), EventFixtures.OFFICER_SEED);
        VerificationReport report = audit(TestLog.export(log.leaves(), LOG_KEY));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.SIGNATURE);
            assertThat(f.leafIndex()).isEqualTo(revokedAt + 1);
            assertThat(f.found()).contains(key(EventFixtures.OFFICER_SEED).publicKey().keyId().hex(),
                    "officer officer-7", "enrolled at leaf 1", "revoked at leaf " + revokedAt);
            assertThat(f.expected()).contains("role officer", "MatchActioned");
        });
    }

    @Test
    void signatureByAnUnknownKeyIsASignatureViolation() throws Exception {
        TestLog log = TestLog.scenario();
        log.append(new MatchActioned(TestLog.MATCH, "arrest", "INC-2026-779"), TestLog.UNKNOWN_SEED);
        VerificationReport report = audit(TestLog.export(log.leaves(), LOG_KEY));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.SIGNATURE);
            assertThat(f.leafIndex()).isEqualTo(TestLog.SCENARIO_SIZE);
            assertThat(f.found()).isEqualTo("signer key " + key(TestLog.UNKNOWN_SEED).publicKey().keyId().hex()
                    + " was never enrolled");
        });
    }

    @Test
    void detectionByADecommissionedCameraIsAnR9Violation() throws Exception {
        TestLog log = TestLog.scenario();
        int decommissionedAt = log.size();
        log.append(new CameraDecommissioned("cam-0042", "deployment ended"), EventFixtures.OFFICER_SEED);
        log.append(TestLog.secondDetection(), EventFixtures.CAMERA_SEED);
        VerificationReport report = audit(TestLog.export(log.leaves(), LOG_KEY));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.R9_CAMERA);
            assertThat(f.leafIndex()).isEqualTo(decommissionedAt + 1);
            assertThat(f.found()).contains("camera decommissioned at leaf " + decommissionedAt);
            assertThat(f.expected()).contains("camera cam-0042 (registered at leaf 6, decommissioned at leaf "
                    + decommissionedAt + ")");
        });
        assertThat(report.checks()).anyMatch(c -> c.rule() == Rule.R9_CAMERA && !c.passed());
    }

    @Test
    void detectionByAnotherKeyIsAnR9Violation() throws Exception {
        TestLog log = TestLog.scenario();
        log.append(TestLog.secondDetection(), EventFixtures.OFFICER_SEED);
        VerificationReport report = audit(TestLog.export(log.leaves(), LOG_KEY));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.R9_CAMERA);
            assertThat(f.leafIndex()).isEqualTo(TestLog.SCENARIO_SIZE);
        });
    }

    @Test
    void checkpointSignedByAnotherKeyFailsClosed() throws Exception {
        TestLog log = TestLog.scenario();
        AuditOutcome outcome = audit(TestLog.export(log.leaves(), TestLog.logKey(TestLog.OTHER_LOG_SEED)),
                Optional.empty());
        VerificationReport report = outcome.report();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.CHECKPOINT);
            assertThat(f.leafIndex()).isEqualTo(-1);
        });
        assertThat(report.checks()).singleElement().satisfies(c -> assertThat(c.passed()).isFalse());
        assertThat(report.facts()).containsKey("stopped").doesNotContainKey("events");
        assertThat(outcome.checkpointToRemember()).isEmpty();
    }

    @Test
    void growingLogIsConsistentWithTheRememberedCheckpoint() throws Exception {
        TestLog log = TestLog.scenario();
        SignedCheckpoint earlier = TestLog.checkpoint(log.leaves().subList(0, 10), LOG_KEY);
        AuditOutcome outcome = audit(TestLog.export(log.leaves(), LOG_KEY), Optional.of(earlier));
        assertThat(outcome.report().findings()).isEmpty();
        assertThat(outcome.report().facts()).containsEntry("state",
                "consistent with the remembered checkpoint of size 10");
        assertThat(outcome.checkpointToRemember()).isPresent();
    }

    @Test
    void rewrittenHistoryIsAnR10ViolationWithEvidence() throws Exception {
        TestLog log = TestLog.scenario();
        SignedCheckpoint remembered = TestLog.checkpoint(log.leaves().subList(0, 12), LOG_KEY);
        // A valid log sharing the first 11 leaves, then continuing differently.
        List<byte[]> history = new ArrayList<>(log.leaves().subList(0, TestLog.SECOND_REVIEW));
        history.addAll(otherReview(log));
        AuditOutcome outcome = audit(TestLog.export(history, LOG_KEY), Optional.of(remembered));
        VerificationReport report = outcome.report();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.CONSISTENCY);
            assertThat(f.leafIndex()).isEqualTo(11);
            assertThat(f.expected()).contains(remembered.checkpoint().rootHash().hex());
        });
        Sha256Digest implied = TestLog.root(history.subList(0, 12));
        assertThat(implied).isNotEqualTo(remembered.checkpoint().rootHash());
        assertThat(report.facts()).containsEntry("evidence: root implied by the export at size 12", implied.hex());
        String proofFact = report.facts().get("evidence: consistency proof 12 -> " + history.size()
                + " from the export's leaves (RFC 9162 §2.1.4.1)");
        List<Sha256Digest> proof = proofFact.lines().map(LogAuditorTest::digest).toList();
        ConsistencyProofVerifier.verify(12, history.size(), proof, implied, TestLog.root(history));
        assertThat(report.facts().get("evidence: remembered checkpoint (signed note)"))
                .isEqualTo(remembered.toString());
        assertThat(report.facts().get("meaning")).startsWith("the log key signed two checkpoints that cannot both hold");
        assertThat(outcome.checkpointToRemember()).isEmpty();
    }

    /** A second review by reviewer-2 rejecting instead of confirming, then another detection. */
    private static List<byte[]> otherReview(TestLog other) {
        TestLog fork = new TestLog();
        for (int i = 0; i < TestLog.SECOND_REVIEW; i++) {
            fork.append(other.event(i));
        }
        fork.append(new MatchReviewed(TestLog.MATCH, Verdict.REJECT, "different person"),
                EventFixtures.SECOND_REVIEWER_SEED);
        fork.append(TestLog.secondDetection(), EventFixtures.CAMERA_SEED);
        // reviewer-1 already reviewed the match: another review by it would be an R1 violation
        fork.append(TestLog.secondDetection(), EventFixtures.CAMERA_SEED);
        return fork.leaves().subList(TestLog.SECOND_REVIEW, fork.size());
    }

    private static Sha256Digest digest(String hex) {
        try {
            return Sha256Digest.fromHex(hex);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shrunkenLogIsAnR10ViolationAndStops() throws Exception {
        TestLog log = TestLog.scenario();
        SignedCheckpoint remembered = TestLog.checkpoint(log.leaves(), LOG_KEY);
        AuditOutcome outcome = audit(TestLog.export(log.leaves().subList(0, 10), LOG_KEY), Optional.of(remembered));
        VerificationReport report = outcome.report();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.CONSISTENCY);
            assertThat(f.found()).isEqualTo("tree size 10: the log shrank by 4 leaves");
        });
        assertThat(report.facts()).containsKeys("evidence: remembered checkpoint (signed note)",
                "evidence: export checkpoint (signed note)", "stopped");
        assertThat(outcome.checkpointToRemember()).isEmpty();
    }

    @Test
    void rememberedCheckpointOfAnotherKeyFailsClosed() throws Exception {
        TestLog log = TestLog.scenario();
        SignedCheckpoint foreign = TestLog.checkpoint(log.leaves().subList(0, 5), TestLog.logKey(TestLog.OTHER_LOG_SEED));
        AuditOutcome outcome = audit(TestLog.export(log.leaves(), LOG_KEY), Optional.of(foreign));
        assertThat(outcome.report().findings()).singleElement()
                .satisfies(f -> assertThat(f.rule()).isEqualTo(Rule.INPUT));
        assertThat(outcome.checkpointToRemember()).isEmpty();
    }

    @Test
    void findingsAreCappedPerRuleButAllCounted() throws Exception {
        TestLog log = TestLog.scenario();
        SignedEvent replayed = log.event(TestLog.ACTION);
        List<byte[]> leaves = log.leaves();
        for (int i = 0; i < LogAuditor.MAX_FINDINGS_PER_RULE + 5; i++) {
            leaves.add(replayed.leafBytes());
        }
        VerificationReport report = audit(TestLog.export(leaves, LOG_KEY));
        assertThat(of(report, Rule.CHAIN)).hasSize(LogAuditor.MAX_FINDINGS_PER_RULE);
        assertThat(report.omitted()).containsEntry(Rule.CHAIN, 5L);
        assertThat(report.violationCount()).isEqualTo(LogAuditor.MAX_FINDINGS_PER_RULE + 5L);
        assertThat(TextReportWriter.render(report)).contains("VIOLATION chain (hash chain): 5 more not listed\n")
                .endsWith("RESULT: FAIL — 1005 violations\n");
    }

    @Test
    void aTamperedReviewsSignatureIsTheRootCauseListedBeforeTheChainGapsItCauses() throws Exception {
        TestLog log = TestLog.scenario();
        List<byte[]> leaves = log.leaves();
        byte[] review = leaves.get(TestLog.FIRST_REVIEW);
        review[new String(review, StandardCharsets.UTF_8).indexOf("scar above")] ^= 0x01;
        // Re-signed checkpoint: the operator holds the log key, so only the event's signature tells.
        VerificationReport report = audit(TestLog.export(leaves, LOG_KEY));
        List<Finding> ordered = report.findingsRootFirst();
        assertThat(ordered).extracting(Finding::rule, Finding::leafIndex, Finding::causeLeaf).startsWith(
                org.assertj.core.groups.Tuple.tuple(Rule.SIGNATURE, (long) TestLog.FIRST_REVIEW, -1L),
                org.assertj.core.groups.Tuple.tuple(Rule.CHAIN, TestLog.FIRST_REVIEW + 1L, (long) TestLog.FIRST_REVIEW),
                org.assertj.core.groups.Tuple.tuple(Rule.CHAIN, TestLog.FIRST_REVIEW + 2L, (long) TestLog.FIRST_REVIEW));
        assertThat(report.consequencesOf(ordered.get(0))).isEqualTo(2);
        String text = TextReportWriter.render(report);
        assertThat(text).contains("VIOLATION signature (signer and signature) at leaf " + TestLog.FIRST_REVIEW
                + " (event ev-" + TestLog.FIRST_REVIEW + ") [ROOT CAUSE of the 2 violations below]")
                .contains("  VIOLATION chain (hash chain) at leaf " + (TestLog.FIRST_REVIEW + 1) + " (event ev-"
                        + (TestLog.FIRST_REVIEW + 1) + ") [consequence of leaf " + TestLog.FIRST_REVIEW + "]");
        // The review and the action were rejected, so the match stands proposed and unreviewed.
        assertThat(report.matchStates()).containsExactly(java.util.Map.entry(MatchState.UNREVIEWED, 1L),
                java.util.Map.entry(MatchState.INCONCLUSIVE, 0L), java.util.Map.entry(MatchState.CONFIRMED, 0L),
                java.util.Map.entry(MatchState.REJECTED, 0L), java.util.Map.entry(MatchState.ACTIONED, 0L));
    }

    @Test
    void matchesAreCountedByTheirStateAtTheEndOfTheLog() throws Exception {
        VerificationReport actioned = audit(TestLog.export(TestLog.scenario().leaves(), LOG_KEY));
        assertThat(actioned.matchStates()).containsEntry(MatchState.ACTIONED, 1L)
                .containsEntry(MatchState.UNREVIEWED, 0L);
        // Without the action: confirmed by both reviewers.
        List<byte[]> leaves = TestLog.scenario().leaves();
        leaves.remove(TestLog.ACTION);
        VerificationReport confirmed = audit(TestLog.export(leaves, LOG_KEY));
        assertThat(confirmed.matchStates()).containsEntry(MatchState.CONFIRMED, 1L)
                .containsEntry(MatchState.ACTIONED, 0L);
        // Without the reviews and the action: unreviewed.
        List<byte[]> proposedOnly = TestLog.scenario().leaves().subList(0, TestLog.FIRST_REVIEW);
        assertThat(audit(TestLog.export(new ArrayList<>(proposedOnly), LOG_KEY)).matchStates())
                .containsEntry(MatchState.UNREVIEWED, 1L).containsEntry(MatchState.CONFIRMED, 0L);
        // One confirmation of the two R1 requires: reviewed but undecided, never "confirmed" (the
        // table and rule R1 share the domain's one definition of a match's state).
        List<byte[]> oneReview = new ArrayList<>(TestLog.scenario().leaves().subList(0, TestLog.SECOND_REVIEW));
        assertThat(audit(TestLog.export(oneReview, LOG_KEY)).matchStates())
                .containsEntry(MatchState.INCONCLUSIVE, 1L).containsEntry(MatchState.CONFIRMED, 0L);
    }

    @Test
    void sameInputGivesTheSameReport() throws Exception {
        List<byte[]> leaves = TestLog.scenario().leaves();
        leaves.remove(3);
        byte[] export = TestLog.export(leaves, LOG_KEY);
        assertThat(TextReportWriter.render(audit(export))).isEqualTo(TextReportWriter.render(audit(export)));
    }
}
