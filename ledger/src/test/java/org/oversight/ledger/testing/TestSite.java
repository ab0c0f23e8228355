package org.oversight.ledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import org.oversight.ledger.LedgerApplication;
import org.oversight.ledger.security.CredentialsFile;
import org.oversight.ledger.security.Role;
import org.oversight.ledger.sequencer.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where one Spring test context of the ledger lives: a temporary data directory (keys and the
 * credentials file) with one API credential per requested role, and a fresh database in the JVM's
 * shared test PostgreSQL. Created in a test class's static initialiser, handed to Spring with
 * {@link #register(DynamicPropertyRegistry)} from its {@code @DynamicPropertySource}.
 *
 * @param dataDir the ledger's {@code oversight.data-dir}
 * @param tokens bearer token per role, for the user {@code <role>-user}
 * @param dbUrl the {@code spring.datasource.url}
 */
public record TestSite(Path dataDir, Map<Role, String> tokens, String dbUrl) {

    /** Creates the directory, issues one credential per role and creates the database. */
    public static TestSite create(String directoryPrefix, Role... roles) {
        LedgerApplication.disableAxonUpdateChecker();
        try {
            Path dir = Files.createTempDirectory(directoryPrefix);
            SecureRandom random = new SecureRandom();
            Map<Role, String> tokens = new EnumMap<>(Role.class);
            for (Role role : roles) {
                tokens.put(role, CredentialsFile.issue(dir.resolve("credentials"),
                        role.name().toLowerCase(Locale.ROOT) + "-user", EnumSet.of(role), random));
            }
            return new TestSite(dir, Collections.unmodifiableMap(tokens), TestDatabases.freshUrl());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bearer token issued for {@code role}; the role must have been requested. */
    public String token(Role role) {
        String token = tokens.get(role);
        if (token == null) {
            throw new IllegalArgumentException("no credential issued for role " + role + " (issued: " + tokens.keySet() + ")");
        }
        return token;
    }

    /** Points the test context at this site's data directory and database. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("oversight.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", this::dbUrl);
    }
}
