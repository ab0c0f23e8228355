package org.oversight.ledger.kurrentlog;

import java.util.Optional;

/**
 * {@link KurrentDbLogApiTest} against a real KurrentDB/EventStoreDB given by {@code KURRENTDB_URL};
 * every case is skipped, saying why, when it is not set. The server must be fresh (its aggregate
 * streams empty): the test compares ALL aggregate streams of {@code $all} with this run's leaves.
 */
class KurrentDbLogAgainstRealServerApiTest extends KurrentDbLogApiTest {
    static final String ENV = "KURRENTDB_URL";

    @Override
    protected Optional<String> unavailable() {
        String url = System.getenv(ENV);
        return url == null || url.isBlank()
                ? Optional.of("no KurrentDB server can run on this machine; set " + ENV + " to run against a real one")
                : Optional.empty();
    }

    @Override
    protected String connectionString() {
        return System.getenv(ENV);
    }
}
