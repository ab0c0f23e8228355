package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.export.RecordsFile;
import org.oversight.domain.export.RecordsFileWriter;
import org.oversight.verifier.cli.VerifierCli;

/** {@code verifier audit --records FILE}: the records files reach the audit; a bad one is a usage error (exit 2). */
class SealedRecordsCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return VerifierCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void recordsFilesAreReadAndUsedAndAMalformedOneChangesNothingAndExitsTwo() throws Exception {
        SealedLog s = new SealedLog(true);
        Path export = dir.resolve("log.export");
        Files.write(export, TestLog.export(s.leaves(), CliFixtures.logKey()));
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        RecordsFileWriter w = new RecordsFileWriter(records, s.disclosure.eventHash());
        for (RecordsFile.Entry e : s.recordsOfA()) {
            w.write(e);
        }
        Path file = dir.resolve("audit.records");
        Files.write(file, records.toByteArray());
        String vkey = CliFixtures.logKey().verifier().toVerifierKey();

        run("audit", "--export", export.toString(), "--log-key", vkey, "--state", dir.resolve("state").toString(),
                "--records", file.toString());
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("sealed records: 1 records given in 1 file(s), 1 opened their detection's"
                + " commitment and were used, 0 did not (violations)").contains("1 MatchProposed accepted, 1 agree")
                .doesNotContain("NOT RE-DERIVED").doesNotContain("VIOLATION projection");

        out.getBuffer().setLength(0);
        run("audit", "--export", export.toString(), "--log-key", vkey, "--state", dir.resolve("state").toString());
        assertThat(out.toString()).contains("NOT RE-DERIVED (withheld) at leaf " + s.proposalLeaf);

        Path bad = dir.resolve("bad.records");
        Files.writeString(bad, "{\"format\":\"oversight/records/v1\"}\n", StandardCharsets.UTF_8);
        out.getBuffer().setLength(0);
        assertThat(run("audit", "--export", export.toString(), "--log-key", vkey, "--state",
                dir.resolve("state2").toString(), "--records", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("verifier: --records " + bad + ": not a records file (format.md §10.1):"
                + " records line 1: header: field $.disclosure: required member is missing\n");
        assertThat(Files.exists(dir.resolve("state2"))).isFalse();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void enrolmentLinesAreReadForFormAndSaidToBeUnusedAndAMalformedOneExitsTwo() throws Exception {
        SealedLog s = new SealedLog(true);
        Path export = dir.resolve("log.export");
        Files.write(export, TestLog.export(s.leaves(), CliFixtures.logKey()));
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        RecordsFileWriter w = new RecordsFileWriter(records, s.disclosure.eventHash());
        for (RecordsFile.Entry e : s.recordsOfA()) {
            w.write(e);
        }
        org.oversight.domain.event.Template t = s.recordsOfA().get(0).record().template();
        w.writeEnrolment(org.oversight.domain.seal.EnrolmentRecord.of("wl-1", java.util.List.of(
                new org.oversight.domain.seal.EnrolmentRecord.Crop(new byte[] {1, 2, 3}, t))));
        Path file = dir.resolve("court.records");
        Files.write(file, records.toByteArray());
        String vkey = CliFixtures.logKey().verifier().toVerifierKey();
        run("audit", "--export", export.toString(), "--log-key", vkey, "--state", dir.resolve("state").toString(),
                "--records", file.toString());
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("0 did not (violations); 1 enrolment record(s) read for form and not used"
                + " (an audit takes the entries' templates from the log)");

        Path bad = dir.resolve("bad.records");
        String text = new String(records.toByteArray(), StandardCharsets.UTF_8);
        Files.writeString(bad, text.replace("\"entry\":\"wl-1\"", "\"entry\":\"wl 1\""), StandardCharsets.UTF_8);
        out.getBuffer().setLength(0);
        assertThat(run("audit", "--export", export.toString(), "--log-key", vkey, "--state",
                dir.resolve("state2").toString(), "--records", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("verifier: --records " + bad + ": not a records file (format.md §10.1):"
                + " records line 3: enrolment: ");
    }
}
