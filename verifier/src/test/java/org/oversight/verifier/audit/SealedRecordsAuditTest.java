package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.export.RecordsFile;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.JsonReportWriter;
import org.oversight.verifier.report.NotRederived;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.TextReportWriter;
import org.oversight.verifier.report.VerificationReport;

/**
 * {@code verifier audit} over a log with sealed detections (docs/format.md §9.8, §10.1, §12): with
 * the disclosed records the sealed match is re-derived; without them it is reported, per decision,
 * as not re-derived (withheld or erased, from the epoch's close), never as extra or missing; a
 * record that does not open its leaf's commitment, or that no disclosure in the log released, is a
 * violation.
 */
class SealedRecordsAuditTest {
    private static final Ed25519NoteSigner LOG_KEY = TestLog.logKey(TestLog.LOG_SEED);

    private static VerificationReport audit(SealedLog s, DisclosedRecords records) throws Exception {
        return audit(s.leaves(), records);
    }

    private static VerificationReport audit(List<byte[]> leaves, DisclosedRecords records) throws Exception {
        byte[] export = TestLog.export(leaves, LOG_KEY);
        VerificationReport single = auditor(1, 256, records).audit(new ByteArrayInputStream(export), Optional.empty(),
                AuditProgress.NONE).report();
        VerificationReport parallel = auditor(3, 2, records).audit(new ByteArrayInputStream(export),
                Optional.empty(), AuditProgress.NONE).report();
        assertThat(JsonReportWriter.render(parallel)).isEqualTo(JsonReportWriter.render(single));
        return single;
    }

    private static LogAuditor auditor(int threads, int batch, DisclosedRecords records) {
        AuditOptions o = AuditOptions.defaults().withParallelism(threads).withBatchSize(batch);
        return new LogAuditor(LOG_KEY.verifier(), TestLog.ORIGIN, records == null ? o : o.withRecords(records));
    }

    private static DisclosedRecords given(EventHash disclosure, List<RecordsFile.Entry> entries) {
        DisclosedRecords r = new DisclosedRecords();
        r.add("a.records", disclosure, entries);
        return r;
    }

    private static List<Finding> findings(VerificationReport r, Rule rule) {
        return r.findings().stream().filter(f -> f.rule() == rule).toList();
    }

    @Test
    void withTheDisclosedRecordTheSealedMatchIsRederivedAndAgrees() throws Exception {
        SealedLog s = new SealedLog(true);
        VerificationReport r = audit(s, given(s.disclosure.eventHash(), s.recordsOfA()));
        assertThat(findings(r, Rule.PROJECTION)).isEmpty();
        assertThat(findings(r, Rule.SEALED_RECORD)).isEmpty();
        assertThat(r.notRederived()).isEmpty();
        assertThat(r.facts().get("projection")).startsWith("1 decision derived by oversight-engine/1, 1 MatchProposed"
                + " accepted, 1 agree").contains("1 sealed detection without their record; 0 MatchProposed not"
                + " re-derived (0 withheld, 0 erased)");
        assertThat(r.facts().get("sealed records")).isEqualTo("1 records given in 1 file(s), 1 opened their"
                + " detection's commitment and were used, 0 did not (violations)");
        assertThat(r.checks()).anyMatch(c -> c.rule() == Rule.SEALED_RECORD && c.passed());
        // Only the projection and the records are judged here; the rule book's rules over sealed detections
        // (R2, R5, R8, R-disclosure) are seal-rules' and tested there.
        assertThat(r.findings()).as(TextReportWriter.render(r))
                .noneMatch(f -> f.rule() == Rule.PROJECTION || f.rule() == Rule.SEALED_RECORD);
    }

    @Test
    void withoutRecordsTheMatchIsNotRederivedWithheldBecauseTheCloseKeptItNeverExtraOrMissing() throws Exception {
        SealedLog s = new SealedLog(true);
        VerificationReport r = audit(s, null);
        assertThat(findings(r, Rule.PROJECTION)).isEmpty();
        assertThat(r.notRederived()).hasSize(1);
        NotRederived n = r.notRederived().get(0);
        assertThat(n.leafIndex()).isEqualTo(s.proposalLeaf);
        assertThat(n.reason()).isEqualTo(NotRederived.Reason.WITHHELD);
        assertThat(n.label()).isEqualTo("not re-derived: withheld");
        assertThat(n.decision()).contains("detection " + s.detectionA.eventHash().hex() + " at leaf " + s.leafA)
                .contains("candidateEntry wl-2026-0001");
        assertThat(n.detail()).isEqualTo("epoch " + org.oversight.domain.event.EventFixtures.EPOCH + " closed, record"
                + " kept; the record was not given to the verifier");
        assertThat(r.notRederivedCount(NotRederived.Reason.WITHHELD)).isEqualTo(1);
        assertThat(r.facts().get("projection")).contains("0 decisions derived").contains("2 sealed detections without"
                + " their record; 1 MatchProposed not re-derived (1 withheld, 0 erased)");
        assertThat(r.facts().get("sealed records")).startsWith("none given (--records)");
        String text = TextReportWriter.render(r);
        assertThat(text).contains("NOT RE-DERIVED (withheld) at leaf " + s.proposalLeaf + " (event ev-" + s.proposalLeaf
                + "): match m-");
        String json = JsonReportWriter.render(r);
        assertThat(json).contains("\"notRederivedCounts\":{\"erased\":0,\"total\":1,\"withheld\":1}")
                .contains("\"reason\":\"withheld\"");
    }

