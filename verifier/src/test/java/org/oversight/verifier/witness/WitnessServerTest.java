package org.oversight.verifier.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.domain.note.Note;
import org.oversight.verifier.audit.TestLog;
import org.oversight.verifier.audit.WitnessFixtures;

/** The witness over HTTP (JDK server and client): status codes, content types and the cosignature line. */
class WitnessServerTest {
    @TempDir
    Path dir;

    @Test
    void servesAddCheckpointAndStatus() throws Exception {
        List<byte[]> log = WitnessFixtures.honest();
        Ed25519NoteSigner logKey = TestLog.logKey(TestLog.LOG_SEED);
        Ed25519Cosigner key = Ed25519Cosigner.of("witness.example/w1", Ed25519PrivateKey.fromSeed(new byte[32]));
        LeafSource source = (from, to) -> log.subList((int) from, (int) to);
        try (LiveAuditor auditor = LiveAuditor.open(dir, logKey.verifier(), TestLog.ORIGIN, key, source,
                Clock.systemUTC(), 10_000);
                WitnessServer server = WitnessServer.start(new InetSocketAddress("127.0.0.1", 0), auditor)) {
            HttpClient http = HttpClient.newHttpClient();
            URI add = URI.create("http://127.0.0.1:" + server.port() + "/add-checkpoint");
            SignedCheckpoint c = TestLog.checkpoint(log, logKey);
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(add).POST(HttpRequest.BodyPublishers.ofByteArray(
                    new AddCheckpointRequest(0, List.of(), c.toBytes()).toBody())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            Note cosigned = Note.parse(c.note().format() + ok.body());
            key.verifier().verify(c.note().textBytes(), cosigned.signatures().get(1));

            HttpResponse<String> stale = http.send(HttpRequest.newBuilder(add).POST(HttpRequest.BodyPublishers.ofByteArray(
                    new AddCheckpointRequest(0, List.of(), c.toBytes()).toBody())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(stale.headers().firstValue("Content-Type")).hasValue("text/x.tlog.size");
            assertThat(stale.body()).isEqualTo(log.size() + "\n");

            HttpResponse<String> get = http.send(HttpRequest.newBuilder(add).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Content-Type")).hasValue("application/problem+json");

            HttpResponse<String> status = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/status")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).contains("cosigned size " + log.size(), "cosigning");
        }
    }
}
