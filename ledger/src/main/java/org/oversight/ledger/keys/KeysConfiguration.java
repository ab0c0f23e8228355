package org.oversight.ledger.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.oversight.domain.crypto.MalformedKeyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.oversight.ledger.storage.OversightStorageProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the ledger keys from {@code oversight.keys.log-key-file} / {@code oversight.keys.engine-key-file}
 * (default {@code <data-dir>/keys/log.key} and {@code engine.key}); with
 * {@code oversight.keys.create-if-missing=true} (the default) missing keys are generated on first start.
 */
@Configuration
@EnableConfigurationProperties({KeysProperties.class, LogProperties.class, OversightStorageProperties.class})
public class KeysConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(KeysConfiguration.class);

    /**
     * The log origin ({@link LogOrigin}) from {@code oversight.log.public-url} or the explicit
     * {@code oversight.log.origin}; an invalid URL stops the start with a message naming it.
     */
    @Bean
    LogOrigin logOrigin(LogProperties log) throws InvalidLogAddressException {
        LogOrigin resolved = log.resolve();
        if (resolved.value().equals(LogOrigin.PLACEHOLDER) && log.origin().isBlank()) {
            LOG.warn("log origin '{}' is a placeholder; set oversight.log.public-url to the log's public address"
                    + " before the first start (the origin names the log key and cannot change later)", resolved);
        } else {
            LOG.info("log origin '{}' ({})", resolved, resolved.source());
        }
        return resolved;
    }

    @Bean
    LedgerKeys ledgerKeys(LogOrigin logOrigin, KeysProperties keys, OversightStorageProperties storage)
            throws IOException, MalformedKeyException {
        SecureRandom random = new SecureRandom();
        Path dataDir = storage.getDataDir();
        return new LedgerKeys(
                SignerKeyFiles.loadOrCreate(keys.logKey(dataDir), logOrigin.value(), keys.createIfMissing(), random),
                SignerKeyFiles.loadOrCreate(keys.engineKey(dataDir), keys.engineName(), keys.createIfMissing(), random));
    }
}
