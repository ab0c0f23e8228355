package org.oversight.ledger.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.note.Ed25519NoteSigner;

/** The one-off key generation for multi-node deployments (docs/deployment.md §5). */
class GenerateSignerKeysTest {
    @TempDir
    Path dir;

    @Test
    void writesOwnerOnlyKeysTheLedgerLoadsAndNeverOverwrites() throws Exception {
        Path log = dir.resolve("log.key");
        Path engine = dir.resolve("engine.key");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = {"deploy.test/log", log.toString(), "deploy.test/engine", engine.toString()};
        assertThat(GenerateSignerKeys.run(args, new PrintStream(out), System.err)).isZero();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(engine))).isEqualTo("rw-------");
        Ed25519NoteSigner loaded = SignerKeyFiles.loadOrCreate(log, "deploy.test/log", false, new SecureRandom());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(loaded.verifier().toVerifierKey());
        String before = Files.readString(log);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(GenerateSignerKeys.run(args, System.out, new PrintStream(err))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to overwrite");
        assertThat(Files.readString(log)).isEqualTo(before);
        assertThat(GenerateSignerKeys.run(new String[] {"x"}, System.out, new PrintStream(err))).isEqualTo(2);
    }
}
