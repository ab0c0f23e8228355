package org.oversight.ledger.kurrentlog;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link KurrentDbLogApiTest} against a real KurrentDB/EventStoreDB given by {@code KURRENTDB_URL};
 * skipped, saying why, when it is not set. The server must be fresh (its aggregate streams empty):
 * the test compares ALL aggregate streams of {@code $all} with this run's leaves.
 */
class KurrentDbLogAgainstRealServerApiTest extends KurrentDbLogApiTest {
    static final String ENV = "KURRENTDB_URL";
    static final String SKIP_REASON =
            "no KurrentDB server can run on this machine; set " + ENV + " to run against a real one";

    @BeforeAll
    @Override
    void startLedgerAndSubmitGenesis() {
        String url = System.getenv(ENV);
        if (url == null || url.isBlank()) {
            System.out.println("SKIPPED KurrentDbLogAgainstRealServerApiTest: " + SKIP_REASON);
        }
        Assumptions.assumeTrue(url != null && !url.isBlank(), SKIP_REASON);
        super.startLedgerAndSubmitGenesis();
    }

    @Override
    protected String connectionString() {
        return System.getenv(ENV);
    }
}
