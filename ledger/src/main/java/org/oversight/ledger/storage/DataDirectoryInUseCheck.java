package org.oversight.ledger.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.oversight.ledger.storage.postgres.EmbeddedPostgresServer;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Refuses a second ledger on a data directory in use before the application context is even
 * built (building it takes tens of seconds on a loaded machine): probes the lock that
 * {@link EmbeddedPostgresServer#start} takes and holds. The real protection is that lock; this only
 * makes the refusal immediate.
 */
public class DataDirectoryInUseCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Binder binder = Binder.get(event.getEnvironment());
        StoreType type = binder.bind(StorageConfiguration.TYPE, StoreType.class).orElse(StoreType.EMBEDDED_POSTGRES);
        if (type != StoreType.EMBEDDED_POSTGRES) {
            return;
        }
        Path dataDir = binder.bind("oversight.data-dir", Path.class).orElse(Path.of("data"));
        try {
            EmbeddedPostgresServer.requireNotInUse(dataDir.resolve("postgres"));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
