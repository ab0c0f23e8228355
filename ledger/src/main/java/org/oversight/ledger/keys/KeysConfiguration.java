package org.oversight.ledger.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.oversight.domain.crypto.MalformedKeyException;
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
    @Bean
    LedgerKeys ledgerKeys(
            @Value("${oversight.log.origin:oversight.local/log}") String origin,
            @Value("${oversight.keys.engine-name:oversight.local/engine}") String engineName,
            @Value("${oversight.keys.log-key-file:${oversight.data-dir:data}/keys/log.key}") Path logKeyFile,
            @Value("${oversight.keys.engine-key-file:${oversight.data-dir:data}/keys/engine.key}") Path engineKeyFile,
            @Value("${oversight.keys.create-if-missing:true}") boolean create)
            throws IOException, MalformedKeyException {
        SecureRandom random = new SecureRandom();
        return new LedgerKeys(
                SignerKeyFiles.loadOrCreate(logKeyFile, origin, create, random),
                SignerKeyFiles.loadOrCreate(engineKeyFile, engineName, create, random));
    }
}
