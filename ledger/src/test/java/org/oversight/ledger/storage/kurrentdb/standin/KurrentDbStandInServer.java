package org.oversight.ledger.storage.kurrentdb.standin;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A STAND-IN for a KurrentDB server, for tests only: no KurrentDB/EventStoreDB server can be
 * installed on the build machines. It serves, over plaintext gRPC on loopback, the subset of the
 * protocol the Java client uses for single-node connections, implemented with the client jar's own
 * generated stubs ({@code ServerFeaturesGrpc}, {@code StreamsGrpc}):
 *
 * <ul>
 *   <li>{@code ServerFeatures.GetSupportedMethods}: advertises Streams Read and Append.</li>
 *   <li>{@code Streams.Append}: expected revision (any / no stream / exists / revision) checked
 *       atomically; success returns revision and position, conflicts WrongExpectedVersion.</li>
 *   <li>{@code Streams.Read}: stream reads (forwards/backwards, from a revision, stream-not-found),
 *       {@code $all} reads (inclusive of their start position), {@code $all} subscriptions (exclusive
 *       of their start, confirmation, caught-up, live delivery, stream-name/event-type filters
 *       with checkpoints every window records).</li>
 * </ul>
 *
 * <p>It is NOT a database: the log is in memory, there is no gossip/cluster, TLS, authentication,
 * ACLs, stream metadata semantics ($maxCount, truncation), deletes, tombstones, batch or multi-stream
 * appends, stream subscriptions, persistent subscriptions, projections, and no idempotent-append
 * detection by event id. Whatever it accepts, a real server must be tested too (KURRENTDB_URL).
 *
 * <p>"Restart" ({@link #restart}) stops the gRPC server and starts a new one on the same in-memory
 * log, which models a server restart with durable storage.
 */
public final class KurrentDbStandInServer implements AutoCloseable {

    /** Ticks of 2026-01-01T00:00:00Z; creation times are deterministic, one tick per record. */
    private static final long CREATED_TICKS_BASE = 1_767_225_600L * 10_000_000L;

    private final StandInLog log = new StandInLog(CREATED_TICKS_BASE);
    private Server server;

    private KurrentDbStandInServer() {
    }

    /**
     * Starts a stand-in on a free loopback port. Like a fresh real server, its {@code $all} already
     * holds a system record (stream {@code $settings}), so readers meet records they must skip.
     */
    public static KurrentDbStandInServer start() throws IOException {
        KurrentDbStandInServer standIn = new KurrentDbStandInServer();
        standIn.log.append("$settings", new StandInLog.Expectation(StandInLog.Expectation.Kind.ANY, 0),
                List.of(new StandInLog.Proposed(UUID.nameUUIDFromBytes(new byte[] {1}),
                        Map.of("type", "$settings", "content-type", "application/json"),
                        ByteString.EMPTY,
                        ByteString.copyFromUtf8("{\"$userStreamAcl\":{}}"))));
        standIn.startServer();
        return standIn;
    }

    private void startServer() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new StandInServerFeatures())
                .addService(new StandInStreams(log))
                .build()
                .start();
    }

    /** Connection string for the KurrentDB client. */
    public String connectionString() {
        return "kurrentdb://127.0.0.1:" + server.getPort() + "?tls=false";
    }

    /** Stops serving and serves the same log again on a new port (see {@link #connectionString}). */
    public void restart() throws IOException {
        stopServer();
        startServer();
    }

    /**
     * Appends a record to a stream outside Oversight's naming (as another application or the server
     * itself would), bypassing gRPC.
     */
    public void appendForeignRecord(String stream, String type) {
        log.append(stream, new StandInLog.Expectation(StandInLog.Expectation.Kind.ANY, 0),
                List.of(new StandInLog.Proposed(UUID.randomUUID(),
                        Map.of("type", type, "content-type", "application/octet-stream"),
                        ByteString.EMPTY, ByteString.copyFromUtf8(type))));
    }

    private void stopServer() {
        server.shutdownNow();
        try {
            server.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopServer();
    }
}
