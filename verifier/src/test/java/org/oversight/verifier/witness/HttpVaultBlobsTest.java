package org.oversight.verifier.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.seal.SealedBlob;

/**
 * The witness's vault client against a fake ledger: the bearer token, the blob, 404/410 as the
 * vault's statement that it does not serve the blob, other answers as a fetch failure, and a body
 * longer than any sealed blob refused without reading it all.
 */
class HttpVaultBlobsTest {
    private static final byte[] BLOB = "{\"sealed\":\"blob\"}".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private final List<String> authorizations = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/vault/blobs/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String digest = exchange.getRequestURI().getPath().substring("/v1/vault/blobs/".length());
            byte[] body;
            int status;
            if (digest.equals(Sha256Digest.hash(BLOB).hex())) {
                status = 200;
                body = BLOB;
            } else if (digest.equals(digestOf("erased").hex())) {
                status = 410;
                body = "{\"title\":\"Erased\"}".getBytes(StandardCharsets.UTF_8);
            } else if (digest.equals(digestOf("huge").hex())) {
                status = 200;
                body = new byte[SealedBlob.MAX_BYTES + 1];
            } else if (digest.equals(digestOf("forbidden").hex())) {
                status = 403;
                body = "{\"title\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                body = "{\"title\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Sha256Digest digestOf(String s) {
        return Sha256Digest.hash(s.getBytes(StandardCharsets.UTF_8));
    }

    private HttpVaultBlobs vault() {
        return new HttpVaultBlobs("http://127.0.0.1:" + server.getAddress().getPort() + "/", "w-token");
    }

    @Test
    void servesTheBlobWithTheBearerToken() throws Exception {
        VaultBlobs.Fetched f = vault().fetch(Sha256Digest.hash(BLOB));
        assertThat(f).isInstanceOf(VaultBlobs.Found.class);
        assertThat(((VaultBlobs.Found) f).bytes()).isEqualTo(BLOB);
        assertThat(authorizations).containsExactly("Bearer w-token");
    }

    @Test
    void notFoundAndErasedAreMissingWithTheVaultsAnswer() throws Exception {
        assertThat(vault().fetch(digestOf("absent"))).isInstanceOfSatisfying(VaultBlobs.Missing.class,
                m -> assertThat(m.detail()).contains(digestOf("absent").hex()).contains("HTTP 404"));
        assertThat(vault().fetch(digestOf("erased"))).isInstanceOfSatisfying(VaultBlobs.Missing.class,
                m -> assertThat(m.detail()).contains("HTTP 410").contains("Erased"));
    }

    @Test
    void aBodyLargerThanAnySealedBlobIsMissingNotTruncated() throws Exception {
        assertThat(vault().fetch(digestOf("huge"))).isInstanceOfSatisfying(VaultBlobs.Missing.class,
                m -> assertThat(m.detail()).contains("longer than " + SealedBlob.MAX_BYTES));
    }

    @Test
    void aRefusedCredentialOrNoAnswerIsAFetchFailure() {
        assertThatThrownBy(() -> vault().fetch(digestOf("forbidden"))).isInstanceOf(VaultBlobs.BlobFetchException.class)
                .hasMessageContaining("HTTP 403");
        assertThatThrownBy(() -> new HttpVaultBlobs("http://127.0.0.1:1", "t").fetch(digestOf("x")))
                .isInstanceOf(VaultBlobs.BlobFetchException.class).hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new HttpVaultBlobs("ftp://x", "t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> new HttpVaultBlobs("http://x", "a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpVaultBlobs("http://x", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
