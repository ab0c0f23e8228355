package org.oversight.ops.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.MalformedKeyException;

/**
 * An Ed25519 private key file: the 32-byte RFC 8032 seed (docs/format.md §2.1) as 64 lowercase hex
 * digits and a newline. Written with owner-only permissions ({@code rw-------}) set when the file is
 * created, never after, so no other user can ever read it; an existing file is never overwritten.
 */
final class KeyFile {
    private static final int MAX_FILE_BYTES = 1024;

    private KeyFile() {}

    /**
     * Writes {@code key} to a new file {@code path}.
     *
     * @throws BadInputException if {@code path} exists or cannot be created
     */
    static void write(Path path, Ed25519PrivateKey key) throws BadInputException {
        byte[] text = (Hex.encode(key.exportSeed()) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            Path created;
            if (Files.getFileStore(parentOf(path)).supportsFileAttributeView("posix")) {
                created = Files.createFile(path,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                created = Files.createFile(path);
                var f = created.toFile();
                boolean ok = f.setReadable(false, false) && f.setReadable(true, true)
                        && f.setWritable(false, false) && f.setWritable(true, true);
                if (!ok) {
                    Files.delete(created);
                    throw new BadInputException("cannot make key file " + path + " owner-only on this file system");
                }
            }
            Files.write(created, text);
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException("key file " + path + " already exists (it is never overwritten)", e);
        } catch (IOException e) {
            throw new BadInputException("cannot write key file " + path + ": " + e, e);
        }
    }

    /**
     * Reads a key file.
     *
     * @throws BadInputException naming the file if it is unreadable or not 64 hex digits of a seed
     */
    static Ed25519PrivateKey read(Path path) throws BadInputException {
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new BadInputException("key file " + path + " is longer than " + MAX_FILE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new BadInputException("cannot read key file " + path + ": " + e, e);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII).strip();
        if (text.length() != 2 * Ed25519PrivateKey.SEED_LENGTH) {
            throw new BadInputException("key file " + path + " holds " + text.length()
                    + " characters, not the 64 hex digits of an Ed25519 seed");
        }
        try {
            return Ed25519PrivateKey.fromSeed(Hex.decode(text));
        } catch (Hex.MalformedHexException | MalformedKeyException e) {
            throw new BadInputException("key file " + path + " is not the 64 hex digits of an Ed25519 seed: "
                    + e.getMessage(), e);
        }
    }

    private static Path parentOf(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        return parent == null ? path.toAbsolutePath() : parent;
    }
}
