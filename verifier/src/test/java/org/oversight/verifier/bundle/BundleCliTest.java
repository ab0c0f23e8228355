package org.oversight.verifier.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.verifier.cli.VerifierCli;

/** {@code verifier bundle}: exit 0 on a clean bundle, 1 on a violation, 2 on unreadable input. */
class BundleCliTest {
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

    private static String vkey() {
        return BundleLog.logKey().verifier().toVerifierKey();
    }

    @Test
    void cleanBundleExitsZeroAndWritesReports() throws Exception {
        Path bundle = write("m.bundle.json", BundleLog.build(BundleLog.Options.CLEAN).bundle().toBytes());
        Path key = write("log.vkey", (vkey() + "\n").getBytes(StandardCharsets.UTF_8));
        Path html = dir.resolve("report.html");
        Path json = dir.resolve("report.json");
        int code = run("bundle", "--bundle", bundle.toString(), "--log-key", "@" + key, "--html", html.toString(),
                "--json", json.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("PASS");
        assertThat(Files.readString(html)).contains("Evidence bundle for match").contains("Verdict: every check held.");
        byte[] j = Files.readAllBytes(json);
        assertThat(CanonicalJson.parseCanonicalObject(java.util.Arrays.copyOf(j, j.length - 1))
                .requireBoolean("passed")).isTrue();
    }

    @Test
    void violationExitsOne() throws Exception {
        Path bundle = write("m.bundle.json",
                BundleLog.build(new BundleLog.Options(false, false, 0)).bundle().toBytes());
        assertThat(run("bundle", "--bundle", bundle.toString(), "--log-key", vkey())).isEqualTo(1);
        assertThat(out.toString()).contains("R1");
    }

    @Test
    void malformedBundleOrKeyExitsTwo() throws Exception {
        byte[] clean = BundleLog.build(BundleLog.Options.CLEAN).bundle().toBytes();
        byte[] spaced = (" " + new String(clean, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        Path bad = write("bad.json", spaced);
        assertThat(run("bundle", "--bundle", bad.toString(), "--log-key", vkey())).isEqualTo(2);
        assertThat(err.toString()).startsWith("verifier: ").contains("bad.json");
        Path good = write("good.json", clean);
        assertThat(run("bundle", "--bundle", good.toString(), "--log-key", "not-a-key")).isEqualTo(2);
        assertThat(run("bundle", "--bundle", dir.resolve("missing").toString(), "--log-key", vkey())).isEqualTo(2);
        assertThat(run("bundle", "--log-key", vkey())).isEqualTo(2);
    }
}
