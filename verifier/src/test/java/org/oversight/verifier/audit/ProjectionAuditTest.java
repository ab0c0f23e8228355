package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.SnapshotRef;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.recognition.projection.Discrepancy;
import org.oversight.recognition.projection.LoggedEvent;
import org.oversight.recognition.projection.MatchIds;
import org.oversight.recognition.projection.ProjectionReplay;
import org.oversight.verifier.report.Check;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.JsonReportWriter;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.VerificationReport;

/**
 * The projection replay through {@code verifier audit} over real signed logs: real version-1
 * templates, matches derived by the recognition projection and signed by the engine key. Every
 * tampered log below is validly signed event by event (the operator holds the emitters' keys, or
 * an emitter is compromised) and its checkpoint covers exactly its leaves, so only the rules can
 * catch it; each test asserts the exact set of findings.
 */
class ProjectionAuditTest {
    private static final Ed25519NoteSigner LOG_KEY = TestLog.logKey(TestLog.LOG_SEED);
    private static final String ENTRY = "wl-2026-0001";

    /** Audits single-threaded and in parallel with small and odd batches: the reports must be equal. */
    private static VerificationReport audit(TestLog log, long graceLeaves) throws Exception {
        byte[] export = TestLog.export(log.leaves(), LOG_KEY);
        VerificationReport single = new LogAuditor(LOG_KEY.verifier(), TestLog.ORIGIN,
                AuditOptions.defaults().withProjectionGraceLeaves(graceLeaves)).audit(new ByteArrayInputStream(export), Optional.empty(), AuditProgress.NONE).report();
        for (int[] config : new int[][] {{3, 5}, {2, 1}}) {
            VerificationReport parallel = new LogAuditor(LOG_KEY.verifier(), TestLog.ORIGIN, AuditOptions.defaults()
                    .withParallelism(config[0]).withBatchSize(config[1]).withProjectionGraceLeaves(graceLeaves)).audit(new ByteArrayInputStream(export), Optional.empty(), AuditProgress.NONE)
                    .report();
            assertThat(JsonReportWriter.render(parallel)).as("parallelism %d, batch %d", config[0], config[1])
                    .isEqualTo(JsonReportWriter.render(single));
        }
        return single;
    }

    private static VerificationReport audit(TestLog log) throws Exception {
        return audit(log, LogAuditor.PROJECTION_GRACE_LEAVES);
    }

    /** The scenario's principals, policy and camera (leaves 0–6), then entry wl-2026-0001 with {@code template} at leaf 7. */
    private static TestLog setup(Template template) {
        TestLog scenario = TestLog.scenario();
        TestLog log = new TestLog();
        for (int i = 0; i < 7; i++) {
            log.append(scenario.event(i));
        }
        log.append(TestLog.watchlistEntry(template), EventFixtures.OFFICER_SEED);
        return log;
    }

    /** Person A seen again, a minute later. */
    private static SignedEvent seeAgain(TestLog log) {
        return log.append(TestLog.withTemplate(TestLog.secondDetection(), TestLog.personASeenByCamera()),
                EventFixtures.CAMERA_SEED);
    }

    /**
     * The scenario with its match (leaf 9) replaced by {@code tampered}, signed by the engine key, and
     * the reviews and action that follow it in its stream re-signed by their signers.
     */
    private static TestLog scenarioWithMatch(MatchProposed tampered) {
        TestLog scenario = TestLog.scenario();
        TestLog log = new TestLog();
        for (int i = 0; i <= TestLog.FIRST_DETECTION; i++) {
            log.append(scenario.event(i));
        }
        log.append(tampered, EventFixtures.ENGINE_SEED);
        log.append(scenario.event(TestLog.FIRST_REVIEW).payload(), EventFixtures.REVIEWER_SEED);
        log.append(scenario.event(TestLog.SECOND_REVIEW).payload(), EventFixtures.SECOND_REVIEWER_SEED);
        log.append(scenario.event(TestLog.ACTION).payload(), EventFixtures.OFFICER_SEED);
        log.append(scenario.event(TestLog.ACTION + 1));
        return log;
    }