    @Test
    void aMatchOnADetectionTheCloseDidNotKeepIsNotRederivedErased() throws Exception {
        SealedLog s = new SealedLog(false);
        VerificationReport r = audit(s, null);
        assertThat(findings(r, Rule.PROJECTION)).isEmpty();
        assertThat(r.notRederived()).singleElement().satisfies(n -> {
            assertThat(n.reason()).isEqualTo(NotRederived.Reason.ERASED);
            assertThat(n.detail()).isEqualTo("epoch " + org.oversight.domain.event.EventFixtures.EPOCH
                    + " closed without keeping the detection at leaf " + s.leafA);
        });
        assertThat(r.facts().get("projection")).contains("1 MatchProposed not re-derived (0 withheld, 1 erased)");
        assertThat(org.oversight.verifier.report.HtmlReportWriter.render(r))
                .contains("Decisions not re-derived (1: 0 withheld, 1 erased)").contains("not re-derived: erased");
    }

    @Test
    void aRecordThatDoesNotOpenItsLeafsCommitmentIsAViolationAndIsNotUsed() throws Exception {
        SealedLog s = new SealedLog(true);
        BiometricRecord other = SealedLog.record(TestLog.personASeenByCamera(), 9); // same template, other nonce/crop
        VerificationReport r = audit(s, given(s.disclosure.eventHash(),
                List.of(new RecordsFile.Entry(s.refA(), other))));
        assertThat(findings(r, Rule.SEALED_RECORD)).singleElement().satisfies(f -> {
            assertThat(f.leafIndex()).isEqualTo(s.leafA);
            assertThat(f.expected()).isEqualTo("a record whose commitment is the leaf's sealed.commitment "
                    + s.recordA.commitment().hex());
            assertThat(f.found()).isEqualTo("the record in a.records has commitment " + other.commitment().hex()
                    + " (not used)");
        });
        assertThat(r.notRederived()).singleElement().extracting(NotRederived::reason)
                .isEqualTo(NotRederived.Reason.WITHHELD);
        assertThat(r.passed()).isFalse();
    }

    @Test
    void recordsReleasedWithoutADisclosureInTheLogOrNotNamedByItAreViolations() throws Exception {
        SealedLog s = new SealedLog(true);
        EventHash unknown = EventHash.ofLeafBytes(new byte[] {42});
        VerificationReport r = audit(s, given(unknown, s.recordsOfA()));
        assertThat(findings(r, Rule.SEALED_RECORD)).singleElement().satisfies(f -> {
            assertThat(f.leafIndex()).isEqualTo(-1);
            assertThat(f.expected()).isEqualTo("an accepted RecordDisclosed with event hash " + unknown.hex()
                    + " (named by a.records)");
        });
        // B's record is released under A's disclosure, which names only A: an unrecorded disclosure.
        List<RecordsFile.Entry> both = List.of(s.recordsOfA().get(0), new RecordsFile.Entry(
                new org.oversight.domain.event.DetectionRef(s.detectionB.eventHash(), s.log.size() - 3), s.recordB));
        VerificationReport r2 = audit(s, given(s.disclosure.eventHash(), both));
        assertThat(findings(r2, Rule.SEALED_RECORD)).singleElement().satisfies(f -> {
            assertThat(f.leafIndex()).isEqualTo(s.log.size() - 3);
            assertThat(f.found()).isEqualTo("the record in a.records is not named by it (an unrecorded disclosure)");
        });
        assertThat(findings(r2, Rule.PROJECTION)).isEmpty();
    }

    // The demo's rewritten logs (ops DemoTamper, issue #12 item 7): every event validly signed by the
    // engine, the checkpoint re-signed with the log key; only R5 catches them.

