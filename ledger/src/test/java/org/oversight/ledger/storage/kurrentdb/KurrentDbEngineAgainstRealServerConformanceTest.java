package org.oversight.ledger.storage.kurrentdb;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The KurrentDB engine against a real KurrentDB/EventStoreDB server given by {@code KURRENTDB_URL}
 * (a connection string, e.g. {@code kurrentdb://localhost:2113?tls=false}); skipped, saying why,
 * when it is not set. Restart here means reconnecting the client; the server is not restarted.
 */
class KurrentDbEngineAgainstRealServerConformanceTest extends KurrentDbEngineConformanceTest {

    static final String ENV = "KURRENTDB_URL";

    static final String SKIP_REASON =
            "no KurrentDB server can run on this machine; set " + ENV + " to run against a real one";

    private static boolean configured() {
        String url = System.getenv(ENV);
        return url != null && !url.isBlank();
    }

    @BeforeAll
    static void announceSkip() {
        if (!configured()) {
            System.out.println("SKIPPED KurrentDbEngineAgainstRealServerConformanceTest: " + SKIP_REASON);
        }
    }

    /** Per test, so every skipped case is listed with its reason in the report. */
    @BeforeEach
    void requireServer() {
        Assumptions.assumeTrue(configured(), SKIP_REASON);
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
