package org.oversight.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.crypto.Ed25519PrivateKey;

class KeyCommandsTest {
    @TempDir
    Path dir;

    @Test
    void generateKeyWritesAnOwnerOnlySeedFileAndPrintsItsPublicKey() throws Exception {
        Path key = dir.resolve("camera.key");
        CliRun run = CliRun.of("generate-key", "--out", key.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Ed25519PrivateKey read = KeyFile.read(key);
        assertThat(run.out()).isEqualTo("public key: " + read.publicKey().toText() + "\n"
                + "key id:     " + read.publicKey().keyId().hex() + "\n");
        assertThat(Files.readString(key)).matches("[0-9a-f]{64}\n");
    }

    @Test
    void generateKeyNeverOverwritesAFile() throws Exception {
        Path key = dir.resolve("existing.key");
        Files.writeString(key, "precious");

        CliRun run = CliRun.of("generate-key", "--out", key.toString());

        assertThat(run.isOneLineUsageError()).as(run.toString()).isTrue();
        assertThat(run.err()).contains("already exists");
        assertThat(Files.readString(key)).isEqualTo("precious");
    }

    @Test
    void twoGeneratedKeysDiffer() {
        CliRun a = CliRun.of("generate-key", "--out", dir.resolve("a.key").toString());
        CliRun b = CliRun.of("generate-key", "--out", dir.resolve("b.key").toString());
        assertThat(a.out()).isNotEqualTo(b.out());
    }

    @Test
    void publicKeyOfTheOfficerSeedIsFormatMdsOfficerKey() throws Exception {
        CliRun run = CliRun.of("public-key", "--key", DocKeys.keyFile(dir, 2).toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(
                "public key: " + DocKeys.goldenValue("event-keys", "officer public key:") + "\n"
                + "key id:     " + DocKeys.goldenValue("event-keys", "officer key id:") + "\n");
    }

    @Test
    void malformedOrMissingKeyFilesAreOneLineUsageErrors() throws Exception {
        Path shortKey = Files.writeString(dir.resolve("short.key"), "0102\n");
        Path notHex = Files.writeString(dir.resolve("nothex.key"), "zz".repeat(32) + "\n");
        for (Path p : Set.of(shortKey, notHex, dir.resolve("absent.key"))) {
            CliRun run = CliRun.of("public-key", "--key", p.toString());
            assertThat(run.isOneLineUsageError()).as(run.toString()).isTrue();
            assertThat(run.err()).contains(p.toString());
        }
    }

    @Test
    void unknownCommandOrMissingOptionIsAUsageError() {
        assertThat(CliRun.of("frobnicate").isOneLineUsageError()).isTrue();
        assertThat(CliRun.of("public-key").isOneLineUsageError()).isTrue();
        assertThat(CliRun.of().isOneLineUsageError()).isTrue();
    }
}
