package org.oversight.ledger.kurrentlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterAll;
import org.oversight.ledger.storage.kurrentdb.standin.KurrentDbStandInServer;

/** {@link KurrentDbLogApiTest} against the in-process KurrentDB STAND-IN (not a database; see docs/storage.md). */
class KurrentDbLogAgainstStandInApiTest extends KurrentDbLogApiTest {
    private KurrentDbStandInServer standIn;

    @Override
    protected synchronized String connectionString() {
        if (standIn == null) {
            try {
                standIn = KurrentDbStandInServer.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return standIn.connectionString();
    }

    @AfterAll
    void stopStandIn() {
        if (standIn != null) {
            standIn.close();
        }
    }
}
