package org.oversight.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.verifier.audit.CliFixtures;

/** The CLI's contract: exit codes, one-line errors, reports written where asked, state updated only on success. */
class VerifierCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return VerifierCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private String vkey() {
        return CliFixtures.logKey().verifier().toVerifierKey();
    }

    @Test
    void cleanLogPassesWithExitZeroAndIsRemembered() throws Exception {
        Path export = write("log.export", CliFixtures.cleanExport());
        Path state = dir.resolve("state").resolve("log.checkpoint");
        Path json = dir.resolve("report.json");
        Path html = dir.resolve("report.html");
        int code = run("audit", "--export", export.toString(), "--log-key", vkey(), "--state", state.toString(),
                "--json", json.toString(), "--html", html.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("state: first use").endsWith("RESULT: PASS — every check held\n");
        assertThat(Files.readString(state)).startsWith(CliFixtures.ORIGIN + "\n14\n");
        byte[] jsonBytes = Files.readAllBytes(json);
        JsonObject parsed = CanonicalJson.parseCanonicalObject(
                java.util.Arrays.copyOf(jsonBytes, jsonBytes.length - 1));
        assertThat(parsed.requireBoolean("passed")).isTrue();
        assertThat(Files.readString(html)).contains("Verdict: every check held.");

        // Second run: consistent with the remembered checkpoint.
        out.getBuffer().setLength(0);
        assertThat(run("audit", "--export", export.toString(), "--log-key", vkey(), "--state", state.toString()))
                .isZero();
        assertThat(out.toString()).contains("state: consistent with the remembered checkpoint of size 14");
    }

    @Test
    void logKeyFromFileAndExplicitOrigin() throws Exception {
        Path export = write("log.export", CliFixtures.cleanExport());
        Path key = write("log.vkey", (vkey() + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(run("audit", "--export", export.toString(), "--log-key", "@" + key, "--origin", CliFixtures.ORIGIN,
                "--state", dir.resolve("s").toString())).as(err.toString()).isZero();
    }

    @Test
    void violationExitsOneAndLeavesTheStateUnchanged() throws Exception {
        Path state = dir.resolve("state");
        Path grown = write("grown.export", CliFixtures.cleanExport());
        Files.write(state, CliFixtures.checkpointOfPrefix(12));
        byte[] before = Files.readAllBytes(state);
        Path rewritten = write("rewritten.export", CliFixtures.rewrittenExport());
        int code = run("audit", "--export", rewritten.toString(), "--log-key", vkey(), "--state", state.toString());
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("VIOLATION R10 (consistent checkpoints) at leaf 11", "evidence: consistency proof 12 -> 14",
                "evidence: remembered checkpoint (signed note)");
        assertThat(Files.readAllBytes(state)).isEqualTo(before);
        assertThat(grown).exists();
    }

    /** The time the golden report's provenance shows: a fixed clock, as the report is metadata. */
    static final Clock AUDIT_CLOCK = Clock.fixed(Instant.parse("2026-12-06T16:30:00.250Z"), ZoneOffset.UTC);

    @Test
    void droppedEventReportMatchesTheGoldenFile() throws Exception {
        Path export = write("dropped.export", CliFixtures.droppedEventExport());
        int code = VerifierCli.run(new String[] {"audit", "--export", export.toString(), "--log-key", vkey(), "--state",
                dir.resolve("state").toString()}, new PrintWriter(out, true), new PrintWriter(err, true), AUDIT_CLOCK);
        assertThat(code).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("state"))).isFalse();
        assertThat(err.toString()).as("no progress line when stderr is not a terminal").isEmpty();
        String report = out.toString().replace(dir.toString(), "$DIR");
        String golden;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/golden/dropped-event.txt"),
                "golden/dropped-event.txt")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (Boolean.getBoolean("verifier.updateGolden")) {
            Files.writeString(Path.of("src/test/resources/golden/dropped-event.txt"), report);
        }
        assertThat(report).isEqualTo(golden);
    }

    @Test
    void provenanceNamesTheTimeTheVerifierTheExportDigestAndTheKeySource() throws Exception {
        byte[] bytes = CliFixtures.cleanExport();
        Path export = write("log.export", bytes);
        Path key = write("log.vkey", (vkey() + "\n").getBytes(StandardCharsets.UTF_8));
        Path json = dir.resolve("report.json");
        int code = VerifierCli.run(new String[] {"audit", "--export", export.toString(), "--log-key", "@" + key,
                "--state", dir.resolve("s").toString(), "--json", json.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true), AUDIT_CLOCK);
        assertThat(code).as(err.toString()).isZero();
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(out.toString()).contains("Provenance\n"
                + "  audited at: 2026-12-06T16:30:00Z (the auditor's clock; not part of what was verified)\n"
                + "  verifier: oversight verifier " + VerifierBuild.VERSION + ", jar none: not run from a jar",
                "  export: sha256 " + sha + ", " + bytes.length + " bytes, file " + export + "\n",
                "  log key: read from file " + key + " (--log-key @FILE)\n");
        JsonObject report = CanonicalJson.parseCanonicalObject(java.util.Arrays.copyOf(Files.readAllBytes(json),
                (int) Files.size(json) - 1));
        assertThat(report.requireArray("provenance").toString()).contains(sha, "2026-12-06T16:30:00Z");
        // The same export at another time: only the provenance's time differs.
        String first = out.toString();
        out.getBuffer().setLength(0);
        Files.delete(dir.resolve("s"));
        VerifierCli.run(new String[] {"audit", "--export", export.toString(), "--log-key", "@" + key, "--state",
                dir.resolve("s").toString()}, new PrintWriter(out, true), new PrintWriter(err, true),
                Clock.offset(AUDIT_CLOCK, java.time.Duration.ofDays(400)));
        assertThat(out.toString().replace("2028-01-10T16:30:00Z", "2026-12-06T16:30:00Z")).isEqualTo(first);
    }

    @Test
    void theExportDigestCoversTheWholeExportAlsoWhenTheAuditStopsAtTheCheckpoint() throws Exception {
        byte[] bytes = CliFixtures.cleanExportSignedBy(CliFixtures.otherLogKey());
        Path export = write("other.export", bytes);
        int code = VerifierCli.run(new String[] {"audit", "--export", export.toString(), "--log-key", vkey(),
                "--state", dir.resolve("s").toString()}, new PrintWriter(out, true), new PrintWriter(err, true),
                AUDIT_CLOCK);
        assertThat(code).isEqualTo(1);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(out.toString()).contains("stopped: ", "  export: sha256 " + sha + ", " + bytes.length + " bytes",
                "  log key: given on the command line (--log-key)");
    }

    @Test
    void anUndersizedAccuracyAttestationExitsOneWithR7AtTheMatch() throws Exception {
        Path export = write("undersized.export", CliFixtures.undersizedAttestationExport());
        Path state = dir.resolve("state");
        int code = run("audit", "--export", export.toString(), "--log-key", vkey(), "--state", state.toString());
        assertThat(code).isEqualTo(1);
        assertThat(Files.exists(state)).isFalse();
        assertThat(out.toString()).contains("R7").contains("leaf 10")
                .contains("an accuracy attestation measured at watchlist size >= 2");
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        for (List<String> args : List.of(List.<String>of(), List.of("audit"), List.of("audit", "--bogus"),
                List.of("frobnicate"), List.of("audit", "--export", "x", "--log-key", "k"),
                List.of("audit", "--export", "x", "--log-key", vkey(), "--state", "s", "--threads", "0"),
                List.of("audit", "--export", "x", "--log-key", vkey(), "--state", "s", "--threads", "many"))) {
            err.getBuffer().setLength(0);
            assertThat(run(args.toArray(String[]::new))).as("args %s", args).isEqualTo(2);
            assertThat(err.toString().lines().count()).as("stderr for %s: %s", args, err).isEqualTo(1);
            assertThat(err.toString()).startsWith("verifier: ");
        }
    }

    @Test
    void unreadableInputExitsTwo() throws Exception {
        Path export = write("log.export", CliFixtures.cleanExport());
        Path state = dir.resolve("state");
        // missing export
        assertThat(run("audit", "--export", dir.resolve("missing").toString(), "--log-key", vkey(), "--state",
                state.toString())).isEqualTo(2);
        // malformed key
        assertThat(run("audit", "--export", export.toString(), "--log-key", "not-a-key", "--state",
                state.toString())).isEqualTo(2);
        // missing key file
        assertThat(run("audit", "--export", export.toString(), "--log-key", "@" + dir.resolve("nokey"), "--state",
                state.toString())).isEqualTo(2);
        // export whose header is not an export
        Path garbage = write("garbage", "hello\n".getBytes(StandardCharsets.UTF_8));
        assertThat(run("audit", "--export", garbage.toString(), "--log-key", vkey(), "--state", state.toString()))
                .isEqualTo(2);
        // malformed state file
        Files.writeString(state, "not a checkpoint");
        assertThat(run("audit", "--export", export.toString(), "--log-key", vkey(), "--state", state.toString()))
                .isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(5).allMatch(l -> l.startsWith("verifier: "));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void checkpointByAnotherKeyExitsOne() throws Exception {
        Ed25519NoteSigner other = CliFixtures.otherLogKey();
        Path export = write("log.export", CliFixtures.cleanExportSignedBy(other));
        assertThat(run("audit", "--export", export.toString(), "--log-key", vkey(), "--state",
                dir.resolve("state").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("VIOLATION checkpoint", "stopped:");
        assertThat(Files.exists(dir.resolve("state"))).isFalse();
    }
}
