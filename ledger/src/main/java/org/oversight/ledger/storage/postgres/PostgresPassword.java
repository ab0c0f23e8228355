package org.oversight.ledger.storage.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The embedded cluster's superuser password: 32 random bytes, base64url, in a file that only its
 * owner may read or write (0600), next to the cluster. Whoever can read it can read the database,
 * exactly as whoever can read the cluster directory can.
 */
final class PostgresPassword {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final String value;

    private PostgresPassword(Path file, String value) {
        this.file = file;
        this.value = value;
    }

    /**
     * Reads the password from {@code file}, or creates the file (0600) with a new random one.
     *
     * @throws IOException if the file is readable or writable by anyone but its owner (the
     *     password must then be considered exposed), or does not hold a password of this form
     */
    static PostgresPassword readOrCreate(Path file) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(file)) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, value + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            return new PostgresPassword(file, value);
        }
        if (posix) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IOException("PostgreSQL password file " + file + " has permissions "
                        + PosixFilePermissions.toString(permissions) + "; it must be readable by its owner only"
                        + " (chmod 600 " + file + "), and the password should be considered exposed");
            }
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        String value = lines.isEmpty() ? "" : lines.get(0).trim();
        if (!value.matches("[A-Za-z0-9_-]{20,128}")) {
            throw new IOException("PostgreSQL password file " + file + " does not hold a password of 20 to 128"
                    + " characters [A-Za-z0-9_-] on its first line");
        }
        return new PostgresPassword(file, value);
    }

    Path file() {
        return file;
    }

    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "PostgresPassword[" + file + ", value redacted]";
    }
}
