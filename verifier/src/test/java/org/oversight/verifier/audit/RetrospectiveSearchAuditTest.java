package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.RetrospectiveSearchAuthorized;
import org.oversight.domain.event.RetrospectiveSearchDestroyed;
import org.oversight.domain.event.SearchHit;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.export.RecordsFile;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.JsonReportWriter;
import org.oversight.verifier.report.NotRederived;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.TextReportWriter;
import org.oversight.verifier.report.VerificationReport;

/**
 * {@code verifier audit} over logs with a retrospective search (rule R4, docs/rules.md): the hits
 * re-derived from the records given ({@code --records}) over exactly S, a mismatch reported as R4,
 * a search whose records are not all held listed as not re-derived; and the tamper cases of issue
 * #12 by an adversary holding every key, each caught.
 */
class RetrospectiveSearchAuditTest {
    private static final Ed25519NoteSigner LOG_KEY = TestLog.logKey(TestLog.LOG_SEED);

    private static VerificationReport audit(SearchLog s, List<RecordsFile.Entry> records, EventHash disclosure)
            throws Exception {
        byte[] export = TestLog.export(s.log.leaves(), LOG_KEY);
        VerificationReport single = auditor(1, 256, records, disclosure).audit(new ByteArrayInputStream(export),
                Optional.empty(), AuditProgress.NONE).report();
        VerificationReport parallel = auditor(3, 2, records, disclosure).audit(new ByteArrayInputStream(export),
                Optional.empty(), AuditProgress.NONE).report();
        assertThat(JsonReportWriter.render(parallel)).isEqualTo(JsonReportWriter.render(single));
        return single;
    }

    private static VerificationReport audit(SearchLog s) throws Exception {
        return audit(s, null, null);
    }

    private static LogAuditor auditor(int threads, int batch, List<RecordsFile.Entry> records, EventHash disclosure) {
        AuditOptions options = AuditOptions.defaults().withParallelism(threads).withBatchSize(batch);
        if (records != null) {
            DisclosedRecords r = new DisclosedRecords();
            r.add("search.records", disclosure, records);
            options = options.withRecords(r);
        }
        return new LogAuditor(LOG_KEY.verifier(), TestLog.ORIGIN, options);
    }

    private static List<Finding> findings(VerificationReport r, Rule rule) {
        return r.findings().stream().filter(f -> f.rule() == rule).toList();
    }

    /** The findings of the rules this test is about (R11 and the rest are judged elsewhere). */
    private static List<Finding> searchRelevant(VerificationReport r) {
        return r.findings().stream().filter(f -> f.rule() == Rule.R4_RETROSPECTIVE_SEARCH
                || f.rule() == Rule.R5_ERASURE || f.rule() == Rule.PROJECTION || f.rule() == Rule.SEALED_RECORD
                || f.rule() == Rule.R_DISCLOSURE).toList();
    }

    @Test
    void anHonestSearchIsRederivedFromTheRecordsAndAgrees() throws Exception {
        SearchLog s = new SearchLog();
        s.append(s.honest(), EventFixtures.ENGINE_SEED);
        s.append(new RetrospectiveSearchAuthorized(SearchLog.SEARCH, "order HKM-2026-1301"),
                EventFixtures.AUTHORITY_SEED);
        SignedEvent disclosure = s.discloseBoth();
        VerificationReport r = audit(s, s.records(true, true), disclosure.eventHash());
        assertThat(searchRelevant(r)).as(TextReportWriter.render(r)).isEmpty();
        assertThat(r.notRederived()).isEmpty();
        assertThat(r.facts().get("projection")).contains("1 retrospective search re-derived from the records held, 1"
                + " agree; 0 not re-derived");
        assertThat(r.checks()).anyMatch(c -> c.rule() == Rule.R4_RETROSPECTIVE_SEARCH && c.passed()
                && c.subject().startsWith("1 search request, 1 performed, 1 authorised, 0 destroyed"));
    }

