package org.oversight.ops.client.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.ops.client.LedgerClient;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.domain.note.NoteVerificationException;
import org.oversight.domain.testing.FormatDoc;

/**
 * Runs docs/java-client.md's example against an in-process stub of the ledger's API (JDK
 * HttpServer): the first event is accepted, the second refused with a problem, and the checkpoint
 * is signed by a log key the test holds. Also checks that the guide quotes the example verbatim.
 */
class ClientExampleTest {
    private static final String ORIGIN = "example.org/oversight/log";
    private static final String TOKEN = "ovt.example.secret";

    private final SecureRandom random = new SecureRandom();
    private final Ed25519NoteSigner logKey = noteSigner();
    private final List<SignedEvent> submitted = new ArrayList<>();
    private HttpServer server;

    private Ed25519NoteSigner noteSigner() {
        try {
            return Ed25519NoteSigner.of(ORIGIN, Ed25519PrivateKey.generate(random));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/events", this::events);
        server.createContext("/v1/matches", this::matches);
        server.createContext("/checkpoint", exchange -> {
            Checkpoint cp = Checkpoint.of(ORIGIN, submitted.isEmpty() ? 0 : 1, Sha256Digest.hash(new byte[0]));
            answer(exchange, 200, "text/plain", new String(SignedCheckpoint.sign(cp, logKey).toBytes(),
                    StandardCharsets.UTF_8));
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void events(HttpExchange exchange) throws IOException {
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "application/problem+json", "{\"type\":\"urn:oversight:problem:unauthenticated\"}");
            return;
        }
        SignedEvent e;
        try {
            e = SignedEvent.parse(exchange.getRequestBody().readAllBytes());
        } catch (Exception ex) {
            answer(exchange, 400, "application/problem+json", "{\"type\":\"urn:oversight:problem:malformed\"}");
            return;
        }
        synchronized (submitted) {
            submitted.add(e);
            if (submitted.size() == 1) {
                answer(exchange, 200, "application/json", "{\"eventId\":\"" + e.header().eventId()
                        + "\",\"eventHash\":\"" + e.eventHash().hex() + "\",\"leafIndex\":0}");
            } else {
                answer(exchange, 403, "application/problem+json", "{\"type\":\"urn:oversight:problem:signer-not-permitted\","
                        + "\"title\":\"Signer not permitted\",\"status\":403,\"detail\":\"a device key signs only detections\"}");
            }
        }
    }

    /** The match feed as the ledger answers it (ReviewController): one pending match, its view, others 404. */
    private void matches(HttpExchange exchange) throws IOException {
        String summary = "\"match\":\"m-000001\",\"state\":\"pending\",\"proposalLeaf\":41,\"detectionLeaf\":40,"
                + "\"candidateEntry\":\"wl-2026-0001\",\"score\":4100,\"threshold\":5200,\"confirmations\":1,"
                + "\"confirmationsRequired\":2,\"verdicts\":[{\"principal\":\"reviewer-1\",\"verdict\":\"confirm\"}],"
                + "\"actions\":0,\"head\":{\"nextSeq\":2,\"last\":\"" + "ab".repeat(32) + "\"}";
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        if (path.equals("/v1/matches") && "state=pending&after=-1&limit=50".equals(query)) {
            answer(exchange, 200, "application/json", "{\"state\":\"pending\",\"treeSize\":57,\"matches\":[{"
                    + summary + "}],\"next\":null}");
        } else if (path.equals("/v1/matches/m-000001")) {
            answer(exchange, 200, "application/json", "{" + summary + ",\"entry\":{\"entry\":\"wl-2026-0001\","
                    + "\"authorisationRef\":\"warrant HKM-2026-1234\"},\"reviews\":[]}");
        } else {
            answer(exchange, 404, "application/problem+json", "{\"type\":\"urn:oversight:problem:not-found\","
                    + "\"title\":\"Not found\",\"status\":404,\"detail\":\"" + path + "\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void theExampleSubmitsReadsTheRefusalAndVerifiesTheCheckpoint() throws Exception {
        Ed25519PrivateKey officer = Ed25519PrivateKey.generate(random);

        ClientExample.Outcome o = ClientExample.run(url(), TOKEN, officer, logKey.verifier().toVerifierKey(), ORIGIN);

        assertThat(submitted).hasSize(2);
        assertThat(submitted.get(0).header().signer()).isEqualTo(officer.publicKey().keyId());
        assertThat(o.receipt().eventHash()).isEqualTo(submitted.get(0).eventHash().hex());
        assertThat(submitted.get(1).seq()).isEqualTo(1);
        assertThat(submitted.get(1).header().prev()).contains(submitted.get(0).eventHash());
        assertThat(o.refusal().status()).isEqualTo(403);
        assertThat(o.refusal().rule()).contains("signer-not-permitted");
        assertThat(o.checkpoint().size()).isEqualTo(1);
        assertThat(o.pending().treeSize()).isEqualTo(57);
        assertThat(o.pending().next()).isEmpty();
        assertThat(o.pending().matches()).singleElement().satisfies(m -> {
            assertThat(m.match()).isEqualTo("m-000001");
            assertThat(m.score()).isEqualTo(4100);
            assertThat(m.confirmationsRequired()).isEqualTo(2);
            assertThat(m.verdicts()).containsExactly(new LedgerClient.MatchVerdict("reviewer-1", "confirm"));
        });
        assertThat(o.oldest()).hasValueSatisfying(d -> {
            assertThat(d.summary().candidateEntry()).isEqualTo("wl-2026-0001");
            assertThat(d.view().toString()).contains("warrant HKM-2026-1234");
        });
        LedgerClient client = new LedgerClient(url(), Optional.of(TOKEN), java.time.Duration.ofSeconds(5));
        assertThat(client.match("m-unknown")).isEmpty();
    }

    @Test
    void theExampleRefusesACheckpointNotSignedByTheLogKeyItWasGiven() throws Exception {
        String otherLogKey = Ed25519NoteVerifier.of(ORIGIN, Ed25519PrivateKey.generate(random).publicKey())
                .toVerifierKey();

        assertThatThrownBy(() -> ClientExample.run(url(), TOKEN, Ed25519PrivateKey.generate(random), otherLogKey,
                ORIGIN)).isInstanceOf(NoteVerificationException.class);
    }

    @Test
    void everyJavaBlockOfTheGuideIsQuotedFromTheExample() throws Exception {
        Path docs = FormatDoc.path().getParent();
        String guide = Files.readString(docs.resolve("java-client.md"), StandardCharsets.UTF_8);
        List<String> example = stripped(Files.readString(docs.getParent().resolve(
                "ops/client/src/test/java/org/oversight/ops/client/example/ClientExample.java")));
        Matcher m = Pattern.compile("(?ms)^```java\\n(.*?)^```").matcher(guide);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            List<String> quote = stripped(m.group(1));
            assertThat(java.util.Collections.indexOfSubList(example, quote))
                    .as("docs/java-client.md block %d is not a verbatim quote of ClientExample.java:%n%s", blocks,
                            m.group(1))
                    .isNotNegative();
        }
        assertThat(blocks).as("java blocks in docs/java-client.md").isGreaterThanOrEqualTo(5);
    }

    /** Lines without their indentation (the guide quotes at its own indentation), blank lines dropped. */
    private static List<String> stripped(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
