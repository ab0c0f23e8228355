package org.oversight.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials issued, expired and revoked at run time, persisted, and edits of the file picked up. */
class CredentialRegistryTest {
    @TempDir
    Path dir;

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();

    private CredentialRegistry registry() throws Exception {
        return new CredentialRegistry(dir.resolve("credentials"), clock, new SecureRandom());
    }

    @Test
    void anIssuedCredentialWorksUntilItsExpiryAndIsPersisted() throws Exception {
        CredentialRegistry registry = registry();
        Instant expiry = clock.now.plus(Duration.ofDays(30));
        CredentialsFile.Issued issued = registry.issue("alice", EnumSet.of(Role.AUDITOR), Optional.of(expiry));
        assertThat(registry.authenticate(issued.token())).map(ApiCredential::principal).contains("alice");
        assertThat(Files.readString(dir.resolve("credentials"))).contains(" expires=2027-01-05T12:00:00Z")
                .doesNotContain(issued.token().substring(issued.token().lastIndexOf('.') + 1));
        // A new process reads the same credential back, expiry included.
        assertThat(registry().list()).singleElement().satisfies(c -> assertThat(c.expiresAt()).contains(expiry));
        clock.now = expiry.minusMillis(1);
        assertThat(registry.authenticate(issued.token())).isPresent();
        clock.now = expiry;
        assertThat(registry.authenticate(issued.token())).isEmpty();
        assertThat(registry.expired(registry.list().get(0))).isTrue();
    }

    @Test
    void aRevokedCredentialIsRefusedAtOnceAndGoneFromTheFile() throws Exception {
        CredentialRegistry registry = registry();
        CredentialsFile.Issued keep = registry.issue("bob", EnumSet.of(Role.OPERATOR), Optional.empty());
        CredentialsFile.Issued drop = registry.issue("carol", EnumSet.of(Role.REVIEWER), Optional.empty());
        Files.writeString(dir.resolve("credentials"), "# operators\n" + Files.readString(dir.resolve("credentials")));
        assertThat(registry.revoke(drop.credential().tokenId())).isTrue();
        assertThat(registry.authenticate(drop.token())).isEmpty();
        assertThat(registry.authenticate(keep.token())).isPresent();
        assertThat(Files.readString(dir.resolve("credentials"))).startsWith("# operators\n")
                .doesNotContain(drop.credential().tokenId());
        assertThat(registry.revoke(drop.credential().tokenId())).isFalse();
        assertThat(registry().list()).extracting(ApiCredential::principal).containsExactly("bob");
    }

    @Test
    void aCredentialIssuedByTheCommandIsAcceptedWithoutARestart() throws Exception {
        CredentialRegistry registry = registry();
        String token = CredentialsFile.issue(dir.resolve("credentials"), "dave", EnumSet.of(Role.OFFICER),
                new SecureRandom());
        assertThat(registry.authenticate(token)).map(ApiCredential::principal).contains("dave");
    }

    @Test
    void aBrokenFileKeepsTheLastGoodSetInForce() throws Exception {
        CredentialRegistry registry = registry();
        CredentialsFile.Issued issued = registry.issue("erin", EnumSet.of(Role.AUDITOR), Optional.empty());
        Path file = dir.resolve("credentials");
        Files.writeString(file, Files.readString(file) + "not a credential line\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(registry.authenticate(issued.token())).isPresent();
    }

    @Test
    void badRequestsAreRefusedWithTheOffendingValue() throws Exception {
        CredentialRegistry registry = registry();
        assertThatThrownBy(() -> registry.issue("frank", EnumSet.of(Role.AUDITOR), Optional.of(clock.now)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expiresAt 2026-12-06T12:00:00Z is not in the future");
        assertThatThrownBy(() -> registry.issue("with space", EnumSet.of(Role.AUDITOR), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'with space'");
        assertThat(registry.list()).isEmpty();
    }
}