    @Test
    void aTamperedScoreIsAnR4FindingWhenTheRecordsAreHeld() throws Exception {
        SearchLog s = new SearchLog();
        long performedLeaf = s.size();
        s.append(s.performed(2, new SearchHit(s.refA(), s.match.score() + 1)), EventFixtures.ENGINE_SEED);
        SignedEvent disclosure = s.discloseBoth();
        VerificationReport r = audit(s, s.records(true, true), disclosure.eventHash());
        assertThat(findings(r, Rule.R4_RETROSPECTIVE_SEARCH)).singleElement().satisfies(f -> {
            assertThat(f.leafIndex()).isEqualTo(performedLeaf);
            assertThat(f.expected()).startsWith("the hits re-derived from the 2 records of the searchable set S");
            assertThat(f.found()).isEqualTo("differing scores: leaf " + s.leafA + " score " + s.match.score()
                    + " (logged " + (s.match.score() + 1) + ")");
        });
        assertThat(r.passed()).isFalse();
    }

    @Test
    void aSuppressedHitIsAnR4FindingWhenTheRecordsAreHeld() throws Exception {
        SearchLog s = new SearchLog();
        s.append(s.performed(2), EventFixtures.ENGINE_SEED);
        SignedEvent disclosure = s.discloseBoth();
        VerificationReport r = audit(s, s.records(true, true), disclosure.eventHash());
        assertThat(findings(r, Rule.R4_RETROSPECTIVE_SEARCH)).singleElement().extracting(Finding::found)
                .isEqualTo("missing hits: leaf " + s.leafA + " score " + s.match.score());
    }

    @Test
    void aSearchWhoseRecordsAreNotAllHeldIsListedNotRederivedWithTheCount() throws Exception {
        SearchLog s = new SearchLog();
        long performedLeaf = s.size();
        s.append(s.performed(2, new SearchHit(s.refA(), s.match.score() + 1)), EventFixtures.ENGINE_SEED);
        SignedEvent disclosure = s.discloseBoth();
        VerificationReport r = audit(s, s.records(true, false), disclosure.eventHash());
        assertThat(findings(r, Rule.R4_RETROSPECTIVE_SEARCH)).isEmpty();
        assertThat(r.notRederived()).singleElement().satisfies(n -> {
            assertThat(n.leafIndex()).isEqualTo(performedLeaf);
            assertThat(n.reason()).isEqualTo(NotRederived.Reason.WITHHELD);
            assertThat(n.decision()).startsWith("RetrospectiveSearchPerformed search s-1, searched 2, 1 hits");
            assertThat(n.detail()).startsWith("search s-1: not re-derived: 1 of 2 records of its searchable set not"
                    + " held (1 withheld");
        });
        assertThat(TextReportWriter.render(r)).contains("NOT RE-DERIVED (withheld) at leaf " + performedLeaf);
        VerificationReport none = audit(s);
        assertThat(none.notRederived()).filteredOn(n -> n.leafIndex() == performedLeaf).singleElement()
                .extracting(NotRederived::detail).asString().contains("2 of 2 records");
    }

    // ---- tamper cases: an adversary holding every key ----

    @Test
    void aSearchNeitherAuthorisedNorDestroyedByItsDeadlineIsCaught() throws Exception {
        SearchLog s = new SearchLog();
        long performedLeaf = s.size();
        s.append(s.honest(), EventFixtures.ENGINE_SEED);
        for (int i = 0; i < 4; i++) {
            s.filler(); // 1..4 s after the search: before its 5 s deadline
        }
        long late = s.size();
        s.filler();
        s.filler();
        VerificationReport r = audit(s);
        assertThat(findings(r, Rule.R4_RETROSPECTIVE_SEARCH)).singleElement().satisfies(f -> {
            assertThat(f.leafIndex()).isEqualTo(late);
            assertThat(f.found()).startsWith("search s-1 performed at leaf " + performedLeaf + ", neither authorised nor"
                    + " destroyed by its deadline");
        });
        assertThat(r.passed()).isFalse();
    }

