package org.oversight.ledger.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API credentials the running ledger accepts: the credentials file, re-read whenever it
 * changes (so a credential issued with {@link IssueCredential}, or revoked by editing the file,
 * takes effect without a restart), and issued, listed and revoked at run time by an operator
 * ({@code /v1/admin/credentials}). A credential past its expiry (by the injected clock) is refused.
 *
 * <p>Security: only salted hashes are kept, in memory and on disk; a token is returned once, when
 * issued. A file that has become unreadable or malformed keeps the last good set in force (and is
 * logged), rather than locking every client out or letting anyone in.
 */
public final class CredentialRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialRegistry.class);

    private final Path file;
    private final Clock clock;
    private final SecureRandom random;
    private volatile CredentialsFile current;
    private volatile FileStamp loadedStamp;

    /** A file's identity for change detection: modification time and size. */
    private record FileStamp(long modifiedMillis, long size) {
        static FileStamp of(Path file) throws IOException {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(a.lastModifiedTime().toMillis(), a.size());
            } catch (NoSuchFileException e) {
                return new FileStamp(-1, -1);
            }
        }
    }

    /**
     * @throws MalformedCredentialsException if the file exists but is malformed (the service does
     *     not start on a broken credentials file)
     */
    public CredentialRegistry(Path file, Clock clock, SecureRandom random)
            throws IOException, MalformedCredentialsException {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.loadedStamp = FileStamp.of(file);
        this.current = CredentialsFile.load(file);
    }

    /** The credential {@code token} proves, if it is valid and not expired now. */
    public Optional<ApiCredential> authenticate(String token) {
        return credentials().authenticate(token, clock.instant());
    }

    /** Every credential, expired ones included, in file order. */
    public List<ApiCredential> list() {
        return credentials().credentials();
    }

    /** Whether {@code credential} has expired by the registry's clock. */
    public boolean expired(ApiCredential credential) {
        return credential.expiredAt(clock.instant());
    }

    /** The set in force, re-read first if the file changed. */
    CredentialsFile credentials() {
        try {
            FileStamp stamp = FileStamp.of(file);
            if (!stamp.equals(loadedStamp)) {
                synchronized (this) {
                    if (!stamp.equals(loadedStamp)) {
                        current = CredentialsFile.load(file);
                        loadedStamp = stamp;
                        LOG.info("credentials file changed: {} API credential(s) now: {}", current.size(),
                                current.describe());
                    }
                }
            }
        } catch (IOException | MalformedCredentialsException e) {
            LOG.error("credentials file {} could not be re-read; the last good set stays in force: {}", file,
                    e.getMessage());
        }
        return current;
    }

    /**
     * Issues a credential and persists it.
     *
     * @throws IllegalArgumentException naming the value if the principal is empty or has spaces,
     *     no role is given, or {@code expiresAt} is not in the future
     */
    public synchronized CredentialsFile.Issued issue(String principal, Set<Role> roles, Optional<Instant> expiresAt)
            throws IOException {
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(clock.instant())) {
            throw new IllegalArgumentException("expiresAt " + expiresAt.get() + " is not in the future");
        }
        CredentialsFile.Issued issued = CredentialsFile.issue(file, principal, roles, expiresAt, random);
        reload();
        LOG.info("issued API credential {} for {} {}{}", issued.credential().tokenId(), principal, roles,
                expiresAt.map(e -> ", expires " + e).orElse(""));
        return issued;
    }

    /** Revokes {@code tokenId}, persisted; false if there is no such credential. */
    public synchronized boolean revoke(String tokenId) throws IOException {
        boolean removed = CredentialsFile.revoke(file, tokenId);
        if (removed) {
            reload();
            LOG.info("revoked API credential {}", tokenId);
        }
        return removed;
    }

    private void reload() throws IOException {
        try {
            FileStamp stamp = FileStamp.of(file);
            current = CredentialsFile.load(file);
            loadedStamp = stamp;
        } catch (MalformedCredentialsException e) {
            throw new IllegalStateException("credentials file " + file + " malformed after writing it: "
                    + e.getMessage(), e);
        }
    }
}
