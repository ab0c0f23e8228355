package org.oversight.ledger.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.oversight.domain.crypto.MalformedKeyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the ledger keys from {@code oversight.keys.log-key-file} / {@code oversight.keys.engine-key-file}
 * (default {@code <data-dir>/keys/log.key} and {@code engine.key}); with
 * {@code oversight.keys.create-if-missing=true} (the default) missing keys are generated on first start.
 */
@Configuration
public class KeysConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(KeysConfiguration.class);

    /**
     * The log origin ({@link LogOrigin}) from {@code oversight.log.public-url} or the explicit
     * {@code oversight.log.origin}; an invalid URL stops the start with a message naming it.
     */
    @Bean
    LogOrigin logOrigin(@Value("${oversight.log.public-url:}") String publicUrl,
            @Value("${oversight.log.origin:}") String origin) throws InvalidLogAddressException {
        LogOrigin resolved = LogOrigin.resolve(Optional.of(publicUrl), Optional.of(origin));
        if (resolved.value().equals(LogOrigin.PLACEHOLDER) && origin.isBlank()) {
            LOG.warn("log origin '{}' is a placeholder; set oversight.log.public-url to the log's public address"
                    + " before the first start (the origin names the log key and cannot change later)", resolved);
        } else {
            LOG.info("log origin '{}' ({})", resolved, resolved.source());
        }
        return resolved;
    }

    @Bean
    LedgerKeys ledgerKeys(LogOrigin logOrigin,
            @Value("${oversight.keys.engine-name:oversight.local/engine}") String engineName,
            @Value("${oversight.keys.log-key-file:${oversight.data-dir:data}/keys/log.key}") Path logKeyFile,
            @Value("${oversight.keys.engine-key-file:${oversight.data-dir:data}/keys/engine.key}") Path engineKeyFile,
            @Value("${oversight.keys.create-if-missing:true}") boolean create)
            throws IOException, MalformedKeyException {
        SecureRandom random = new SecureRandom();
        return new LedgerKeys(
                SignerKeyFiles.loadOrCreate(logKeyFile, logOrigin.value(), create, random),
                SignerKeyFiles.loadOrCreate(engineKeyFile, engineName, create, random));
    }
}
