package org.oversight.ledger.witness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.checkpoint.WitnessQuorum;
import org.oversight.domain.export.CheckpointArchive;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.ledger.LedgerApplication;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.testing.Chains;
import org.oversight.ledger.testing.TestSite;
import org.oversight.ledger.testing.World;
import org.oversight.verifier.witness.LiveAuditor;
import org.oversight.verifier.witness.TileLeafSource;
import org.oversight.verifier.witness.WitnessServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ledger and a real {@code verifier witness} (its live auditor and HTTP server, in process) over
 * real HTTP: the ledger submits each checkpoint with a consistency proof, the witness follows the
 * log through the ledger's public tile endpoints, replays it and cosigns; {@code /checkpoint} then
 * carries the cosignature after the log's signature, and the status API shows the quorum. An absent
 * witness does not block ingest, and the log catches it up when it returns.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "oversight.store.type=postgres",
            "oversight.checkpoint.every-leaves=1",
            "oversight.checkpoint.interval-ms=50",
            "oversight.log.origin=test.oversight/witnessed-log",
            "axon.eventhandling.processors.default.mode=subscribing",
            "oversight.witness.quorum=1",
            "oversight.witness.poll-interval=50ms",
            "oversight.witness.max-backoff=200ms",
            "oversight.witness.timeout=10s"
        })
