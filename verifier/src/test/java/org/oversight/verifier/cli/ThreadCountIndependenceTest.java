package org.oversight.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.verifier.audit.CliFixtures;
import org.oversight.verifier.audit.LargeLog;

/**
 * {@code verifier audit --threads 1} and {@code --threads 4} give the same exit code, the same
 * text report and the same JSON report byte for byte, on clean and tampered logs large enough
 * (several pipeline batches, many streams, matches proposed by the real projection) that the
 * parallel pipeline really reorders work.
 */
class ThreadCountIndependenceTest {
    private static final int SIZE = 3000;
    private static final long SEED = 5;

    @TempDir
    static Path dir;

    private static Path clean;

    @BeforeAll
    static void writeCleanLog() throws IOException {
        clean = dir.resolve("clean.export");
        LargeLog.write(clean, SIZE, SEED, logKey());
    }

    private static Ed25519NoteSigner logKey() {
        return CliFixtures.logKey();
    }

    /** Runs the audit with {@code threads} and returns exit code, text report and JSON report. */
    private static String audit(Path export, int threads, byte[] state) throws IOException {
        Path runDir = Files.createTempDirectory(dir, "run-");
        Path stateFile = runDir.resolve("state");
        if (state != null) {
            Files.write(stateFile, state);
        }
        Path json = runDir.resolve("report.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VerifierCli.run(new String[] {"audit", "--export", export.toString(), "--log-key",
                logKey().verifier().toVerifierKey(), "--state", stateFile.toString(), "--threads",
                Integer.toString(threads), "--json", json.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true), VerifierCliTest.AUDIT_CLOCK);
        assertThat(err.toString()).as("stderr").doesNotContain("verifier: cannot").doesNotContain("Exception");
        return "exit " + code + "\n" + out + "\n" + Files.readString(json, StandardCharsets.UTF_8);
    }

    private static String sameForOneAndFourThreads(Path export, byte[] state) throws IOException {
        String one = audit(export, 1, state);
        String four = audit(export, 4, state);
        assertThat(four).isEqualTo(one);
        return one;
    }

    @Test
    void cleanLogPassesIdentically() throws IOException {
        String report = sameForOneAndFourThreads(clean, null);
        assertThat(report).startsWith("exit 0\n").contains("RESULT: PASS");
        assertThat(report).contains("tree size: " + SIZE);
    }

    @Test
    void forgedSignatureAndItsStalledStreamReportIdentically() throws IOException {
        Path export = dir.resolve("forged.export");
        LargeLog.write(export, SIZE, SEED, logKey(), (sequence, leaf) -> sequence == 700 ? forgeSignature(leaf) : leaf);
        String report = sameForOneAndFourThreads(export, null);
        assertThat(report).startsWith("exit 1\n").contains("signature does not verify");
    }

    @Test
    void droppedEventsReportIdentically() throws IOException {
        Path export = dir.resolve("dropped.export");
        // Dropping leaves shifts every later leaf index: chain gaps, R1, and projection findings.
        LargeLog.write(export, SIZE, SEED, logKey(), (sequence, leaf) -> sequence % 997 == 400 ? null : leaf);
        String report = sameForOneAndFourThreads(export, null);
        assertThat(report).startsWith("exit 1\n").contains("GAP").contains("projection");
    }

    @Test
    void truncatedExportReportsIdentically() throws IOException {
        byte[] bytes = Files.readAllBytes(clean);
        Path export = dir.resolve("truncated.export");
        Files.write(export, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        String report = sameForOneAndFourThreads(export, null);
        assertThat(report).startsWith("exit 1\n").contains("leaf 2015 is not terminated by LF");
    }

    @Test
    void rewrittenHistoryAgainstRememberedCheckpointReportsIdentically() throws IOException {
        Path prefix = dir.resolve("prefix.export");
        Path other = dir.resolve("other.export");
        // A different log (other descriptors) under the same key: inconsistent with the remembered one.
        LargeLog.write(prefix, 1000, SEED + 1, logKey());
        LargeLog.write(other, SIZE, SEED + 2, logKey());
        String first = audit(prefix, 2, null);
        assertThat(first).startsWith("exit 0\n");
        byte[] remembered = checkpointNote(prefix);
        String report = sameForOneAndFourThreads(other, remembered);
        assertThat(report).startsWith("exit 1\n").contains("INCONSISTENT with the remembered checkpoint");
    }

    /** The signed checkpoint note from an export's header, as a state file holds it. */
    private static byte[] checkpointNote(Path export) throws IOException {
        try (var in = Files.newInputStream(export)) {
            return new org.oversight.domain.export.LogExportReader(in).checkpoint().toBytes();
        } catch (org.oversight.domain.export.MalformedExportException e) {
            throw new AssertionError(e);
        }
    }

    /** The leaf with one base64 character of its signature changed (still canonical base64). */
    private static byte[] forgeSignature(byte[] leaf) {
        String text = new String(leaf, StandardCharsets.UTF_8);
        int at = text.indexOf("\"sig\":\"") + "\"sig\":\"".length() + 10;
        char replacement = text.charAt(at) == 'A' ? 'B' : 'A';
        return (text.substring(0, at) + replacement + text.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
    }
}
