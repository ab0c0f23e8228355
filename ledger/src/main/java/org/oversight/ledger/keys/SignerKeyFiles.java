package org.oversight.ledger.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signer keys on disk, in the C2SP signed-note signer-key text form
 * {@code PRIVATE+KEY+<name>+<key id>+<base64(0x01||seed)>}, one key per file with permissions 600.
 *
 * <p>Security: a key file that is readable by group or others is refused, so a key copied with the
 * wrong permissions is noticed at start rather than silently used.
 */
public final class SignerKeyFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SignerKeyFiles.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SignerKeyFiles() {}

    /**
     * Loads the key in {@code file}, or, if the file does not exist and {@code createIfMissing},
     * generates a key named {@code keyName} with {@code random} and writes it with permissions 600.
     *
     * @throws MalformedKeyException if the file does not hold a valid signer key, or holds one with
     *     another name
     */
    public static Ed25519NoteSigner loadOrCreate(Path file, String keyName, boolean createIfMissing, SecureRandom random)
            throws IOException, MalformedKeyException {
        if (!Files.exists(file)) {
            if (!createIfMissing) {
                throw new IOException("signer key file " + file + " does not exist");
            }
            Ed25519NoteSigner created = Ed25519NoteSigner.of(keyName, Ed25519PrivateKey.generate(random));
            write(file, created.exportSignerKey());
            LOG.info("created signer key {} ({}) in {}", keyName, created.verifier().toVerifierKey(), file);
            return created;
        }
        checkPermissions(file);
        Ed25519NoteSigner loaded = Ed25519NoteSigner.parse(Files.readString(file, StandardCharsets.US_ASCII).strip());
        if (!loaded.keyName().equals(keyName)) {
            throw new MalformedKeyException("signer key in " + file + " is named '" + loaded.keyName()
                    + "', expected '" + keyName + "'");
        }
        LOG.info("loaded signer key {} from {}", loaded.verifier().toVerifierKey(), file);
        return loaded;
    }

    private static void write(Path file, String text) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("signer key file " + file + " appeared while creating it", e);
        }
        Files.writeString(file, text + "\n", StandardCharsets.US_ASCII);
    }

    private static void checkPermissions(Path file) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            for (PosixFilePermission p : perms) {
                if (!OWNER_ONLY.contains(p)) {
                    throw new IOException("signer key file " + file + " has permissions "
                            + PosixFilePermissions.toString(perms) + "; must be rw------- (600)");
                }
            }
        } catch (UnsupportedOperationException e) {
            LOG.warn("cannot check permissions of {} on this file system", file);
        }
    }
}
