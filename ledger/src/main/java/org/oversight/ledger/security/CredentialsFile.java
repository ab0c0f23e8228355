package org.oversight.ledger.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.oversight.domain.bytes.Hex;

/**
 * The API credentials file ({@code <data-dir>/credentials} by default): one credential per line,
 * {@code tokenId principal role[,role] saltHex sha256(salt||secret)Hex [expires=<ISO-8601 instant>]};
 * {@code #} starts a comment. Only salted hashes are stored; the bearer token
 * {@code ovt.<tokenId>.<base64url secret>} is shown once, when {@link #issue} creates it.
 *
 * <p>Credentials are issued offline by an operator with shell access to the data directory (see
 * {@link IssueCredential}), or at run time through {@link CredentialRegistry}; the service
 * re-reads the file when it changes, so neither needs a restart. Revoking removes the line.
 */
public final class CredentialsFile {
    public static final String TOKEN_PREFIX = "ovt.";
    /** Prefix of the optional sixth field. */
    static final String EXPIRES = "expires=";
    private static final int SECRET_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final Map<String, ApiCredential> byTokenId;

    private CredentialsFile(Map<String, ApiCredential> byTokenId) {
        this.byTokenId = Collections.unmodifiableMap(byTokenId);
    }

    /** Reads {@code file}; a missing file means no credentials (every protected call gets 401). */
    public static CredentialsFile load(Path file) throws IOException, MalformedCredentialsException {
        Map<String, ApiCredential> map = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return new CredentialsFile(map);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            ApiCredential c = parseLine(line, i + 1);
            if (map.putIfAbsent(c.tokenId(), c) != null) {
                throw new MalformedCredentialsException("line " + (i + 1) + ": duplicate token id " + c.tokenId());
            }
        }
        return new CredentialsFile(map);
    }

    static ApiCredential parseLine(String line, int number) throws MalformedCredentialsException {
        String[] f = line.split(" ");
        if (f.length != 5 && f.length != 6) {
            throw new MalformedCredentialsException("line " + number + ": expected 5 or 6 fields, got " + f.length);
        }
        Optional<Instant> expires = Optional.empty();
        if (f.length == 6) {
            if (!f[5].startsWith(EXPIRES)) {
                throw new MalformedCredentialsException("line " + number + ": sixth field '" + f[5] + "' is not "
                        + EXPIRES + "<ISO-8601 instant>");
            }
            try {
                expires = Optional.of(Instant.parse(f[5].substring(EXPIRES.length())));
            } catch (DateTimeParseException e) {
                throw new MalformedCredentialsException("line " + number + ": expiry '" + f[5] + "' is not an"
                        + " ISO-8601 instant such as 2027-01-31T00:00:00Z");
            }
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : f[2].split(",")) {
            try {
                roles.add(Role.valueOf(r.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new MalformedCredentialsException("line " + number + ": unknown role '" + r + "'");
            }
        }
        try {
            return new ApiCredential(f[0], f[1], roles, Hex.decode(f[3]), Hex.decode(f[4]), expires);
        } catch (Hex.MalformedHexException e) {
            throw new MalformedCredentialsException("line " + number + ": " + e.getMessage());
        }
    }

    /** The credential the bearer {@code token} proves, if any and not expired at {@code now}. */
    public Optional<ApiCredential> authenticate(String token, Instant now) {
        return authenticate(token).filter(c -> !c.expiredAt(now));
    }

    /** The credential the bearer {@code token} proves, if any, expired or not. */
    public Optional<ApiCredential> authenticate(String token) {
        if (!token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        int dot = token.indexOf('.', TOKEN_PREFIX.length());
        if (dot < 0) {
            return Optional.empty();
        }
        ApiCredential c = byTokenId.get(token.substring(TOKEN_PREFIX.length(), dot));
        if (c == null) {
            return Optional.empty();
        }
        byte[] secret;
        try {
            secret = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return c.matches(secret) ? Optional.of(c) : Optional.empty();
    }

    public int size() {
        return byTokenId.size();
    }

    /**
     * Creates a credential for {@code principal} with {@code roles}, appends its salted hash to
     * {@code file} (created with permissions 600) and returns the bearer token, which is not stored.
     */
    public static String issue(Path file, String principal, Set<Role> roles, SecureRandom random) throws IOException {
        return issue(file, principal, roles, Optional.empty(), random).token();
    }

    /** A credential just issued: the bearer token (shown once, never stored) and what was stored. */
    public record Issued(String token, ApiCredential credential) {}

    /** As above, valid until {@code expiresAt} (exclusive) when given. */
    public static Issued issue(Path file, String principal, Set<Role> roles, Optional<Instant> expiresAt,
            SecureRandom random) throws IOException {
        if (principal.isEmpty() || principal.chars().anyMatch(ch -> ch <= ' ')) {
            throw new IllegalArgumentException("principal '" + principal + "' must be non-empty without spaces");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("principal " + principal + " needs at least one role");
        }
        byte[] id = new byte[8];
        byte[] salt = new byte[SALT_BYTES];
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(id);
        random.nextBytes(salt);
        random.nextBytes(secret);
        String tokenId = Hex.encode(id);
        ApiCredential c = new ApiCredential(tokenId, principal, roles, salt, ApiCredential.hash(salt, secret),
                expiresAt);
        createPrivate(file);
        Files.writeString(file, c.toLine() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return new Issued(TOKEN_PREFIX + tokenId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                c);
    }

    /**
     * Removes the credential {@code tokenId} from {@code file}, keeping every other line (comments
     * too); the file is replaced atomically, with permissions 600.
     *
     * @return whether it was there
     */
    public static boolean revoke(Path file, String tokenId) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        List<String> kept = new ArrayList<>();
        boolean found = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String stripped = line.strip();
            if (!stripped.startsWith("#") && stripped.startsWith(tokenId + " ")) {
                found = true;
            } else {
                kept.add(line);
            }
        }
        if (!found) {
            return false;
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        createPrivate(temp);
        Files.write(temp, kept, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Every credential, in file order. */
    public List<ApiCredential> credentials() {
        return List.copyOf(byTokenId.values());
    }

    private static void createPrivate(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    /** The principals, for start-up logging (never secrets). */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        byTokenId.values().forEach(c -> out.add(c.principal() + " " + c.roles()));
        return out;
    }
}
