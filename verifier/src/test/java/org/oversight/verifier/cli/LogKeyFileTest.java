package org.oversight.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.verifier.audit.CliFixtures;

/**
 * format.md §10 "Log key files": the verifier key, white space around it stripped (LF, CRLF or no
 * line end), nothing else in the file.
 */
class LogKeyFileTest {
    @TempDir
    Path dir;

    private int audit(String keyFileText, StringWriter err) throws Exception {
        Path export = dir.resolve("log.export");
        Files.write(export, CliFixtures.cleanExport());
        Path key = dir.resolve("log.vkey");
        Files.writeString(key, keyFileText, StandardCharsets.US_ASCII);
        Files.deleteIfExists(dir.resolve("state"));
        return VerifierCli.run(new String[] {"audit", "--export", export.toString(), "--log-key", "@" + key,
                "--state", dir.resolve("state").toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
    }

    @Test
    void aKeyFileIsTheVerifierKeyWithOptionalWhiteSpaceAroundIt() throws Exception {
        String vkey = CliFixtures.logKey().verifier().toVerifierKey();
        for (String text : new String[] {vkey + "\n", vkey, vkey + "\r\n", "\n" + vkey + "\n\n"}) {
            StringWriter err = new StringWriter();
            assertThat(audit(text, err)).as("%s: %s", text.replace("\n", "\\n").replace("\r", "\\r"), err).isZero();
        }
        for (String text : new String[] {vkey + "\n" + vkey + "\n", "# log key\n" + vkey + "\n", vkey + " x\n"}) {
            StringWriter err = new StringWriter();
            assertThat(audit(text, err)).as(text).isEqualTo(2);
            assertThat(err.toString()).contains("--log-key");
        }
    }
}
