package org.oversight.ledger.security;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code oversight.security.*}: the API credentials (docs/ledger.md §5, §6).
 *
 * @param credentialsFile the credentials file, re-read when it changes (default
 *     {@code <data-dir>/credentials}, {@link #credentials})
 */
@ConfigurationProperties("oversight.security")
public record CredentialsProperties(Path credentialsFile) {
    /** The credentials file: as set, or {@code <dataDir>/credentials}. */
    public Path credentials(Path dataDir) {
        return credentialsFile != null ? credentialsFile : dataDir.resolve("credentials");
    }
}