    private static MatchProposed honestMatch() {
        return (MatchProposed) TestLog.scenario().event(TestLog.FIRST_DETECTION + 1).payload();
    }

    private static List<Finding> exactly(VerificationReport report, Tuple... expected) {
        assertThat(report.findings()).extracting(Finding::rule, Finding::leafIndex).containsExactly(expected);
        assertThat(report.passed()).isEqualTo(expected.length == 0);
        return report.findings();
    }

    private static Tuple projectionAt(long leaf) {
        return Tuple.tuple(Rule.PROJECTION, leaf);
    }

    private static Check projectionCheck(VerificationReport report) {
        return report.checks().stream().filter(c -> c.rule() == Rule.PROJECTION).findFirst().orElseThrow();
    }

    @Test
    void cleanLifecycleWhoseMatchTheProjectionProducedPasses() throws Exception {
        VerificationReport report = audit(TestLog.scenario());
        exactly(report);
        assertThat(projectionCheck(report)).satisfies(c -> {
            assertThat(c.passed()).isTrue();
            assertThat(c.subject()).isEqualTo("1 decision, 1 match");
        });
        assertThat(report.facts().get("projection")).isEqualTo("1 decision derived by oversight-engine/1, 1"
                + " MatchProposed accepted, 1 agree; 0 detections not searched (no policy, model or format mismatch,"
                + " malformed template); 0 missing; none pending");
    }

    @Test
    void injectedMatchIsExtraAtItsLeaf() throws Exception {
        TestLog log = TestLog.scenario();
        SignedEvent personB = log.event(TestLog.SCENARIO_SIZE - 1);
        MatchProposed honest = honestMatch();
        // Within the threshold, against an authorised entry, naming a real detection: R2, R3 and R6 hold.
        log.append(new MatchProposed(MatchIds.derive(personB.eventHash(), TestLog.SCENARIO_SIZE - 1, ENTRY),
                new DetectionRef(personB.eventHash(), TestLog.SCENARIO_SIZE - 1), ENTRY, 4000, honest.threshold(),
                honest.watchlistSnapshot(), honest.modelId(), honest.engineVersion()), EventFixtures.ENGINE_SEED);
        Finding f = exactly(audit(log), projectionAt(TestLog.SCENARIO_SIZE)).get(0);
        assertThat(f.eventId()).isEqualTo("ev-" + TestLog.SCENARIO_SIZE);
        assertThat(f.expected()).startsWith("no MatchProposed for detection leaf 13 and entry " + ENTRY
                + " (the projection derives no such decision");
        assertThat(f.found()).startsWith("EXTRA: match m-").contains("score 4000");
    }

    @Test
    void suppressedMatchIsMissingAtTheDetectionsLeaf() throws Exception {
        TestLog log = setup(TestLog.personA());
        log.append(TestLog.firstDetection(), EventFixtures.CAMERA_SEED);
        MatchProposed suppressed = log.decision(8);
        seeAgain(log);
        log.append(log.decision(9), EventFixtures.ENGINE_SEED);
        VerificationReport report = audit(log);
        Finding f = exactly(report, projectionAt(8)).get(0);
        assertThat(f.eventId()).isEqualTo("ev-8");
        assertThat(f.expected()).isEqualTo("a MatchProposed after leaf 8: match " + suppressed.match() + ", detection "
                + suppressed.detection().eventHash().hex() + " at leaf 8, candidateEntry " + ENTRY + ", score "
                + suppressed.score() + ", threshold 5200, watchlistSnapshot " + suppressed.watchlistSnapshot().root().hex()
                + " size 1, modelId " + TestLog.MODEL + ", engineVersion oversight-engine/1");
        assertThat(f.found()).isEqualTo("none in the log (MISSING; the engine already proposed for the detection at"
                + " leaf 9)");
        assertThat(projectionCheck(report).passed()).isFalse();
        assertThat(report.facts().get("projection")).contains("2 decisions derived", "1 agree", "1 missing");
    }

