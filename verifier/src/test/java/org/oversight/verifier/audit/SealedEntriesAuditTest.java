package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.recognition.projection.EnrolmentAvailability;
import org.oversight.recognition.projection.ProjectionState;
import org.oversight.recognition.projection.RecognitionProjection;
import org.oversight.recognition.projection.RecordAvailability;
import org.oversight.recognition.projection.SealedRecordSource;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.JsonReportWriter;
import org.oversight.verifier.report.NotRederived;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.VerificationReport;

/**
 * {@code verifier audit} over a log whose watchlist entry is schema 2 (docs/format.md §12.7): the
 * entry's templates come from its sealed enrolment record in a records file, checked against the
 * entry leaf; without it the match on a clear detection is "not re-derived" naming the entry;
 * an epoch close that erases a live entry's record is an R5 violation and the decision erased.
 */
class SealedEntriesAuditTest {
    private static final Ed25519NoteSigner LOG_KEY = TestLog.logKey(TestLog.LOG_SEED);
    private static final String ENTRY = "wl-2026-0001";

    /** The scenario's principals, policy and camera; an epoch; person A's entry sealed; A detected and matched. */
    static final class Log {
        final TestLog log = new TestLog();
        final SealedEnrolmentRecord enrolment;
        final SignedEvent entry;
        final SignedEvent disclosure;
        final int entryLeaf;
        final int proposalLeaf;

        Log(boolean keepEntry) {
            TestLog scenario = TestLog.scenario();
            for (int i = 0; i < 7; i++) {
                log.append(scenario.event(i));
            }
            ErasureEpochOpened f = EventFixtures.erasureEpochOpened();
            ErasureEpochOpened epoch = new ErasureEpochOpened(f.epoch(), EventFixtures.time("2026-11-01T00:00:00.000Z"),
                    EventFixtures.time("2026-11-28T00:00:00.000Z"), EventFixtures.time("2026-11-28T01:00:00.000Z"),
                    f.recipients());
            log.append(epoch, EventFixtures.AUTHORITY_SEED);
            WatchlistEntryAuthorized clear = TestLog.watchlistEntry(TestLog.personA());
            byte[] crop = new byte[150 * 150 * 3];
            Arrays.fill(crop, (byte) 7);
            byte[] nonce = new byte[32];
            Arrays.fill(nonce, (byte) 9);
            enrolment = SealedEnrolmentRecord.of(ENTRY, List.of(new EnrolmentRecord.Crop(crop,
                    clear.templates().get(0))), nonce);
            entryLeaf = log.size();
            entry = log.append(new SealedWatchlistEntryAuthorized(clear.entry(), clear.subject(), clear.category(),
                    clear.authorisationRef(), clear.authorisedBy(), clear.validFrom(), clear.validUntil(),
                    clear.sourceImageDigest(), clear.templates().get(0).modelId(), clear.templates().get(0).format(), 1,
                    new SealedRecordRef(EventFixtures.digestOf("enrolment blob"), enrolment.commitment(), f.epoch())),
                    EventFixtures.OFFICER_SEED);
            int detectionLeaf = log.size();
            log.append(TestLog.firstDetection(), EventFixtures.CAMERA_SEED);
            MatchProposed match = derive(detectionLeaf);
            proposalLeaf = log.size();
            log.append(match, EventFixtures.ENGINE_SEED);
            log.append(TestLog.firstReview(match.match()), EventFixtures.REVIEWER_SEED);
            log.append(TestLog.secondReview(match.match()), EventFixtures.SECOND_REVIEWER_SEED);
            log.append(TestLog.action(match.match()), EventFixtures.OFFICER_SEED);
            SealedWatchlistEntryAuthorized e = (SealedWatchlistEntryAuthorized) entry.payload();
            List<KeptRecord> kept = keepEntry ? List.of(new KeptRecord(e.authorisationRef(),
                    new DetectionRef(entry.eventHash(), entryLeaf), KeepReason.WATCHLIST_ENTRY, e.validUntil()))
                    : List.of();
            log.append(new ErasureEpochClosed(f.epoch(), kept, keepEntry ? 0 : 1), EventFixtures.ENGINE_SEED);
            disclosure = log.append(RecordDisclosed.withEntries("d-audit-1", List.of(), List.of(ENTRY),
                    DisclosurePurpose.AUDIT, "AUDIT-2026-Q4", "Auditor: Privacy Commissioner"),
                    EventFixtures.AUTHORITY_SEED);
        }