    @Test
    void aLateAuthorisationIsCaught() throws Exception {
        SearchLog s = new SearchLog();
        s.append(s.honest(), EventFixtures.ENGINE_SEED);
        for (int i = 0; i < 4; i++) {
            s.filler();
        }
        long authorised = s.size();
        s.append(new RetrospectiveSearchAuthorized(SearchLog.SEARCH, "order HKM-2026-1301"),
                EventFixtures.AUTHORITY_SEED);
        VerificationReport r = audit(s);
        assertThat(findings(r, Rule.R4_RETROSPECTIVE_SEARCH)).singleElement().satisfies(f -> {
            assertThat(f.leafIndex()).isEqualTo(authorised);
            assertThat(f.found()).startsWith("authorised at ").contains("not before the deadline");
        });
    }

    @Test
    void aHitOutsideTheSearchableSetIsCaught() throws Exception {
        SearchLog s = new SearchLog("2026-11-27T09:31:00.000Z", "2026-11-27T10:00:00.000Z"); // only B captured in it
        long performedLeaf = s.size();
        s.append(s.performed(1, new SearchHit(s.refA(), s.match.score())), EventFixtures.ENGINE_SEED);
        SignedEvent disclosure = s.discloseBoth();
        VerificationReport r = audit(s, s.records(true, true), disclosure.eventHash());
        assertThat(findings(r, Rule.R4_RETROSPECTIVE_SEARCH)).as(TextReportWriter.render(r)).singleElement()
                .satisfies(f -> {
                    assertThat(f.leafIndex()).isEqualTo(performedLeaf);
                    assertThat(f.found()).startsWith("the detection at leaf " + s.leafA + " was captured at")
                            .contains("outside [2026-11-27T09:31:00.000Z, 2026-11-27T10:00:00.000Z)");
                });
    }

    @Test
    void aRecordKeptForASearchDestroyedBeforeTheCloseIsCaught() throws Exception {
        SearchLog s = new SearchLog();
        s.append(s.performed(2, new SearchHit(s.refA(), s.match.score()), new SearchHit(s.refB(), 1)),
                EventFixtures.ENGINE_SEED);
        s.append(new RetrospectiveSearchDestroyed(SearchLog.SEARCH, "withdrawn"), EventFixtures.ENGINE_SEED);
        long close = s.size();
        s.append(new ErasureEpochClosed(EventFixtures.EPOCH, List.of(
                new KeptRecord("INC-2026-778", s.refA(), KeepReason.MATCH, EventFixtures.time("2026-12-20T00:00:00.000Z")),
                new KeptRecord("INC-2026-901", s.refB(), KeepReason.RETROSPECTIVE_SEARCH,
                        EventFixtures.time("2026-12-20T00:00:00.000Z"))), 0), EventFixtures.ENGINE_SEED);
        VerificationReport r = audit(s);
        assertThat(findings(r, Rule.R5_ERASURE)).singleElement().satisfies(f -> {
            assertThat(f.leafIndex()).isEqualTo(close);
            assertThat(f.found()).startsWith("reason retrospective-search but no search performed before the close and"
                    + " not destroyed before it lists the detection at leaf " + s.leafB);
        });
    }

    @Test
    void aDisclosureOfADestroyedSearchsHitIsCaught() throws Exception {
        SearchLog s = new SearchLog();
        s.append(s.performed(2, new SearchHit(s.refA(), s.match.score()), new SearchHit(s.refB(), 1)),
                EventFixtures.ENGINE_SEED);
        s.append(new RetrospectiveSearchDestroyed(SearchLog.SEARCH, "not authorised"), EventFixtures.ENGINE_SEED);
        long disclosed = s.size();
        s.append(new RecordDisclosed("d-2", List.of(s.refB()), DisclosurePurpose.EVIDENCE_BUNDLE, "INC-2026-901",
                "Court: HCMA 1/2027"), EventFixtures.OFFICER_SEED);
        VerificationReport r = audit(s);
        assertThat(findings(r, Rule.R4_RETROSPECTIVE_SEARCH)).singleElement().satisfies(f -> {
            assertThat(f.leafIndex()).isEqualTo(disclosed);
            assertThat(f.found()).isEqualTo("the detection at leaf " + s.leafB + " is a hit of search s-1, destroyed at"
                    + " leaf " + (disclosed - 1) + ", and no MatchProposed before this disclosure names it");
        });
    }
}
