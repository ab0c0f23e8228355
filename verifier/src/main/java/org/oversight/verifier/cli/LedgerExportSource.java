package org.oversight.verifier.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonFieldException;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonParser;
import org.oversight.verifier.input.InputFiles;

/**
 * Streams a log export from a running ledger: {@code GET <base>/v1/export} (docs/ledger.md §3.1),
 * authenticated with {@code Authorization: Bearer <token>} (docs/ledger.md §5).
 *
 * <p>The response body is handed on as a stream, never buffered or spooled to disk, so an audit
 * over the network runs in the same constant memory as one over a file. Only {@code http} and
 * {@code https} are accepted; redirects are not followed, so the token is only ever sent to the
 * host the auditor named. Transport security is the caller's choice of scheme: the audit itself
 * trusts nothing the server says beyond what the log key verifies.
 */
final class LedgerExportSource {
    /** The export's media type (docs/format.md §10). */
    static final String EXPORT_MEDIA_TYPE = "application/x-oversight-export";
    private static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    /** Error bodies are read up to this many bytes, only to quote an RFC 9457 problem. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Until the response headers arrive; the ledger records the read before it starts streaming. */
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);

    /** The export could not be fetched: bad URL, refused connection or a non-200 answer. */
    static final class FetchException extends Exception {
        private static final long serialVersionUID = 1L;

        FetchException(String message) {
            super(message);
        }

        FetchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final URI exportUri;
    private final Optional<String> token;

    private LedgerExportSource(URI exportUri, Optional<String> token) {
        this.exportUri = exportUri;
        this.token = token;
    }

    /**
     * Checks {@code baseUrl} (an absolute http or https URL without query or fragment) and
     * {@code token} (printable ASCII without spaces, if present) before anything is sent.
     */
    static LedgerExportSource of(String baseUrl, Optional<String> token) throws FetchException {
        URI base;
        try {
            base = new URI(baseUrl);
        } catch (URISyntaxException e) {
            throw new FetchException("--url " + baseUrl + ": " + e.getMessage(), e);
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException("--url " + baseUrl + ": scheme \"" + scheme + "\" is not http or https");
        }
        if (base.getHost() == null) {
            throw new FetchException("--url " + baseUrl + ": no host");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new FetchException("--url " + baseUrl + ": must not have a query or fragment");
        }
        if (base.getRawUserInfo() != null) {
            throw new FetchException("--url: must not carry credentials (use --token)");
        }
        if (token.isPresent()) {
            checkToken(token.get());
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        URI exportUri = URI.create(scheme + "://" + base.getRawAuthority() + path + "/v1/export");
        return new LedgerExportSource(exportUri, token);
    }

    private static void checkToken(String token) throws FetchException {
        if (token.isEmpty()) {
            throw new FetchException("--token is empty");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                // Never echo the token itself: it is a secret.
                throw new FetchException("--token: character at index " + i + " is not printable ASCII");
            }
        }
    }

    /** The URL the export is fetched from. */
    URI exportUri() {
        return exportUri;
    }

    /**
     * Sends the request and returns the export body as a stream once a 200 answer with the export
     * media type has arrived; the caller must close it.
     */
    InputStream open() throws FetchException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpRequest.Builder request = HttpRequest.newBuilder(exportUri)
                .timeout(HEADERS_TIMEOUT)
                .header("Accept", EXPORT_MEDIA_TYPE + ", " + PROBLEM_MEDIA_TYPE)
                .GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new FetchException(InputFiles.describeNetwork(e, exportUri), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("GET " + exportUri + ": interrupted", e);
        }
        InputStream body = response.body();
        if (response.statusCode() != 200) {
            String problem = problemSummary(response, body);
            throw new FetchException("GET " + exportUri + ": HTTP " + response.statusCode() + problem);
        }
        String type = mediaType(response);
        if (!type.equals(EXPORT_MEDIA_TYPE)) {
            closeQuietly(body);
            throw new FetchException("GET " + exportUri + ": content type \"" + type + "\" is not " + EXPORT_MEDIA_TYPE);
        }
        return body;
    }

    private static String mediaType(HttpResponse<?> response) {
        String value = response.headers().firstValue("Content-Type").orElse("");
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** ": title: detail" of an RFC 9457 problem body, or "" if the body is not one. */
    private static String problemSummary(HttpResponse<?> response, InputStream body) {
        try (body) {
            if (!mediaType(response).equals(PROBLEM_MEDIA_TYPE)) {
                return "";
            }
            byte[] bytes = body.readNBytes(MAX_ERROR_BODY);
            JsonObject problem = JsonParser.parseObject(bytes);
            StringBuilder summary = new StringBuilder();
            Optional<String> title = problem.optionalString("title");
            Optional<String> detail = problem.optionalString("detail");
            // The server's words, shortened: an error line must stay one readable line.
            title.ifPresent(t -> summary.append(": ").append(CliInputs.quote(t)));
            detail.ifPresent(d -> summary.append(": ").append(CliInputs.quote(d)));
            return summary.toString();
        } catch (IOException | JsonFieldException e) {
            return "";
        } catch (JsonException e) {
            return " (unparsable problem body)";
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the fetch has already failed; the close error adds nothing
        }
    }
}
