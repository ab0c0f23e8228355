package org.oversight.verifier.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.note.Ed25519CosignatureVerifier;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.verifier.audit.TestLog;
import org.oversight.verifier.cli.VerifierCli;

/** {@code verifier witness-key} and the start-up errors of {@code verifier witness} (exit 2, one line). */
class WitnessCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return VerifierCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void witnessKeyWritesAnOwnerOnlySecretAndPrintsTheVkey() throws Exception {
        Path key = dir.resolve("w.key");
        assertThat(run("witness-key", "--name", "witness.example/w9", "--out", key.toString())).as(err.toString()).isZero();
        Ed25519CosignatureVerifier vkey = Ed25519CosignatureVerifier.parse(out.toString().strip());
        assertThat(Ed25519Cosigner.parse(Files.readString(key).strip()).verifier()).isEqualTo(vkey);
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(run("witness-key", "--name", "witness.example/w9", "--out", key.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("FileAlreadyExistsException");
    }

    @Test
    void startupErrorsExitTwoWithOneLine() throws Exception {
        Path key = dir.resolve("w.key");
        assertThat(run("witness-key", "--name", "witness.example/w9", "--out", key.toString())).isZero();
        String logKey = TestLog.logKey(TestLog.LOG_SEED).verifier().toVerifierKey();
        assertThat(run("witness", "--log-key", logKey, "--key", Files.readString(key).strip(), "--ledger",
                "http://127.0.0.1:1", "--state", dir.resolve("s").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--key takes @FILE").doesNotContain(Files.readString(key).strip());
        err.getBuffer().setLength(0);
        assertThat(run("witness", "--log-key", logKey, "--key", "@" + key, "--ledger", "ftp://x", "--state",
                dir.resolve("s").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--ledger: log URL 'ftp://x' is not http or https");
        Path state = Files.createDirectories(dir.resolve("damaged"));
        Files.writeString(state.resolve("checkpoint"), "not a checkpoint\n", StandardCharsets.UTF_8);
        err.getBuffer().setLength(0);
        assertThat(run("witness", "--log-key", logKey, "--key", "@" + key, "--ledger", "http://127.0.0.1:1",
                "--state", state.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("verifier: --state: ").contains("is not a checkpoint of log");
        assertThat(run("witness", "--log-key", logKey, "--key", "@" + key, "--ledger", "http://127.0.0.1:1",
                "--state", state.toString(), "--listen", "nowhere")).isEqualTo(2);
        err.getBuffer().setLength(0);
        assertThat(run("witness", "--log-key", logKey, "--key", "@" + key, "--ledger", "http://127.0.0.1:1",
                "--state", dir.resolve("s").toString(), "--vault-token", "secret-token")).isEqualTo(2);
        assertThat(err.toString()).contains("--vault-token takes @FILE").doesNotContain("secret-token");
        Path token = dir.resolve("vault.token");
        Files.writeString(token, "two words\n", StandardCharsets.UTF_8);
        err.getBuffer().setLength(0);
        assertThat(run("witness", "--log-key", logKey, "--key", "@" + key, "--ledger", "http://127.0.0.1:1",
                "--state", dir.resolve("s").toString(), "--vault-token", "@" + token)).isEqualTo(2);
        assertThat(err.toString()).contains("--vault-token: vault token is empty or has white space")
                .doesNotContain("two words");
    }
}
