package org.oversight.ledger.witness;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.Ed25519NoteSigner;

/**
 * The log's side of one witness against a scripted witness: a cosignature is accepted only if it
 * verifies under the configured key over exactly the submitted checkpoint; a 409 teaches the size.
 */
class WitnessClientTest {
    private static Ed25519PrivateKey key(int b) throws Exception {
        byte[] seed = new byte[32];
        seed[0] = (byte) b;
        return Ed25519PrivateKey.fromSeed(seed);
    }

    @Test
    void acceptsOnlyAValidCosignatureOfTheSubmittedCheckpoint() throws Exception {
        Ed25519NoteSigner log = Ed25519NoteSigner.of("test.example/log", key(1));
        Ed25519Cosigner witness = Ed25519Cosigner.of("witness.example/w1", key(2));
        SignedCheckpoint five = SignedCheckpoint.sign(Checkpoint.of("test.example/log", 5, Sha256Digest.hash(new byte[] {5})), log);
        SignedCheckpoint other = SignedCheckpoint.sign(Checkpoint.of("test.example/log", 5, Sha256Digest.hash(new byte[] {6})), log);
        AtomicReference<Integer> status = new AtomicReference<>(200);
        AtomicReference<String> contentType = new AtomicReference<>("text/plain");
        AtomicReference<String> body = new AtomicReference<>("");
        AtomicReference<String> received = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/add-checkpoint", x -> {
            received.set(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", contentType.get());
            x.sendResponseHeaders(status.get(), b.length == 0 ? -1 : b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.start();
        try {
            WitnessClient client = new WitnessClient("http://127.0.0.1:" + server.getAddress().getPort(),
                    witness.verifier(), Duration.ofSeconds(5), Clock.systemUTC());
            // A cosignature over another checkpoint of the same size is refused, and nothing is learnt.
            body.set(witness.cosign(other.note().textBytes(), 7).toLine());
            assertThat(client.submit(five, null)).isInstanceOf(WitnessClient.Outcome.Failed.class);
            assertThat(client.lastError()).contains("invalid cosignature");
            assertThat(client.cosignedSize()).isEqualTo(-1);
            assertThat(received.get()).isEqualTo("old 0\n\n" + five.note().format());
            // A line by another key is no cosignature by this witness.
            body.set(Ed25519Cosigner.of("witness.example/w2", key(3)).cosign(five.note().textBytes(), 7).toLine());
            assertThat(client.submit(five, null)).isInstanceOf(WitnessClient.Outcome.Failed.class);
            // 409 tells the witness's size.
            status.set(409);
            contentType.set("text/x.tlog.size");
            body.set("5\n");
            assertThat(client.submit(five, null)).isEqualTo(new WitnessClient.Outcome.WitnessSize(5));
            // At its size the log asks again from there, and a valid cosignature is accepted.
            status.set(200);
            contentType.set("text/plain");
            body.set(witness.cosign(five.note().textBytes(), 9).toLine());
            WitnessClient.Outcome ok = client.submit(five, null);
            assertThat(received.get()).startsWith("old 5\n\n");
            assertThat(ok).isInstanceOf(WitnessClient.Outcome.Cosigned.class);
            assertThat(((WitnessClient.Outcome.Cosigned) ok).cosignature().timestamp()).isEqualTo(9);
            assertThat(client.failures()).isZero();
        } finally {
            server.stop(0);
        }
    }
}