        /** The engine's source: the entry's enrolment templates. */
        SealedRecordSource engine() {
            return new SealedRecordSource() {
                @Override
                public RecordAvailability open(DetectionRef d, SignedEvent e) {
                    return RecordAvailability.withheld("no detection records");
                }

                @Override
                public EnrolmentAvailability openEnrolment(DetectionRef d, SignedEvent e) {
                    return EnrolmentAvailability.available(enrolment.templates());
                }
            };
        }

        private MatchProposed derive(int leaf) {
            try {
                ProjectionState state = ProjectionState.initial();
                for (int i = 0; i < leaf; i++) {
                    state = RecognitionProjection.apply(state, i, log.event(i), engine()).state();
                }
                List<MatchProposed> d = RecognitionProjection.apply(state, leaf, log.event(leaf), engine()).decisions();
                assertThat(d).hasSize(1);
                return d.get(0);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private static VerificationReport audit(Log s, DisclosedRecords records) throws Exception {
        byte[] export = TestLog.export(s.log.leaves(), LOG_KEY);
        AuditOptions o = AuditOptions.defaults();
        LogAuditor auditor = new LogAuditor(LOG_KEY.verifier(), TestLog.ORIGIN, records == null ? o
                : o.withRecords(records));
        VerificationReport single = auditor.audit(new ByteArrayInputStream(export), Optional.empty(),
                AuditProgress.NONE).report();
        AuditOptions p = AuditOptions.defaults().withParallelism(3).withBatchSize(2);
        VerificationReport parallel = new LogAuditor(LOG_KEY.verifier(), TestLog.ORIGIN, records == null ? p
                : p.withRecords(records)).audit(new ByteArrayInputStream(export), Optional.empty(), AuditProgress.NONE)
                .report();
        assertThat(JsonReportWriter.render(parallel)).isEqualTo(JsonReportWriter.render(single));
        return single;
    }

    private static List<Finding> findings(VerificationReport r, Rule rule) {
        return r.findings().stream().filter(f -> f.rule() == rule).toList();
    }

    @Test
    void withTheDisclosedSealedEnrolmentRecordTheMatchIsRederivedAndTheLogIsClean() throws Exception {
        Log s = new Log(true);
        DisclosedRecords records = new DisclosedRecords();
        records.addSealedEnrolment("a.records", s.disclosure.eventHash(), s.enrolment);
        VerificationReport r = audit(s, records);
        assertThat(r.findings()).as(org.oversight.verifier.report.TextReportWriter.render(r)).isEmpty();
        assertThat(r.notRederived()).isEmpty();
        assertThat(r.facts().get("projection")).startsWith("1 decision derived by oversight-engine/1, 1 MatchProposed"
                + " accepted, 1 agree");
        assertThat(r.facts().get("sealed records")).contains("1 sealed enrolment record(s) given, 1 opened their entry's"
                + " commitment and were used");
    }

    @Test
    void withoutItTheMatchIsNotRederivedWithTheEntryNamed() throws Exception {
        Log s = new Log(true);
        VerificationReport r = audit(s, null);
        assertThat(findings(r, Rule.PROJECTION)).isEmpty();
        assertThat(r.notRederived()).singleElement().satisfies(n -> {
            assertThat(n.leafIndex()).isEqualTo(s.proposalLeaf);
            assertThat(n.reason()).isEqualTo(NotRederived.Reason.WITHHELD);
            assertThat(n.detail()).isEqualTo("entry " + ENTRY + "'s enrolment record (leaf " + s.entryLeaf + "): epoch "
                    + EventFixtures.EPOCH + " closed, record kept; the record was not given to the verifier");
        });
    }

    @Test
    void aCloseErasingTheLiveEntrysRecordIsAnR5ViolationAndTheMatchIsNotRederivedErased() throws Exception {
        Log s = new Log(false);
        VerificationReport r = audit(s, null);
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(Rule.R5_ERASURE);
            assertThat(f.found()).isEqualTo("not kept: its templates are erased while the entry is live");
        });
        assertThat(r.notRederived()).singleElement().satisfies(n -> {
            assertThat(n.reason()).isEqualTo(NotRederived.Reason.ERASED);
            assertThat(n.detail()).isEqualTo("epoch " + EventFixtures.EPOCH + " closed without keeping entry " + ENTRY
                    + "'s enrolment record (leaf " + s.entryLeaf + ")");
        });
        // The disclosure after the close names an erased entry record: R5(c).
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.found()).isEqualTo("the entry " + ENTRY + " at leaf "
                + s.entryLeaf + " was erased by epoch " + EventFixtures.EPOCH + "'s close at leaf " + (s.proposalLeaf + 4)
                + " (not kept)"));
    }
}
