package org.oversight.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {
    @TempDir
    Path dir;

    @Test
    void issuedTokenAuthenticatesAndOnlyItsSaltedHashIsStored() throws Exception {
        Path file = dir.resolve("credentials");
        String token = CredentialsFile.issue(file, "alice", EnumSet.of(Role.AUDITOR, Role.REVIEWER), new SecureRandom());
        String stored = Files.readString(file);
        String secret = token.substring(token.lastIndexOf('.') + 1);
        assertThat(stored).doesNotContain(secret).contains("alice auditor,reviewer ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        CredentialsFile loaded = CredentialsFile.load(file);
        ApiCredential c = loaded.authenticate(token).orElseThrow();
        assertThat(c.principal()).isEqualTo("alice");
        assertThat(c.roles()).containsExactlyInAnyOrder(Role.AUDITOR, Role.REVIEWER);
    }

    @Test
    void wrongSecretUnknownIdAndGarbageDoNotAuthenticate() throws Exception {
        Path file = dir.resolve("credentials");
        String token = CredentialsFile.issue(file, "bob", EnumSet.of(Role.OPERATOR), new SecureRandom());
        CredentialsFile loaded = CredentialsFile.load(file);
        String wrongSecret = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        assertThat(loaded.authenticate(wrongSecret)).isEmpty();
        assertThat(loaded.authenticate("ovt.0000000000000000." + token.substring(token.lastIndexOf('.') + 1))).isEmpty();
        assertThat(loaded.authenticate("garbage")).isEmpty();
        assertThat(loaded.authenticate("ovt.")).isEmpty();
        assertThat(loaded.authenticate(token.replace('.', '!'))).isEmpty();
    }

    @Test
    void twoCredentialsForTheSamePrincipalHaveDifferentSalts() throws Exception {
        Path file = dir.resolve("credentials");
        SecureRandom random = new SecureRandom();
        String t1 = CredentialsFile.issue(file, "carol", EnumSet.of(Role.OFFICER), random);
        String t2 = CredentialsFile.issue(file, "carol", EnumSet.of(Role.OFFICER), random);
        CredentialsFile loaded = CredentialsFile.load(file);
        assertThat(loaded.size()).isEqualTo(2);
        assertThat(loaded.authenticate(t1)).isPresent();
        assertThat(loaded.authenticate(t2)).isPresent();
        String[] lines = Files.readString(file).strip().split("\n");
        assertThat(lines[0].split(" ")[3]).isNotEqualTo(lines[1].split(" ")[3]);
    }

    @Test
    void malformedLinesNameTheLine() throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(file, "# comment\n\nabc alice auditor 00 00\nabc bob wizard 00 00\n");
        assertThatThrownBy(() -> CredentialsFile.load(file)).isInstanceOf(MalformedCredentialsException.class)
                .hasMessage("line 4: unknown role 'wizard'");
        Files.writeString(file, "abc alice auditor 00\n");
        assertThatThrownBy(() -> CredentialsFile.load(file)).hasMessage("line 1: expected 5 or 6 fields, got 4");
        Files.writeString(file, "abc alice auditor zz 00\n");
        assertThatThrownBy(() -> CredentialsFile.load(file)).hasMessageStartingWith("line 1: ");
    }

    @Test
    void aSixthFieldIsTheExpiry() throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(file, "abc alice auditor 00 00 expires=2027-01-31T00:00:00Z\n");
        assertThat(CredentialsFile.load(file).credentials()).singleElement()
                .satisfies(c -> assertThat(c.expiresAt()).contains(java.time.Instant.parse("2027-01-31T00:00:00Z")));
        Files.writeString(file, "abc alice auditor 00 00 until=2027\n");
        assertThatThrownBy(() -> CredentialsFile.load(file))
                .hasMessage("line 1: sixth field 'until=2027' is not expires=<ISO-8601 instant>");
        Files.writeString(file, "abc alice auditor 00 00 expires=tomorrow\n");
        assertThatThrownBy(() -> CredentialsFile.load(file)).hasMessage("line 1: expiry 'expires=tomorrow' is not an"
                + " ISO-8601 instant such as 2027-01-31T00:00:00Z");
    }

    @Test
    void missingFileMeansNoCredentials() throws Exception {
        assertThat(CredentialsFile.load(dir.resolve("absent")).size()).isZero();
    }
}
