package org.oversight.ops.demo;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.oversight.domain.crypto.Ed25519Signature;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.MalformedSignatureException;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonParser;
import org.oversight.domain.json.JsonValue;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.X25519PublicKey;

/**
 * Fetches a witness's X25519 key for an erasure epoch ({@code GET <witness>/epoch-key?epoch=E} →
 * {@code {"publicKey","proof","witnessKey","recipient"}}, SEAL-SPEC §7), for the authority to name
 * it as a recipient in {@code ErasureEpochOpened}. The proof of possession is parsed here and
 * verified by the caller (and again by the ledger when it accepts the event).
 */
final class WitnessEpochKeys {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private WitnessEpochKeys() {}

    /**
     * @return the witness recipient, or empty if the witness answers 404 (it serves no epoch keys)
     * @throws IOException if the witness is unreachable, answers another error, or its answer is malformed
     */
    static Optional<EpochRecipient.Witness> fetch(URI witness, String epoch) throws IOException, InterruptedException {
        String base = witness.toString().endsWith("/") ? witness.toString() : witness + "/";
        URI uri = URI.create(base + "epoch-key?epoch=" + URLEncoder.encode(epoch, StandardCharsets.UTF_8));
        HttpResponse<byte[]> r = send(uri);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new IOException("GET " + uri + ": HTTP " + r.statusCode() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8).strip());
        }
        return Optional.of(parse(uri, r.body()));
    }

    /** The witnesses start beside the scenario: a refused connection is retried for up to two minutes. */
    private static HttpResponse<byte[]> send(URI uri) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("GET " + uri + ": witness not reachable within 2 minutes: " + e, e);
                }
                Thread.sleep(500);
            }
        }
    }

    /** Reads a witness's epoch-key answer; IOException naming the URI and the offending member. */
    static EpochRecipient.Witness parse(URI from, byte[] body) throws IOException {
        try {
            JsonValue v = JsonParser.parse(body, new JsonLimits(4, Math.max(1, body.length)));
            if (!(v instanceof JsonObject o)) {
                throw new IOException("GET " + from + ": not a JSON object");
            }
            return new EpochRecipient.Witness(o.requireString("recipient"),
                    X25519PublicKey.parse(o.requireString("publicKey")), o.requireString("witnessKey"),
                    Ed25519Signature.fromBase64(o.requireString("proof")));
        } catch (JsonException | MalformedKeyException | MalformedSignatureException | IllegalArgumentException e) {
            throw new IOException("GET " + from + ": unexpected epoch key: " + e.getMessage(), e);
        }
    }
}
