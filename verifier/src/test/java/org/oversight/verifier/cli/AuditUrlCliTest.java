package org.oversight.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.verifier.audit.CliFixtures;

/** {@code verifier audit --url}: the export streamed from a ledger-like HTTP server on 127.0.0.1. */
class AuditUrlCliTest {
    private static final String TOKEN = "ovt.tok1.c2VjcmV0LXNlY3JldA";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int run(String... args) {
        return VerifierCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String vkey() {
        return CliFixtures.logKey().verifier().toVerifierKey();
    }

    /** Serves {@code body} with {@code status} and {@code contentType} at /v1/export; returns the base URL. */
    private String serve(int status, String contentType, byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "<none>" : auth);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            // chunked (length 0), as the ledger streams it
            exchange.sendResponseHeaders(status, 0);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String serveExport(byte[] export) throws IOException {
        return serve(200, LedgerExportSource.EXPORT_MEDIA_TYPE, export);
    }

    @Test
    void cleanLogFromUrlPassesAndSendsTheBearerTokenFromAFile() throws Exception {
        String base = serveExport(CliFixtures.cleanExport());
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
        Path state = dir.resolve("state");
        int code = run("audit", "--url", base + "/", "--token", "@" + tokenFile, "--log-key", vkey(),
                "--state", state.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).endsWith("RESULT: PASS — every check held\n");
        assertThat(Files.readString(state)).startsWith(CliFixtures.ORIGIN + "\n14\n");
        assertThat(paths).containsExactly("/v1/export");
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
    }

    @Test
    void tokenGivenInlineIsSentAsIsAndNoTokenSendsNoHeader() throws Exception {
        String base = serveExport(CliFixtures.cleanExport());
        assertThat(run("audit", "--url", base, "--token", "ovt.other.x", "--log-key", vkey(),
                "--state", dir.resolve("s1").toString())).as(err.toString()).isZero();
        assertThat(run("audit", "--url", base, "--log-key", vkey(),
                "--state", dir.resolve("s2").toString())).as(err.toString()).isZero();
        assertThat(authorizations).containsExactly("Bearer ovt.other.x", "<none>");
    }

    @Test
    void tamperedLogFromUrlExitsOneAndKeepsNoState() throws Exception {
        String base = serveExport(CliFixtures.droppedEventExport());
        Path state = dir.resolve("state");
        Files.write(state, CliFixtures.checkpointOfPrefix(12));
        byte[] before = Files.readAllBytes(state);
        assertThat(run("audit", "--url", base, "--token", TOKEN, "--log-key", vkey(), "--state", state.toString()))
                .as(err.toString()).isEqualTo(VerifierCli.EXIT_VIOLATION);
        assertThat(out.toString()).contains("RESULT: FAIL");
        assertThat(Files.readAllBytes(state)).isEqualTo(before);
    }

    @Test
    void unauthorizedProblemExitsTwoWithStatusTitleAndDetail() throws Exception {
        byte[] problem = ("{\"type\":\"https://oversight.example/problems/unauthenticated\",\"title\":\"Unauthenticated\","
                + "\"status\":401,\"detail\":\"bearer token is not valid\"}").getBytes(StandardCharsets.UTF_8);
        String base = serve(401, "application/problem+json", problem);
        int code = run("audit", "--url", base, "--token", "ovt.wrong.token", "--log-key", vkey(),
                "--state", dir.resolve("s").toString());
        assertThat(code).isEqualTo(VerifierCli.EXIT_USAGE);
        assertThat(err.toString()).isEqualTo("verifier: --url: GET " + base + "/v1/export: HTTP 401: Unauthenticated:"
                + " bearer token is not valid\n");
        assertThat(err.toString()).doesNotContain("ovt.wrong.token");
        assertThat(authorizations).containsExactly("Bearer ovt.wrong.token");
        assertThat(out.toString()).isEmpty();
        assertThat(dir.resolve("s")).doesNotExist();
    }

    @Test
    void aLongProblemDetailIsShortenedToOneReadableLine() throws Exception {
        String detail = "x".repeat(5000);
        byte[] problem = ("{\"status\":403,\"title\":\"Forbidden\",\"detail\":\"" + detail + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        String base = serve(403, "application/problem+json", problem);
        assertThat(run("audit", "--url", base, "--log-key", vkey(), "--state", dir.resolve("s").toString()))
                .isEqualTo(VerifierCli.EXIT_USAGE);
        assertThat(err.toString()).startsWith("verifier: --url: GET " + base + "/v1/export: HTTP 403: Forbidden: xxx")
                .endsWith("...\n").hasSizeLessThan(400);
    }

    @Test
    void nonProblemErrorAndWrongContentTypeExitTwo() throws Exception {
        String base = serve(503, "text/html", "<h1>down</h1>".getBytes(StandardCharsets.UTF_8));
        assertThat(run("audit", "--url", base, "--log-key", vkey(), "--state", dir.resolve("s").toString()))
                .isEqualTo(VerifierCli.EXIT_USAGE);
        assertThat(err.toString()).isEqualTo("verifier: --url: GET " + base + "/v1/export: HTTP 503\n");
        server.stop(0);

        err.getBuffer().setLength(0);
        String other = serve(200, "text/html", CliFixtures.cleanExport());
        assertThat(run("audit", "--url", other, "--log-key", vkey(), "--state", dir.resolve("s").toString()))
                .isEqualTo(VerifierCli.EXIT_USAGE);
        assertThat(err.toString()).contains("content type \"text/html\" is not application/x-oversight-export");
    }

    @Test
    void connectionRefusedExitsTwo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        assertThat(run("audit", "--url", base, "--log-key", vkey(), "--state", dir.resolve("s").toString()))
                .isEqualTo(VerifierCli.EXIT_USAGE);
        assertThat(err.toString()).isEqualTo("verifier: --url: connection refused: " + base + "/v1/export\n");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void refusesOtherSchemesBadTokensAndBothSources() throws Exception {
        Path export = dir.resolve("log.export");
        Files.write(export, CliFixtures.cleanExport());
        String state = dir.resolve("s").toString();
        assertThat(run("audit", "--url", "file:///etc/passwd", "--log-key", vkey(), "--state", state)).isEqualTo(2);
        assertThat(err.toString()).contains("scheme \"file\" is not http or https");
        assertThat(run("audit", "--url", "ftp://127.0.0.1/", "--log-key", vkey(), "--state", state)).isEqualTo(2);
        assertThat(run("audit", "--url", "http://127.0.0.1:1", "--token", "a\r\nX-Evil: 1", "--log-key", vkey(),
                "--state", state)).isEqualTo(2);
        assertThat(err.toString()).contains("--token: character at index 1 is not printable ASCII")
                .doesNotContain("X-Evil");
        err.getBuffer().setLength(0);
        assertThat(run("audit", "--url", "http://127.0.0.1:1", "--export", export.toString(), "--log-key", vkey(),
                "--state", state)).isEqualTo(2);
        assertThat(err.toString()).contains("exactly one of --export FILE or --url URL is required");
        err.getBuffer().setLength(0);
        assertThat(run("audit", "--log-key", vkey(), "--state", state)).isEqualTo(2);
        assertThat(err.toString()).contains("exactly one of --export FILE or --url URL is required");
        err.getBuffer().setLength(0);
        assertThat(run("audit", "--export", export.toString(), "--token", TOKEN, "--log-key", vkey(), "--state", state))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--token needs --url");
        assertThat(dir.resolve("s")).doesNotExist();
    }
}