    @Test
    void aDecisionNotYetProposedAtTheEndIsPendingWithinTheGraceAndMissingBeyondIt() throws Exception {
        TestLog log = setup(TestLog.personA());
        log.append(TestLog.firstDetection(), EventFixtures.CAMERA_SEED);
        log.append(TestLog.secondDetection(), EventFixtures.CAMERA_SEED); // person B: no decision
        VerificationReport pending = audit(log, 2);
        exactly(pending);
        assertThat(pending.facts().get("projection")).endsWith("0 missing; 1 pending, not judged: for detections"
                + " from leaf 8 on, after the last detection the engine proposed for (none yet) and within the last 2"
                + " leaves; a later audit decides them");
        Finding f = exactly(audit(log, 1), projectionAt(8)).get(0);
        assertThat(f.found()).isEqualTo("none in the log (MISSING; the detection is more than 1 leaves before the"
                + " end of the log)");
    }

    @Test
    void aDetectionAfterTheEnginesLastProposalIsPendingAndTheAuditPasses() throws Exception {
        TestLog log = TestLog.scenario();
        seeAgain(log); // leaf 14: person A again, its proposal not yet appended
        VerificationReport report = audit(log);
        exactly(report);
        assertThat(projectionCheck(report).passed()).isTrue();
        assertThat(report.facts().get("projection")).startsWith("2 decisions derived by oversight-engine/1, 1"
                + " MatchProposed accepted, 1 agree").endsWith("0 missing; 1 pending, not judged: for detections from"
                + " leaf 14 on, after the last detection the engine proposed for (leaf 8) and within the last 10000"
                + " leaves; a later audit decides them");
    }

    @Test
    void alteredScoreIsDiffering() throws Exception {
        MatchProposed m = honestMatch();
        long score = m.score() + 100; // still within the threshold: R6 holds
        TestLog log = scenarioWithMatch(new MatchProposed(m.match(), m.detection(), m.candidateEntry(), score,
                m.threshold(), m.watchlistSnapshot(), m.modelId(), m.engineVersion()));
        Finding f = exactly(audit(log), projectionAt(9)).get(0);
        assertThat(f.eventId()).isEqualTo("ev-9");
        assertThat(f.expected()).isEqualTo("the derived decision: score " + m.score());
        assertThat(f.found()).isEqualTo("DIFFERING: score " + score);
    }

    @Test
    void alteredScoreOutsideTheThresholdIsAlsoR6() throws Exception {
        MatchProposed m = honestMatch();
        TestLog log = scenarioWithMatch(new MatchProposed(m.match(), m.detection(), m.candidateEntry(), 6000,
                m.threshold(), m.watchlistSnapshot(), m.modelId(), m.engineVersion()));
        exactly(audit(log), Tuple.tuple(Rule.R6_THRESHOLD, 9L), projectionAt(9));
    }

    @Test
    void alteredSnapshotRootIsDiffering() throws Exception {
        MatchProposed m = honestMatch();
        SnapshotRef forged = new SnapshotRef(EventFixtures.digestOf("a smaller watchlist"), 1);
        TestLog log = scenarioWithMatch(new MatchProposed(m.match(), m.detection(), m.candidateEntry(), m.score(),
                m.threshold(), forged, m.modelId(), m.engineVersion()));
        Finding f = exactly(audit(log), projectionAt(9)).get(0);
        assertThat(f.expected()).isEqualTo("the derived decision: watchlistSnapshot.root "
                + m.watchlistSnapshot().root().hex());
        assertThat(f.found()).isEqualTo("DIFFERING: watchlistSnapshot.root " + forged.root().hex());
    }

