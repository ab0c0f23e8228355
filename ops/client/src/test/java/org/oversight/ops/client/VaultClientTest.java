package org.oversight.ops.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.SignedEvent;

/**
 * The vault methods against an in-process stub of the ledger's vault API (JDK HttpServer): paths,
 * methods, the blob stored before its event, problems surfaced as {@link LedgerProblemException}.
 */
class VaultClientTest {
    private HttpServer server;
    private final List<String> calls = new ArrayList<>();
    private final Map<String, byte[]> blobs = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/vault/blobs/", this::blobs);
        server.createContext("/v1/vault/blobs", this::blobBatch);
        server.createContext("/v1/vault/epochs/", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            answer(exchange, 200, "application/json", "{\"epoch\":\"e-1\",\"kind\":\"vault\",\"publicKey\":\"x25519:"
                    + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"recipient\":\"vault\"}");
        });
        server.createContext("/v1/events", exchange -> {
            SignedEvent e;
            try {
                e = SignedEvent.parse(exchange.getRequestBody().readAllBytes());
            } catch (Exception ex) {
                answer(exchange, 400, "application/problem+json", "{\"type\":\"urn:oversight:problem:invalid-event\"}");
                return;
            }
            calls.add("POST /v1/events");
            answer(exchange, 200, "application/json", "{\"eventId\":\"" + e.header().eventId() + "\",\"eventHash\":\""
                    + e.eventHash().hex() + "\",\"leafIndex\":0}");
        });
        server.createContext("/v1/searches/", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            if (exchange.getRequestURI().getPath().endsWith("/s-gone")) {
                answer(exchange, 410, "application/problem+json",
                        "{\"type\":\"urn:oversight:problem:search-destroyed\",\"status\":410}");
                return;
            }
            answer(exchange, 200, "application/json", "{\"deadline\":\"2026-12-08T09:30:00.000Z\",\"hits\":[{"
                    + "\"camera\":\"cam-1\",\"captureTime\":\"2026-12-06T09:30:00.040Z\",\"detection\":{"
                    + "\"eventHash\":\"" + "ab".repeat(32) + "\",\"leafIndex\":31},\"score\":5120}],"
                    + "\"search\":\"s-1\",\"searched\":16,\"state\":\"performed\"}");
        });
        server.start();
    }

    private void blobs(HttpExchange exchange) throws IOException {
        String digest = exchange.getRequestURI().getPath().substring("/v1/vault/blobs/".length());
        calls.add(exchange.getRequestMethod() + " /v1/vault/blobs/" + digest);
        if (exchange.getRequestMethod().equals("PUT")) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!Sha256Digest.hash(body).hex().equals(digest)) {
                answer(exchange, 409, "application/problem+json", "{\"type\":\"urn:oversight:problem:digest-mismatch\"}");
                return;
            }
            blobs.put(digest, body);
            answer(exchange, 201, "application/json", "{}");
        } else if (digest.equals("e".repeat(64))) {
            answer(exchange, 404, "application/problem+json", "{\"type\":\"urn:oversight:problem:erased\",\"status\":404}");
        } else if (blobs.containsKey(digest)) {
            answer(exchange, 200, "application/json", new String(blobs.get(digest), StandardCharsets.UTF_8));
        } else {
            answer(exchange, 404, "application/problem+json", "{\"type\":\"urn:oversight:problem:not-found\",\"status\":404}");
        }
    }

    /** What the stub's POST /v1/vault/blobs answers: the digests it filed (or a lie, or a problem). */
    private String batchMode = "honest";
    private final List<Integer> batchSizes = new ArrayList<>();

    private void blobBatch(HttpExchange exchange) throws IOException {
        calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        if (batchMode.equals("erased")) {
            answer(exchange, 409, "application/problem+json",
                    "{\"type\":\"urn:oversight:problem:record-erased\",\"status\":409,\"detail\":\"blobs[0]\"}");
            return;
        }
        org.oversight.domain.json.JsonArray array;
        try {
            array = (org.oversight.domain.json.JsonArray) org.oversight.domain.json.JsonParser.parse(
                    exchange.getRequestBody().readAllBytes(), org.oversight.domain.json.JsonLimits.DEFAULT);
        } catch (Exception e) {
            answer(exchange, 400, "application/problem+json", "{\"type\":\"urn:oversight:problem:malformed-request\"}");
            return;
        }
        batchSizes.add(array.size());
        StringBuilder results = new StringBuilder("{\"results\":[");
        for (int i = 0; i < array.size(); i++) {
            byte[] blob = org.oversight.domain.json.CanonicalJson.encode(array.get(i));
            String digest = batchMode.equals("lying") ? "0".repeat(64) : Sha256Digest.hash(blob).hex();
            blobs.put(digest, blob);
            results.append(i == 0 ? "" : ",").append("{\"blobDigest\":\"").append(digest).append("\"}");
        }
        answer(exchange, 200, "application/json", results.append("]}").toString());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private LedgerClient client() {
        return new LedgerClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Optional.of("ovt.t.s"),
                Duration.ofSeconds(10));
    }

    @Test
    void aSealedDetectionStoresItsBlobBeforeTheEvent() throws Exception {
        byte[] blob = "{\"sealed\":true}".getBytes(StandardCharsets.UTF_8);
        SignedEvent event = EventFixtures.signed(EventFixtures.faceDetected(), 1);
        client().submitSealed(event, blob);
        String digest = Sha256Digest.hash(blob).hex();
        assertThat(calls).containsExactly("PUT /v1/vault/blobs/" + digest, "POST /v1/events");
        assertThat(client().blob(digest)).hasValueSatisfying(b -> assertThat(b).isEqualTo(blob));
        assertThat(client().blob("0".repeat(64))).isEmpty();
        assertThatThrownBy(() -> client().blob("e".repeat(64))).isInstanceOf(LedgerProblemException.class)
                .hasMessageContaining("erased");
    }

    private static List<byte[]> sealedBlobs(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(("{\"sealed\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void blobsGoInOneRequestPerThousandInOrder() throws Exception {
        List<byte[]> list = sealedBlobs(2500);
        List<String> digests = client().putBlobs(list);
        assertThat(batchSizes).containsExactly(1000, 1000, 500);
        assertThat(calls).containsOnly("POST /v1/vault/blobs");
        for (int i = 0; i < list.size(); i++) {
            assertThat(digests.get(i)).isEqualTo(Sha256Digest.hash(list.get(i)).hex());
            assertThat(blobs.get(digests.get(i))).isEqualTo(list.get(i));
        }
        assertThatThrownBy(() -> client().putBlobs(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSealedBatchStoresItsBlobsInOneRequestBeforeTheEvents() throws Exception {
        server.createContext("/v1/events/batch", exchange -> {
            calls.add("POST /v1/events/batch");
            answer(exchange, 200, "application/json", "{\"results\":[{\"eventId\":\"e\",\"eventHash\":\""
                    + "ab".repeat(32) + "\",\"leafIndex\":0}]}");
        });
        SignedEvent event = EventFixtures.signed(EventFixtures.faceDetected(), 1);
        client().submitSealedBatch(List.of(event), sealedBlobs(1));
        assertThat(calls).containsExactly("POST /v1/vault/blobs", "POST /v1/events/batch");
    }

    @Test
    void aBatchAnswerNamingOtherDigestsOrAProblemIsAnError() {
        batchMode = "lying";
        assertThatThrownBy(() -> client().putBlobs(sealedBlobs(2))).isInstanceOf(IOException.class)
                .hasMessageContaining("blobs[0] filed under " + "0".repeat(64));
        batchMode = "erased";
        assertThatThrownBy(() -> client().putBlobs(sealedBlobs(2))).isInstanceOf(LedgerProblemException.class)
                .hasMessageContaining("record-erased");
    }

    @Test
    void epochKeyIsReadFromTheVault() throws Exception {
        LedgerClient.VaultEpochKey key = client().vaultEpochKey("e-1");
        assertThat(key.recipient()).isEqualTo("vault");
        assertThat(key.publicKey()).startsWith("x25519:");
        assertThat(calls).containsExactly("POST /v1/vault/epochs/e-1/key");
    }

    @Test
    void aSearchsResultsAreReadAndADestroyedSearchIsAProblem() throws Exception {
        LedgerClient.SearchResults r = client().search("s-1");
        assertThat(r.state()).isEqualTo("performed");
        assertThat(r.searched()).isEqualTo(16);
        assertThat(r.deadline()).contains("2026-12-08T09:30:00.000Z");
        assertThat(r.hits()).containsExactly(new LedgerClient.SearchHitSeen(31, "ab".repeat(32), 5120, "cam-1",
                "2026-12-06T09:30:00.040Z"));
        assertThatThrownBy(() -> client().search("s-gone")).isInstanceOf(LedgerProblemException.class)
                .hasMessageContaining("search-destroyed");
        assertThat(calls).containsExactly("GET /v1/searches/s-1", "GET /v1/searches/s-gone");
    }
}
