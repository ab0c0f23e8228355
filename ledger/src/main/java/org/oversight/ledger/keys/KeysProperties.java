package org.oversight.ledger.keys;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code oversight.keys.*}: where the ledger's signing keys live (docs/ledger.md §4, §6).
 *
 * @param logKeyFile the log key (default {@code <data-dir>/keys/log.key}, {@link #logKey})
 * @param engineKeyFile the engine key (default {@code <data-dir>/keys/engine.key}, {@link #engineKey})
 * @param engineName the engine key's name (default {@code oversight.local/engine})
 * @param createIfMissing generate missing keys on first start (default true)
 */
@ConfigurationProperties("oversight.keys")
public record KeysProperties(Path logKeyFile, Path engineKeyFile, String engineName, Boolean createIfMissing) {
    public KeysProperties {
        engineName = engineName == null ? "oversight.local/engine" : engineName;
        createIfMissing = createIfMissing == null || createIfMissing;
    }

    /** The log key file: as set, or {@code <dataDir>/keys/log.key}. */
    public Path logKey(Path dataDir) {
        return logKeyFile != null ? logKeyFile : dataDir.resolve("keys").resolve("log.key");
    }

    /** The engine key file: as set, or {@code <dataDir>/keys/engine.key}. */
    public Path engineKey(Path dataDir) {
        return engineKeyFile != null ? engineKeyFile : dataDir.resolve("keys").resolve("engine.key");
    }
}
