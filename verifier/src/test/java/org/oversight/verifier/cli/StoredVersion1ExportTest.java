package org.oversight.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log export written by the code before sealed records (src/test/resources/v1-export, stored
 * bytes, never regenerated) still verifies: schema-1 events parse and replay exactly as before.
 */
class StoredVersion1ExportTest {
    @TempDir
    Path dir;

    @Test
    void aStoredVersion1ExportStillPassesEveryCheck() throws Exception {
        Path export = copy("scenario.export");
        Path key = copy("log.vkey");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VerifierCli.run(new String[] {"audit", "--export", export.toString(), "--log-key", "@" + key,
                "--state", dir.resolve("state").toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .contains("tree size: 14")
                .contains("1 decision derived by oversight-engine/1, 1 MatchProposed accepted, 1 agree")
                .endsWith("RESULT: PASS — every check held\n");
    }

    private Path copy(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/v1-export/" + name), name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }
}