    @Test
    void alteredCandidateIsExtraAndTheDerivedDecisionMissing() throws Exception {
        // Two authorised entries; the engine names the other one. R3 holds (it is authorised and valid),
        // but the pairing is by (detection, entry): the logged match is extra and the derived one missing.
        TestLog log = setup(TestLog.personA());
        WatchlistEntryAuthorized b = TestLog.watchlistEntry(TestLog.personB());
        log.append(new WatchlistEntryAuthorized("wl-2026-0002", "subj-b", b.category(), "warrant HKM-2026-1235",
                b.authorisedBy(), b.validFrom(), b.validUntil(), b.templates(), EventFixtures.digestOf("source image b")),
                EventFixtures.OFFICER_SEED);
        log.append(TestLog.firstDetection(), EventFixtures.CAMERA_SEED);
        MatchProposed m = log.decision(9);
        assertThat(m.watchlistSnapshot().size()).isEqualTo(2);
        log.append(new MatchProposed(m.match(), m.detection(), "wl-2026-0002", m.score(), m.threshold(),
                m.watchlistSnapshot(), m.modelId(), m.engineVersion()), EventFixtures.ENGINE_SEED);
        List<Finding> f = exactly(audit(log), projectionAt(10), projectionAt(9));
        assertThat(f.get(0).found()).startsWith("EXTRA: ").contains("candidateEntry wl-2026-0002");
        assertThat(f.get(1).expected()).contains("candidateEntry " + ENTRY);
        assertThat(f.get(1).found()).contains("MISSING; the engine already proposed for the detection at leaf 9");
    }

    @Test
    void alteredEntryTemplateResignedByTheOfficerNoLongerAgreesWithTheLoggedMatch() throws Exception {
        TestLog scenario = TestLog.scenario();
        TestLog log = setup(TestLog.template(37, 101, 50, 3)); // a different enrolment photo, validly signed
        for (int i = TestLog.FIRST_DETECTION; i < TestLog.SCENARIO_SIZE; i++) {
            log.append(scenario.event(i));
        }
        MatchProposed now = log.decision(TestLog.FIRST_DETECTION);
        MatchProposed logged = honestMatch();
        assertThat(now.score()).isNotEqualTo(logged.score());
        Finding f = exactly(audit(log), projectionAt(9)).get(0);
        assertThat(f.expected()).isEqualTo("the derived decision: score " + now.score() + ", watchlistSnapshot.root "
                + now.watchlistSnapshot().root().hex());
        assertThat(f.found()).isEqualTo("DIFFERING: score " + logged.score() + ", watchlistSnapshot.root "
                + logged.watchlistSnapshot().root().hex());
    }

    /**
     * With no grace the streaming pairing reports exactly what {@link ProjectionReplay#compare}
     * finds over the whole (fully accepted) log, at the same leaves.
     */
    @Test
    void withoutGraceTheStreamingReplayAgreesWithTheWholeLogComparison() throws Exception {
        MatchProposed m = honestMatch();
        List<TestLog> logs = new ArrayList<>();
        logs.add(TestLog.scenario());
        logs.add(scenarioWithMatch(new MatchProposed(m.match(), m.detection(), m.candidateEntry(), m.score() + 1,
                m.threshold(), m.watchlistSnapshot(), m.modelId(), m.engineVersion())));
        logs.add(scenarioWithMatch(new MatchProposed(m.match(), m.detection(), "wl-2026-0009", m.score(),
                m.threshold(), m.watchlistSnapshot(), m.modelId(), m.engineVersion())));
        TestLog tail = setup(TestLog.personA());
        tail.append(TestLog.firstDetection(), EventFixtures.CAMERA_SEED);
        seeAgain(tail);
        logs.add(tail);
        for (TestLog log : logs) {
            List<LoggedEvent> events = new ArrayList<>();
            for (int i = 0; i < log.size(); i++) {
                events.add(new LoggedEvent(i, log.event(i)));
            }
            List<Long> expected = new ArrayList<>();
            for (Discrepancy d : ProjectionReplay.compare(events)) {
                if (d instanceof Discrepancy.Extra extra) {
                    expected.add(extra.leafIndex());
                } else if (d instanceof Discrepancy.Differing differing) {
                    expected.add(differing.leafIndex());
                } else {
                    expected.add(d.detectionLeafIndex());
                }
            }
            List<Long> found = audit(log, 0).findings().stream().filter(f -> f.rule() == Rule.PROJECTION)
                    .map(Finding::leafIndex).toList();
            assertThat(found).isEqualTo(expected);
        }
    }
}
