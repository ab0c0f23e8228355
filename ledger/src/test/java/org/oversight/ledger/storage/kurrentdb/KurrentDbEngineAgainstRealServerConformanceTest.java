package org.oversight.ledger.storage.kurrentdb;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The KurrentDB engine against a real KurrentDB/EventStoreDB server given by {@code KURRENTDB_URL}
 * (a connection string, e.g. {@code kurrentdb://localhost:2113?tls=false}); skipped, saying why,
 * when it is not set. Restart here means reconnecting the client; the server is not restarted.
 */
class KurrentDbEngineAgainstRealServerConformanceTest extends KurrentDbEngineConformanceTest {

    static final String ENV = "KURRENTDB_URL";

    @BeforeAll
    static void requireServer() {
        String url = System.getenv(ENV);
        if (url == null || url.isBlank()) {
            System.out.println("SKIPPED KurrentDbEngineAgainstRealServerConformanceTest: no KurrentDB server can run"
                    + " on this machine; set " + ENV + " to run against a real one");
        }
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "no KurrentDB server can run on this machine; set " + ENV + " to run against a real one");
    }

    @Override
    protected String connectionString() {
        return System.getenv(ENV);
    }

    @Override
    protected void restartServer() {
        // An external server: the engine and client are recreated by reopen(); the server keeps running.
    }
}
