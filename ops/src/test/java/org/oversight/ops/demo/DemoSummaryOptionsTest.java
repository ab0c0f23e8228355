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
    void aTrailingOrUnknownOrRepeatedOptionIsAUsageErrorNotDropped() {
        assertThat(errorOf("--audit-exit", "0", "--bundle-exit", "0", "--seconds")).contains("--seconds");
        assertThat(errorOf("--audit-exit", "0", "--bundle-exit", "0", "--bogus", "1")).contains("--bogus");
        assertThat(errorOf("--audit-exit", "0", "--audit-exit", "1", "--bundle-exit", "0")).contains("--audit-exit");
        assertThat(errorOf("--audit-exit", "zero", "--bundle-exit", "0")).contains("zero");
        assertThat(errorOf("--bundle-exit", "0")).contains("--audit-exit");
    }
}
