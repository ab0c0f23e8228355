package org.oversight.ledger.storage;

import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.ReadStreamOptions;
import io.kurrent.dbclient.StreamNotFoundException;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Actuator health of the KurrentDB connection: a one-record read of a probe stream must be answered
 * (an answer "stream not found" counts as UP) within the timeout. Needs no {@code $all} rights.
 */
public final class KurrentDbHealthIndicator extends AbstractHealthIndicator {

    /** Stream read by the probe; never written. */
    public static final String PROBE_STREAM = "oversight-health-probe";

    private final KurrentDBClient client;
    private final Duration timeout;

    public KurrentDbHealthIndicator(KurrentDBClient client, Duration timeout) {
        super("KurrentDB health check failed");
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        try {
            client.readStream(PROBE_STREAM, ReadStreamOptions.get().backwards().fromEnd().maxCount(1))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof StreamNotFoundException)) {
                throw e;
            }
        }
        builder.up().withDetail("probeStream", PROBE_STREAM);
    }
}
