package org.oversight.verifier.witness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.PayloadFields;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.X25519PrivateKey;

/**
 * The witness's X25519 key per erasure epoch (decision 0001, SEAL-SPEC §7), in {@code <state>/epoch-keys}:
 * {@code <epoch>.x25519} holds the 32-byte private key (owner-only, written atomically), generated
 * on the first request for the epoch and served as an {@link EpochRecipient.Witness} whose proof of
 * possession is signed with the witness's cosigning key. After the witness has replayed the epoch's
 * {@code ErasureEpochClosed}, {@link #destroy} overwrites and deletes the file and leaves
 * {@code <epoch>.destroyed}: a destroyed epoch's key is never generated again. The operator of the
 * ledger never holds these keys. Not thread-safe: the live auditor serialises access.
 */
final class WitnessEpochKeys {
    static final String DIRECTORY = "epoch-keys";

    private final Path dir;
    private final Ed25519Cosigner cosigner;
    private final String recipient;
    private final SecureRandom random;

    /**
     * @param recipient this witness's recipient id in epoch events (an identifier, format.md §4.1)
     * @throws IllegalArgumentException if {@code recipient} is not an identifier
     */
    WitnessEpochKeys(Path stateDir, Ed25519Cosigner cosigner, String recipient, SecureRandom random) throws IOException {
        try {
            PayloadFields.identifier("--recipient", recipient);
        } catch (InvalidEventException e) {
            throw new IllegalArgumentException("recipient id: " + e.getMessage(), e);
        }
        this.dir = stateDir.resolve(DIRECTORY);
        this.cosigner = Objects.requireNonNull(cosigner, "cosigner");
        this.recipient = recipient;
        this.random = Objects.requireNonNull(random, "random");
        Files.createDirectories(dir);
    }

    String recipient() {
        return recipient;
    }

    /**
     * This witness as a recipient of {@code epoch}, its key generated now if it has none yet.
     *
     * @throws EpochKeyException if the epoch id is not an identifier or its key was destroyed
     */
    EpochRecipient.Witness recipientFor(String epoch) throws EpochKeyException, IOException {
        checkEpoch(epoch);
        if (Files.exists(destroyedMarker(epoch))) {
            throw new EpochKeyException("the key of epoch " + epoch + " was destroyed after its close; it is never"
                    + " generated again");
        }
        X25519PrivateKey key = key(epoch).orElse(null);
        if (key == null) {
            key = X25519PrivateKey.generate(random);
            writeNew(epoch, key);
        }
        try {
            return EpochRecipient.Witness.create(epoch, recipient, key.publicKey(), cosigner);
        } finally {
            key.destroy();
        }
    }

    /** The private key of {@code epoch}, if this witness has one (the caller destroys the copy). */
    Optional<X25519PrivateKey> key(String epoch) throws IOException {
        Path file = keyFile(epoch);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            if (bytes.length != X25519PrivateKey.LENGTH) {
                throw new IOException(file + " holds " + bytes.length + " bytes, not an X25519 private key");
            }
            return Optional.of(X25519PrivateKey.fromBytes(bytes));
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Whether the key of {@code epoch} was destroyed. */
    boolean destroyed(String epoch) {
        return Files.exists(destroyedMarker(epoch));
    }

    /**
     * Destroys the key of {@code epoch}: overwrites the file with zeros (fsync), deletes it, and
     * leaves the destroyed marker. Idempotent; an epoch this witness never had a key for is marked too.
     */
    void destroy(String epoch) throws IOException {
        Path file = keyFile(epoch);
        if (Files.exists(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer zeros = ByteBuffer.allocate((int) ch.size());
                while (zeros.hasRemaining()) {
                    ch.write(zeros);
                }
                ch.force(true);
            }
            Files.delete(file);
        }
        if (!Files.exists(destroyedMarker(epoch))) {
            Files.createFile(destroyedMarker(epoch));
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Directories cannot be opened for fsync on every platform; the files themselves are synced.
        }
    }

    private void writeNew(String epoch, X25519PrivateKey key) throws IOException {
        Path tmp = dir.resolve(epoch + ".x25519.tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        byte[] bytes = key.exportBytes();
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        try {
            Files.move(tmp, keyFile(epoch), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot store the key of epoch " + epoch + ": " + e, e);
        }
    }

    private static void checkEpoch(String epoch) throws EpochKeyException {
        try {
            PayloadFields.identifier("epoch", epoch);
        } catch (InvalidEventException e) {
            throw new EpochKeyException("epoch: " + e.getMessage());
        }
    }

    private Path keyFile(String epoch) {
        return dir.resolve(epoch + ".x25519");
    }

    private Path destroyedMarker(String epoch) {
        return dir.resolve(epoch + ".destroyed");
    }

    /** A request for an epoch key that cannot be served: the epoch id, or a destroyed key. */
    static final class EpochKeyException extends Exception {
        EpochKeyException(String message) {
            super(message);
        }
    }
}
