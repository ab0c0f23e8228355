package org.oversight.ledger.storage;

import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.KurrentDBConnectionString;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.storage.kurrentdb.standin.KurrentDbStandInServer;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the in-process STAND-IN: UP while it answers, DOWN once it is gone. */
class KurrentDbHealthIndicatorTest {

    @Test
    void isUpWhileTheServerAnswersAndDownAfterwards() throws Exception {
        KurrentDbStandInServer standIn = KurrentDbStandInServer.start();
        KurrentDBClient client = KurrentDBClient.create(KurrentDBConnectionString.parseOrThrow(
                standIn.connectionString() + "&maxDiscoverAttempts=1"));
        try {
            KurrentDbHealthIndicator indicator = new KurrentDbHealthIndicator(client, Duration.ofSeconds(30)); // a loaded CI machine can take seconds for the first call
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            standIn.close();

            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        } finally {
            client.shutdown().get(10, TimeUnit.SECONDS);
            standIn.close();
        }
    }
}