class WitnessIntegrationTest {
    private static final TestSite SITE = TestSite.create("oversight-witness-test",
            org.oversight.ledger.security.Role.values());
    private static final int WITNESS_PORT = freePort();
    private static final Ed25519Cosigner WITNESS = witnessKey();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    LedgerKeys keys;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SITE.register(registry);
        registry.add("oversight.witness.witnesses[0].url", () -> "http://127.0.0.1:" + WITNESS_PORT);
        registry.add("oversight.witness.witnesses[0].vkey", () -> WITNESS.verifier().toVerifierKey());
    }

    @Test
    void checkpointsAreCosignedByALiveAuditorAndAnAbsentWitnessNeverBlocksIngest() throws Exception {
        Path state = Files.createTempDirectory("oversight-witness-state");
        World world = new World();
        List<SignedEvent> genesis = world.genesis();
        submit(genesis);
        WitnessQuorum quorum = WitnessQuorum.of(List.of(WITNESS.verifier()), 1);
        SignedCheckpoint first;
        try (LiveAuditor auditor = openWitness(state);
                WitnessServer server = WitnessServer.start(new InetSocketAddress("127.0.0.1", WITNESS_PORT), auditor)) {
            first = awaitCheckpoint(c -> c.checkpoint().size() >= genesis.size() && cosigned(quorum, c));
            List<Cosignature> cs = quorum.verify(first);
            assertThat(first.note().signatures().get(0).keyName()).isEqualTo("test.oversight/witnessed-log");
            assertThat(cs.get(0).timestamp()).isPositive();
            JsonNode status = status();
            assertThat(status.get("quorum").asInt()).isEqualTo(1);
            assertThat(status.get("latestHasQuorum").asBoolean()).isTrue();
            assertThat(status.get("witnesses").get(0).get("cosignedSize").asLong()).isEqualTo(first.checkpoint().size());
            assertThat(auditor.status()).contains("cosigning");
        }
        // The witness is down: ingest goes on, checkpoints are signed, and they show without the quorum.
        Chains more = new Chains();
        List<SignedEvent> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(more.next(new KeyEnrolled("witnessed-" + i, Role.REVIEWER, World.distinctKey(200 + i).publicKey()),
                    world.authority));
        }
        long started = System.nanoTime();
        submit(batch);
        assertThat((System.nanoTime() - started) / 1_000_000).as("ingest ms with the witness down").isLessThan(5_000);
        SignedCheckpoint uncosigned = awaitCheckpoint(c -> c.checkpoint().size() >= genesis.size() + batch.size());
        assertThat(cosigned(quorum, uncosigned)).isFalse();
        assertThat(status().get("latestHasQuorum").asBoolean()).isFalse();
        assertThat(status().get("witnesses").get(0).get("lastError").asText()).isNotEmpty();
        // It comes back (same state): the log proves consistency from its last size and it catches up.
        try (LiveAuditor auditor = openWitness(state);
                WitnessServer server = WitnessServer.start(new InetSocketAddress("127.0.0.1", WITNESS_PORT), auditor)) {
            SignedCheckpoint caughtUp = awaitCheckpoint(c -> c.checkpoint().size() >= genesis.size() + batch.size()
                    && cosigned(quorum, c));
            assertThat(auditor.cosignedSize()).isEqualTo(caughtUp.checkpoint().size());
            assertThat(status().get("latestHasQuorum").asBoolean()).isTrue();
        }
        // The checkpoint archive (R11's input): the cosigned checkpoints, oldest first, each verified.
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v1/checkpoints")).header("Authorization", "Bearer "
                + SITE.token(org.oversight.ledger.security.Role.AUDITOR)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-oversight-checkpoints");
        CheckpointArchive.Reader archive = new CheckpointArchive.Reader(new java.io.ByteArrayInputStream(r.body()));
        List<SignedCheckpoint> archived = new ArrayList<>();
        for (SignedCheckpoint c = archive.next(); c != null; c = archive.next()) {
            c.verify("test.oversight/witnessed-log", keys.logKey().verifier());
            assertThat(cosigned(quorum, c)).as("archived checkpoint of size %d", c.checkpoint().size()).isTrue();
            archived.add(c);
        }
        assertThat(archived).extracting(c -> c.checkpoint().size()).contains(first.checkpoint().size());
        assertThat(archived.get(archived.size() - 1).checkpoint().size())
                .isGreaterThanOrEqualTo(genesis.size() + batch.size());
        SignedCheckpoint archivedFirst = archived.stream()
                .filter(c -> c.checkpoint().size() == first.checkpoint().size()).findFirst().orElseThrow();
        assertThat(quorum.verify(archivedFirst).get(0).timestamp()).isEqualTo(quorum.verify(first).get(0).timestamp());
    }

    private LiveAuditor openWitness(Path state) throws Exception {
        return LiveAuditor.open(state, keys.logKey().verifier(), "test.oversight/witnessed-log", WITNESS,
                new TileLeafSource("http://127.0.0.1:" + port), Clock.systemUTC(), 10_000);
    }

    private static boolean cosigned(WitnessQuorum quorum, SignedCheckpoint c) {
        try {
            quorum.verify(c);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private SignedCheckpoint awaitCheckpoint(Predicate<SignedCheckpoint> done) throws Exception {
        SignedCheckpoint last = null;
        for (int i = 0; i < 600; i++) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/checkpoint")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 200) {
                last = SignedCheckpoint.parse(r.body());
                last.verify("test.oversight/witnessed-log", keys.logKey().verifier());
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such checkpoint within 60 s; last served:\n" + last + "\nstatus: " + status());
    }

    private JsonNode status() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v1/witness/status")).header("Authorization", "Bearer "
                + SITE.token(org.oversight.ledger.security.Role.AUDITOR)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private void submit(List<SignedEvent> events) throws Exception {
        StringBuilder b = new StringBuilder("[");
        for (SignedEvent e : events) {
            b.append(b.length() > 1 ? "," : "").append(new String(e.leafBytes(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v1/events/batch")).header("Authorization", "Bearer "
                + SITE.token(org.oversight.ledger.security.Role.OPERATOR)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(b.append(']').toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Ed25519Cosigner witnessKey() {
        try {
            byte[] seed = new byte[32];
            seed[31] = 1;
            return Ed25519Cosigner.of("witness.test/w1", Ed25519PrivateKey.fromSeed(seed));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