    private static final org.oversight.domain.crypto.Ed25519PrivateKey ENGINE =
            org.oversight.domain.event.EventFixtures.key(org.oversight.domain.event.EventFixtures.ENGINE_SEED);

    private static int closeLeaf(List<org.oversight.domain.event.SignedEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).payload() instanceof org.oversight.domain.event.ErasureEpochClosed) {
                return i;
            }
        }
        throw new AssertionError("no close");
    }

    private static List<byte[]> leavesOf(List<org.oversight.domain.event.SignedEvent> events) {
        return events.stream().map(org.oversight.domain.event.SignedEvent::leafBytes).toList();
    }

    private static org.oversight.domain.event.SignedEvent resigned(org.oversight.domain.event.SignedEvent e,
            org.oversight.domain.event.EventPayload payload, org.oversight.domain.event.Timestamp time) {
        org.oversight.domain.event.EventHeader h = e.header();
        return org.oversight.domain.event.EventSigner.sign(new org.oversight.domain.event.EventHeader(h.eventId(),
                h.type(), h.schema(), h.stream(), h.seq(), h.prev(), time, h.signer()), payload, ENGINE);
    }

    /** The honest log has no R5 finding (its schema-1 policy is an R8 finding of its own); the rewritten one has this one. */
    private static void onlyR5At(VerificationReport r, long leaf, String found) throws Exception {
        assertThat(findings(audit(new SealedLog(true), null), Rule.R5_ERASURE)).isEmpty();
        assertThat(findings(r, Rule.R5_ERASURE)).as(TextReportWriter.render(r)).singleElement().satisfies(f -> {
            assertThat(f.leafIndex()).isEqualTo(leaf);
            assertThat(f.found()).contains(found);
        });
    }

    @Test
    void aCloseResignedAtItsEraseByIsALateErasure() throws Exception {
        List<org.oversight.domain.event.SignedEvent> events = new java.util.ArrayList<>(new SealedLog(true).events());
        int c = closeLeaf(events);
        events.set(c, resigned(events.get(c), events.get(c).payload(),
                org.oversight.domain.event.EventFixtures.erasureEpochOpened().eraseBy()));
        onlyR5At(audit(leavesOf(events), null), c, "not before its eraseBy");
    }

    @Test
    void aCloseResignedKeepingAnErasedRecordWithoutAMatchIsAKeptRecordWithoutAReason() throws Exception {
        SealedLog s = new SealedLog(true);
        List<org.oversight.domain.event.SignedEvent> events = new java.util.ArrayList<>(s.events());
        int c = closeLeaf(events);
        org.oversight.domain.event.ErasureEpochClosed close =
                (org.oversight.domain.event.ErasureEpochClosed) events.get(c).payload();
        int leafB = events.indexOf(s.detectionB);
        List<org.oversight.domain.event.KeptRecord> kept = new java.util.ArrayList<>(close.kept());
        kept.add(new org.oversight.domain.event.KeptRecord(close.kept().get(0).caseRef(),
                new org.oversight.domain.event.DetectionRef(s.detectionB.eventHash(), leafB),
                org.oversight.domain.event.KeepReason.MATCH, close.kept().get(0).retainUntil()));
        events.set(c, resigned(events.get(c), new org.oversight.domain.event.ErasureEpochClosed(close.epoch(), kept,
                close.erased() - 1), events.get(c).header().time()));
        onlyR5At(audit(leavesOf(events), null), c, "no MatchProposed names the detection at leaf " + leafB);
    }

    @Test
    void aMatchAppendedOnAnErasedRecordIsAUseAfterErasure() throws Exception {
        SealedLog s = new SealedLog(true);
        List<org.oversight.domain.event.SignedEvent> events = new java.util.ArrayList<>(s.events());
        int leafB = events.indexOf(s.detectionB);
        org.oversight.domain.event.MatchProposed m = (org.oversight.domain.event.MatchProposed)
                events.get(s.proposalLeaf).payload();
        events.add(org.oversight.domain.event.EventSigner.sign("forged-match", 0, Optional.empty(),
                events.get(events.size() - 1).header().time(), new org.oversight.domain.event.MatchProposed(
                        "m-after-erasure", new org.oversight.domain.event.DetectionRef(s.detectionB.eventHash(), leafB),
                        m.candidateEntry(), m.score(), m.threshold(), m.watchlistSnapshot(), m.modelId(),
                        m.engineVersion()), ENGINE));
        VerificationReport r = audit(leavesOf(events), null);
        onlyR5At(r, events.size() - 1, "erased by epoch");
        assertThat(findings(r, Rule.PROJECTION)).isEmpty();
    }
}
