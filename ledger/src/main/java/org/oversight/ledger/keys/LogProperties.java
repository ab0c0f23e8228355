package org.oversight.ledger.keys;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code oversight.log.*}: the log's name and public address (docs/ledger.md §4, §6).
 *
 * @param publicUrl the log's public address; the origin is its schema-less prefix (default none)
 * @param origin the checkpoint origin, overriding the one derived from {@code publicUrl} (default none)
 * @param json the console log as JSON lines (default false; read by the logging configuration,
 *     application.properties, and set by the Spring profile {@code json-logs})
 */
@ConfigurationProperties("oversight.log")
public record LogProperties(String publicUrl, String origin, Boolean json) {
    public LogProperties {
        publicUrl = publicUrl == null ? "" : publicUrl;
        origin = origin == null ? "" : origin;
        json = json != null && json;
    }

    /** {@link #publicUrl} and {@link #origin} as {@link LogOrigin#resolve} takes them. */
    public LogOrigin resolve() throws InvalidLogAddressException {
        return LogOrigin.resolve(Optional.of(publicUrl), Optional.of(origin));
    }
}
