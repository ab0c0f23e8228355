package org.oversight.verifier.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.event.EventFixtures;
import org.oversight.verifier.cli.VerifierCli;

/**
 * {@code verifier bundle --authority-key}: the bundle's carried trust anchors against the given
 * keys (rule R-genesis). The test bundle carries leaf 0 (the genesis declaration) and leaf 1 (the
 * officer's enrolment, which closes genesis), so it shows the whole genesis.
 */
class BundleAuthorityKeyTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static String authority(int seed) {
        return EventFixtures.key(seed).publicKey().toText();
    }

    private int run(String... extra) throws Exception {
        Path bundle = dir.resolve("m.bundle.json");
        Files.write(bundle, BundleLog.build(BundleLog.Options.CLEAN).bundle().toBytes());
        String[] base = {"bundle", "--bundle", bundle.toString(), "--log-key",
                BundleLog.logKey().verifier().toVerifierKey(), "--json", dir.resolve("report.json").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        out.getBuffer().setLength(0);
        return VerifierCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void withoutAuthorityKeysGenesisIsTrustedOnFirstUse() throws Exception {
        assertThat(run()).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Trust anchors: authority-1 at leaf 0 (event ev-0): "
                + authority(EventFixtures.AUTHORITY_SEED)).contains("Genesis trust: trusted on first use");
    }

    @Test
    void theRealAuthorityKeyPasses() throws Exception {
        assertThat(run("--authority-key", authority(EventFixtures.AUTHORITY_SEED))).as(out.toString()).isZero();
        assertThat(Files.readString(dir.resolve("report.json"))).contains("the event at leaf 1 closed it")
                .contains("\"passed\":true,\"rule\":\"R-genesis\"");
    }

    @Test
    void anAnchorNotGivenIsAViolation() throws Exception {
        assertThat(run("--authority-key", authority(EventFixtures.SECOND_AUTHORITY_SEED))).isEqualTo(1);
        assertThat(out.toString()).contains("VIOLATION R-genesis (genesis authorities) at leaf 0 (event ev-0)")
                .contains("VIOLATION R-genesis (genesis authorities) at leaf 1: ");
    }

    @Test
    void aGivenKeyTheShownGenesisNeverDeclaredIsAViolation() throws Exception {
        assertThat(run("--authority-key", authority(EventFixtures.AUTHORITY_SEED), "--authority-key",
                authority(EventFixtures.SECOND_AUTHORITY_SEED))).isEqualTo(1);
        assertThat(out.toString()).contains("VIOLATION R-genesis (genesis authorities) at leaf 1: ")
                .contains("never declared: " + authority(EventFixtures.SECOND_AUTHORITY_SEED));
    }
}
