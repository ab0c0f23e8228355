package org.oversight.ledger.storage.kurrentdb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oversight.ledger.storage.kurrentdb.standin.KurrentDbStandInServer;

/**
 * The KurrentDB engine against {@link KurrentDbStandInServer}, an in-process STAND-IN built from the
 * client's own gRPC stubs — not a KurrentDB server (none can run on these machines). Passing here
 * shows the engine speaks the protocol as the stand-in models it; the real-server variant
 * ({@link KurrentDbEngineAgainstRealServerConformanceTest}) must pass too.
 */
class KurrentDbEngineAgainstStandInConformanceTest extends KurrentDbEngineConformanceTest {

    private static KurrentDbStandInServer standIn;

    @BeforeAll
    static void startStandIn() throws Exception {
        standIn = KurrentDbStandInServer.start();
    }

    @AfterAll
    static void stopStandIn() {
        standIn.close();
    }

    @Override
    protected String connectionString() {
        return standIn.connectionString();
    }

    @Override
    protected void restartServer() throws Exception {
        standIn.restart();
    }
}
