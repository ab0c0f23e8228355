package org.oversight.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSummaryOptionsTest {
    private static String errorOf(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DemoSummary.Options o = DemoSummary.parse(args, new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertThat(o).as("options for %s", String.join(" ", args)).isNull();
        String err = buf.toString(StandardCharsets.UTF_8);
        assertThat(err.lines().count()).as("one line: %s", err).isEqualTo(1);
        return err;
    }

    @Test
    void readsEveryOption() {
        DemoSummary.Options o = DemoSummary.parse(new String[] {"--dir", "d", "--audit-exit", "0", "--bundle-exit", "1",
                "--seconds", "42", "--public-url", "https://x.example/log", "--witnesses", "2"}, System.err);
        assertThat(o.dir).isEqualTo(Path.of("d"));
        assertThat(o.auditExit).isZero();
        assertThat(o.bundleExit).isEqualTo(1);
        assertThat(o.seconds).isEqualTo(42L);
        assertThat(o.publicUrl).isEqualTo("https://x.example/log");
        assertThat(o.witnesses).isEqualTo(2);
    }

    @Test
    void theCosignedCheckpointIsReadFromTheExportHeader(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("log.export");
        // format.md §10's golden example, with a (toy) witness line after the log's signature.
        Files.writeString(export, "{\"checkpoint\":\"example.org/oversight-test\\n2\\nB+DPcKUmIXVXu9MHXGLtif+VRwUC8Ix6JKcyfC2u9ZQ=\\n\\n"
                + "— example.org/oversight-test idzytbKOOWk=\\n— w1.example AAAAAAAA\\n\",\"format\":\"oversight/export/v1\"}\n{\"a\":1}\n",
                StandardCharsets.UTF_8);
        assertThat(DemoSummary.exportedCheckpoint(export)).isEqualTo("example.org/oversight-test\n2\n"
                + "B+DPcKUmIXVXu9MHXGLtif+VRwUC8Ix6JKcyfC2u9ZQ=\n\n— example.org/oversight-test idzytbKOOWk=\n— w1.example AAAAAAAA\n");
        Files.writeString(export, "not json\n", StandardCharsets.UTF_8);
        assertThat(DemoSummary.exportedCheckpoint(export)).startsWith("(cannot read the checkpoint of");
        assertThat(DemoSummary.exportedCheckpoint(dir.resolve("missing"))).startsWith("(cannot read the checkpoint of");
    }

    @Test
    void stepsNotYetAvailableAreListedInOrder() {
        java.util.Properties s = new java.util.Properties();
        assertThat(DemoSummary.notAvailable(s)).isEmpty();
        s.setProperty("not-available", "2");
        s.setProperty("not-available.1", "no epoch closer");
        s.setProperty("not-available.2", "no disclosure endpoint");
        assertThat(DemoSummary.notAvailable(s)).containsExactly("no epoch closer", "no disclosure endpoint");
    }

    @Test
    void theSealedRecordLinesSayHowManyDecisionsWereAndWereNotRederived() {
        java.util.Properties s = new java.util.Properties();
        s.setProperty("sealed.detections", "5");
        s.setProperty("epoch", "epoch-demo-1");
        s.setProperty("epoch.recipients", "3");
        s.setProperty("epoch.closed.leaf", "31");
        s.setProperty("epoch.kept", "3");
        s.setProperty("epoch.kept.entries", "4");
        // 2 detections and 1 expired entry's enrolment record erased.
        s.setProperty("epoch.erased", "3");
        s.setProperty("epoch.erased.detections", "2");
        s.setProperty("disclosure.audit.records", "3");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DemoSummary.sealedRecords(new PrintStream(buf, true, StandardCharsets.UTF_8), s, java.util.Optional.empty(),
                java.util.Optional.empty());
        assertThat(buf.toString(StandardCharsets.UTF_8))
                .contains("5 detections sealed to epoch-demo-1 (3 recipient(s))")
                .contains("epoch-demo-1 closed at leaf 31: kept 3 detection record(s) under a case key (0 for live"
                        + " retrospective searches, the rest matched) and 4 live entr(y/ies)' enrolment records until"
                        + " their validUntil")
                .contains("erased 3")
                .contains("3 of 5 sealed detections (the records disclosed to the auditor); not re-derived: 2 erased"
                        + " at the close, 0 destroyed with a lapsed search, 0 withheld");
        s.remove("epoch.kept");
        s.remove("epoch.erased");
        s.remove("epoch.erased.detections");
        s.remove("disclosure.audit.records");
        buf.reset();
        DemoSummary.sealedRecords(new PrintStream(buf, true, StandardCharsets.UTF_8), s, java.util.Optional.empty(),
                java.util.Optional.empty());
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("erasure               not shown")
                .contains("0 of 5 sealed detections").contains("0 erased at the close, 0 destroyed with a lapsed search, 5 withheld");
    }

    @Test
    void theSearchLinesSayEachSearchsOutcome() {
        java.util.Properties s = new java.util.Properties();
        s.setProperty("search.entry", "wl-0009");
        s.setProperty("search.search-demo-1.performed", "leaf 40, 5 searched, 0 hit(s)");
        s.setProperty("search.search-demo-1.outcome", "authorised at leaf 43 within the 45 s window");
        s.setProperty("search.search-demo-2.performed", "leaf 41, 1 searched, 1 hit(s)");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DemoSummary.searches(new PrintStream(buf, true, StandardCharsets.UTF_8), s);
        assertThat(buf.toString(StandardCharsets.UTF_8))
                .contains("search-demo-1 (entry wl-0009): performed at leaf 40, 5 searched, 0 hit(s); authorised at"
                        + " leaf 43")
                .contains("search-demo-2 (entry wl-0009): performed at leaf 41, 1 searched, 1 hit(s); OUTCOME NOT SEEN");
    }

    @Test
    void aTamperCaseIsCaughtOnlyUnderItsOwnRule(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path reports = java.nio.file.Files.createDirectories(dir.resolve("reports"));
        java.nio.file.Files.writeString(reports.resolve("tamper-unauthorised-search.exit"), "1\n");
        java.nio.file.Files.writeString(reports.resolve("tamper-unauthorised-search.json"), "{\"passed\":false,"
                + "\"violations\":1,\"checks\":[{\"rule\":\"R4\",\"passed\":false}],\"facts\":[]}");
        java.util.List<String> problems = new java.util.ArrayList<>();
        assertThat(DemoSummary.tamperCases(dir, problems)).singleElement().asString()
                .contains("unauthorised-search").contains("CAUGHT").doesNotContain("NOT CAUGHT");
        assertThat(problems).isEmpty();
        java.nio.file.Files.writeString(reports.resolve("tamper-unauthorised-search.json"), "{\"passed\":false,"
                + "\"violations\":1,\"checks\":[{\"rule\":\"records\",\"passed\":false}],\"facts\":[]}");
        assertThat(DemoSummary.tamperCases(dir, problems)).singleElement().asString().contains("NOT CAUGHT");
        assertThat(problems).singleElement().asString().contains("rule R4");
    }

    @Test
    void theSealedRecordLinesNameTheWitnessesThatRederivedTheErasedDecisions() {
        java.util.Properties s = new java.util.Properties();
        s.setProperty("sealed.detections", "5");
        String fact = "2 decisions (0 MatchProposed, 2 no match): re-derived before their erasure by w1+01020304 2;"
                + " 0 re-derived by nobody before their erasure";
        DemoSummary.Report audit = new DemoSummary.Report(true, 1, 1, 0,
                java.util.Map.of("decisions over erased records", fact), java.util.Set.of());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DemoSummary.sealedRecords(new PrintStream(buf, true, StandardCharsets.UTF_8), s, java.util.Optional.of(audit),
                java.util.Optional.empty());
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("  erased, witnessed   " + fact + "\n");
    }

    @Test
    void aTrailingOrUnknownOrRepeatedOptionIsAUsageErrorNotDropped() {
        assertThat(errorOf("--audit-exit", "0", "--bundle-exit", "0", "--seconds")).contains("--seconds");
        assertThat(errorOf("--audit-exit", "0", "--bundle-exit", "0", "--bogus", "1")).contains("--bogus");
        assertThat(errorOf("--audit-exit", "0", "--audit-exit", "1", "--bundle-exit", "0")).contains("--audit-exit");
        assertThat(errorOf("--audit-exit", "zero", "--bundle-exit", "0")).contains("zero");
        assertThat(errorOf("--bundle-exit", "0")).contains("--audit-exit");
    }
}
