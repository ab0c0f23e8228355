package org.oversight.verifier.witness;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.seal.SealedBlob;

/**
 * {@link VaultBlobs} over HTTP: {@code GET <ledger>/v1/vault/blobs/<hex digest>} with
 * {@code Authorization: Bearer <token>} (a credential of role {@code witness}, docs/ledger.md).
 * 200 is the blob, read up to {@link SealedBlob#MAX_BYTES} (a longer body is refused, not
 * truncated); 404 and 410 are the vault's statement that it does not serve the blob; any other
 * answer, or none, is a {@link VaultBlobs.BlobFetchException}. Redirects are not followed (the
 * token must not go elsewhere).
 */
public final class HttpVaultBlobs implements VaultBlobs {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_PROBLEM_BYTES = 4096;

    private final String prefix;
    private final String token;
    private final HttpClient http;

    /**
     * @param prefix the ledger's base URL, e.g. {@code http://ledger:8080}
     * @param token the bearer token (no white space)
     * @throws IllegalArgumentException if the URL is not http(s) or the token is empty or has white space
     */
    public HttpVaultBlobs(String prefix, String token) {
        URI uri = URI.create(Objects.requireNonNull(prefix, "prefix"));
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("ledger URL '" + prefix + "' is not http or https");
        }
        Objects.requireNonNull(token, "token");
        if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("vault token is empty or has white space or non-ASCII characters");
        }
        this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Fetched fetch(Sha256Digest digest) throws BlobFetchException {
        String url = prefix + "/v1/vault/blobs/" + digest.hex();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new BlobFetchException("GET " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BlobFetchException("GET " + url + ": interrupted", e);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 200) {
                byte[] bytes = body.readNBytes(SealedBlob.MAX_BYTES + 1);
                if (bytes.length > SealedBlob.MAX_BYTES) {
                    // Larger than any sealed blob: it cannot be the leaf's, so the vault does not serve it.
                    return new Missing("GET " + url + ": HTTP 200 with a body longer than " + SealedBlob.MAX_BYTES
                            + " bytes, larger than any sealed blob");
                }
                return new Found(bytes);
            }
            String problem = new String(body.readNBytes(MAX_PROBLEM_BYTES), StandardCharsets.UTF_8).strip();
            if (status == 404 || status == 410) {
                return new Missing("GET " + url + ": HTTP " + status + " " + problem);
            }
            throw new BlobFetchException("GET " + url + ": HTTP " + status + " " + problem);
        } catch (IOException e) {
            throw new BlobFetchException("GET " + url + ": reading the body: " + e, e);
        }
    }
}
