package org.oversight.ledger.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.SignatureDomain;
import org.oversight.domain.note.Ed25519NoteSigner;

class SignerKeyFilesTest {
    @TempDir
    Path dir;

    @Test
    void createsOnFirstStartWithOwnerOnlyPermissionsAndLoadsTheSameKeyAfterwards() throws Exception {
        Path file = dir.resolve("keys/log.key");
        Ed25519NoteSigner created = SignerKeyFiles.loadOrCreate(file, "example.org/log", true, new SecureRandom());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        // format.md §10: the signer key text and one LF, nothing else.
        assertThat(Files.readString(file)).startsWith("PRIVATE+KEY+example.org/log+")
                .isEqualTo(created.exportSignerKey() + "\n");
        Ed25519NoteSigner loaded = SignerKeyFiles.loadOrCreate(file, "example.org/log", true, new SecureRandom());
        assertThat(loaded.verifier()).isEqualTo(created.verifier());
    }

    @Test
    void refusesAKeyReadableByOthers() throws Exception {
        Path file = dir.resolve("log.key");
        SignerKeyFiles.loadOrCreate(file, "example.org/log", true, new SecureRandom());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SignerKeyFiles.loadOrCreate(file, "example.org/log", true, new SecureRandom()))
                .isInstanceOf(IOException.class).hasMessageContaining("rw-r--r--").hasMessageContaining("600");
    }

    @Test
    void refusesAKeyWithAnotherNameOrGarbage() throws Exception {
        Path file = dir.resolve("log.key");
        SignerKeyFiles.loadOrCreate(file, "example.org/log", true, new SecureRandom());
        assertThatThrownBy(() -> SignerKeyFiles.loadOrCreate(file, "other.org/log", true, new SecureRandom()))
                .isInstanceOf(MalformedKeyException.class).hasMessageContaining("'example.org/log'");
        Files.writeString(file, "PRIVATE+KEY+garbage");
        assertThatThrownBy(() -> SignerKeyFiles.loadOrCreate(file, "example.org/log", true, new SecureRandom()))
                .isInstanceOf(MalformedKeyException.class);
    }

    @Test
    void missingKeyWithoutCreationIsAnError() {
        assertThatThrownBy(() -> SignerKeyFiles.loadOrCreate(dir.resolve("absent.key"), "example.org/log", false,
                new SecureRandom())).isInstanceOf(IOException.class).hasMessageContaining("does not exist");
    }

    @Test
    void engineEventKeyIsTheSameKeyAsTheEngineNoteKey() throws Exception {
        Ed25519NoteSigner engine = SignerKeyFiles.loadOrCreate(dir.resolve("engine.key"), "example.org/engine", true,
                new SecureRandom());
        LedgerKeys keys = new LedgerKeys(engine, engine);
        assertThat(keys.engineEventKey().publicKey()).isEqualTo(engine.verifier().publicKey());
        byte[] message = {1, 2, 3};
        keys.engineEventKey().publicKey().verify(SignatureDomain.EVENT_V1, message,
                keys.engineEventKey().sign(SignatureDomain.EVENT_V1, message));
    }
}
