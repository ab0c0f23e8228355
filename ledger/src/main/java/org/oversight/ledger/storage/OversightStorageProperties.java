package org.oversight.ledger.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Storage settings under {@code oversight.*}; see docs/storage.md for every key. */
@ConfigurationProperties("oversight")
public class OversightStorageProperties {

    /** Directory for everything the service persists locally (embedded PostgreSQL cluster in {@code postgres/}). */
    private Path dataDir = Path.of("data");
    private final Store store = new Store();

    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Store getStore() {
        return store;
    }

    public static class Store {
        private StoreType type = StoreType.EMBEDDED_POSTGRES;
        private final EmbeddedPostgres embeddedPostgres = new EmbeddedPostgres();
        private final KurrentDb kurrentdb = new KurrentDb();
        /** How long a token claim lasts before another node may take it over. */
        private Duration tokenClaimTimeout = Duration.ofSeconds(10);

        public StoreType getType() {
            return type;
        }

        public void setType(StoreType type) {
            this.type = type;
        }

        public EmbeddedPostgres getEmbeddedPostgres() {
            return embeddedPostgres;
        }

        public KurrentDb getKurrentdb() {
            return kurrentdb;
        }

        public Duration getTokenClaimTimeout() {
            return tokenClaimTimeout;
        }

        public void setTokenClaimTimeout(Duration tokenClaimTimeout) {
            this.tokenClaimTimeout = tokenClaimTimeout;
        }
    }

    public static class EmbeddedPostgres {
        /** Loopback port; 0 picks a free one on every start (only this process connects). */
        private int port = 0;
        /**
         * PostgreSQL server settings for this start, by name in kebab case
         * ({@code settings.shared-buffers=256MB} sets {@code shared_buffers}); the defaults are in
         * application.properties (docs/storage.md explains them).
         */
        private final Map<String, String> settings = new TreeMap<>();

        public int getPort() {
            return port;
        }

        public Map<String, String> getSettings() {
            return settings;
        }

        /** {@link #getSettings()} with PostgreSQL's names ({@code shared-buffers} → {@code shared_buffers}). */
        public Map<String, String> postgresSettings() {
            Map<String, String> out = new TreeMap<>();
            settings.forEach((name, value) -> out.put(name.replace('-', '_'), value));
            return out;
        }

        public void setPort(int port) {
            this.port = port;
        }
    }

    public static class KurrentDb {
        /** E.g. {@code kurrentdb://localhost:2113?tls=false}. */
        private String connectionString;
        private Duration timeout = Duration.ofSeconds(30);

        public String getConnectionString() {
            return connectionString;
        }

        public void setConnectionString(String connectionString) {
            this.connectionString = connectionString;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }
}
