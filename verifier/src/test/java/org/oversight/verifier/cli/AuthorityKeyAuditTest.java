package org.oversight.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.event.EventFixtures;
import org.oversight.verifier.audit.CliFixtures;

/** {@code verifier audit --authority-key}: rule R-genesis against a whole log (docs/rules.md). */
class AuthorityKeyAuditTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int audit(byte[] export, String... extra) throws IOException {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        Path file = dir.resolve("log.export");
        Files.write(file, export);
        List<String> args = new ArrayList<>(List.of("audit", "--export", file.toString(), "--log-key",
                CliFixtures.logKey().verifier().toVerifierKey(), "--state", dir.resolve("state").toString(),
                "--threads", "1", "--json", dir.resolve("report.json").toString()));
        args.addAll(List.of(extra));
        Files.deleteIfExists(dir.resolve("state"));
        return VerifierCli.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String json() throws IOException {
        return Files.readString(dir.resolve("report.json"));
    }

    @Test
    void aFabricatedHistorySignedWithTheRealLogKeyPassesOnTrustButFailsAgainstTheAuthorityKey() throws Exception {
        byte[] fabricated = CliFixtures.fabricatedHistoryExport(FAKE_AUTHORITY);
        // Trust on first use: every signature verifies, so without anchors the audit cannot tell.
        assertThat(audit(fabricated)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("genesis trust: trusted on first use");

        assertThat(audit(fabricated, "--authority-key", CliFixtures.authorityKey())).isEqualTo(1);
        assertThat(out.toString())
                .contains("VIOLATION R-genesis (genesis authorities) at leaf 0 (event ev-0): expected genesis declares only the authority"
                        + " keys given (1): " + CliFixtures.authorityKey())
                .contains("found self-signed AuthorityDeclared of authority-1 with key ")
                .contains("VIOLATION R-genesis (genesis authorities) at leaf 1: expected genesis (leaves 0 to 0) declares every authority"
                        + " key given: " + CliFixtures.authorityKey())
                .contains("never declared: " + CliFixtures.authorityKey());
        assertThat(json()).contains("\"passed\":false,\"rule\":\"R-genesis\"");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void theRealGenesisPassesWithItsKeyGivenInlineOrFromAFile() throws Exception {
        assertThat(audit(CliFixtures.cleanExport(), "--authority-key", CliFixtures.authorityKey()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("genesis trust: checked against the 1 authority keys given")
                .contains("R-genesis against the authority keys given");
        assertThat(json()).contains("\"passed\":true,\"rule\":\"R-genesis\"");
        Path keys = dir.resolve("authorities.txt");
        Files.writeString(keys, "# published by the board\n\n  " + CliFixtures.authorityKey() + "  \n",
                StandardCharsets.UTF_8);
        assertThat(audit(CliFixtures.cleanExport(), "--authority-key", "@" + keys)).as(err.toString()).isZero();
    }

    @Test
    void aGivenKeyGenesisNeverDeclaredIsAViolationOnceGenesisIsClosed() throws Exception {
        assertThat(audit(CliFixtures.cleanExport(), "--authority-key", CliFixtures.authorityKey(),
                "--authority-key", CliFixtures.otherAuthorityKey())).isEqualTo(1);
        assertThat(out.toString()).contains("VIOLATION R-genesis (genesis authorities) at leaf 1: ")
                .contains("never declared: " + CliFixtures.otherAuthorityKey());
    }

    @Test
    void whileGenesisIsOpenAKeyNotYetDeclaredIsListedNotAViolation() throws Exception {
        assertThat(audit(CliFixtures.genesisOpenExport(), "--authority-key", CliFixtures.authorityKey(),
                "--authority-key", CliFixtures.otherAuthorityKey())).as(out.toString()).isZero();
        assertThat(out.toString()).contains("genesis is still open at the end of the log): "
                + CliFixtures.otherAuthorityKey());
        // An anchor that is not given is a violation even while genesis is open.
        assertThat(audit(CliFixtures.genesisOpenExport(), "--authority-key", CliFixtures.otherAuthorityKey()))
                .isEqualTo(1);
        assertThat(out.toString()).contains("VIOLATION R-genesis (genesis authorities) at leaf 0");
    }

    @Test
    void badAuthorityKeyArgumentsExitTwo() throws Exception {
        assertThat(audit(CliFixtures.cleanExport(), "--authority-key", CliFixtures.authorityKey(),
                "--authority-key", CliFixtures.authorityKey())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("verifier: --authority-key: key " + CliFixtures.authorityKey()
                + " is given twice\n");
        Path empty = dir.resolve("none.txt");
        Files.writeString(empty, "# nothing yet\n");
        assertThat(audit(CliFixtures.cleanExport(), "--authority-key", "@" + empty)).isEqualTo(2);
        assertThat(err.toString()).contains("the file holds no key");
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, CliFixtures.authorityKey() + "\ned25519:AAAA\n");
        assertThat(audit(CliFixtures.cleanExport(), "--authority-key", "@" + bad)).isEqualTo(2);
        assertThat(err.toString()).startsWith("verifier: --authority-key @" + bad + " line 2: not a public key");
        assertThat(out.toString()).isEmpty();
    }

    /** The fabricated history's authority: a key the real authorities never published. */
    private static final int FAKE_AUTHORITY = EventFixtures.SECOND_AUTHORITY_SEED + 40;
}
