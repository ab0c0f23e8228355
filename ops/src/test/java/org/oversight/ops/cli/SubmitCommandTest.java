package org.oversight.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code submit} against an in-process stub of {@code POST /v1/events} (JDK HttpServer). */
class SubmitCommandTest {
    private static final String TOKEN = "ovt.test.secret";

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private volatile int status;
    private volatile String contentType;
    private volatile String answer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (requests) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + exchange.getRequestHeaders().getFirst("Authorization") + " "
                        + new String(body, StandardCharsets.UTF_8));
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The golden envelope as `sign` writes it (with its newline). */
    private Path signedEvent() throws Exception {
        CliRun signed = CliRun.of("sign", "--key", DocKeys.keyFile(dir, 2).toString(),
                "--event", DocKeys.example("unsigned-camera-registered.json").toString());
        assertThat(signed.exit()).as(signed.err()).isZero();
        return Files.writeString(dir.resolve("event.json"), signed.out());
    }

    @Test
    void anAcceptedEventPrintsTheReceiptAndExits0() throws Exception {
        Path event = signedEvent();
        String envelope = Files.readString(event).strip();
        status = 200;
        contentType = "application/json";
        answer = "{\"eventId\":\"ev-cam-0042-0\",\"eventHash\":\"7a73e918687b1918522ffd4a10f57852b153ce41c7c55aa5b8c5d24464f493ba\","
                + "\"leafIndex\":17}";

        CliRun run = CliRun.of("submit", "--url", url(), "--token", TOKEN, "--event", event.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("{\"eventHash\":\"7a73e918687b1918522ffd4a10f57852b153ce41c7c55aa5b8c5d24464f493ba\","
                + "\"eventId\":\"ev-cam-0042-0\",\"leafIndex\":17}\n");
        assertThat(requests).containsExactly("POST /v1/events Bearer " + TOKEN + " " + envelope);
    }

    @Test
    void aRefusedEventPrintsTheProblemAndExits1() throws Exception {
        Path event = signedEvent();
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        status = 409;
        contentType = "application/problem+json";
        answer = "{\"type\":\"urn:oversight:problem:sequence-gap\",\"title\":\"Sequence gap\",\"status\":409,"
                + "\"detail\":\"seq 0 of camera/cam-0042 is taken\"}";

        CliRun run = CliRun.of("submit", "--url", url(), "--token", "@" + tokenFile, "--event", event.toString());

        assertThat(run.exit()).isEqualTo(IntegratorCli.EXIT_REFUSED);
        assertThat(run.out()).isEqualTo("refused: 409 sequence-gap (Sequence gap): seq 0 of camera/cam-0042 is taken\n");
        assertThat(requests).hasSize(1).allMatch(r -> r.contains("Bearer " + TOKEN + " "));
    }

    @Test
    void aMalformedEnvelopeIsRefusedLocallyAndNeverSent() throws Exception {
        Path unsigned = DocKeys.example("unsigned-camera-registered.json");

        CliRun run = CliRun.of("submit", "--url", url(), "--token", TOKEN, "--event", unsigned.toString());

        assertThat(run.isOneLineUsageError()).as(run.toString()).isTrue();
        assertThat(run.err()).contains("not a signed event envelope");
        assertThat(requests).isEmpty();
    }

    @Test
    void anUnreachableLedgerOrBadUrlIsAOneLineError() throws Exception {
        Path event = signedEvent();
        int port = server.getAddress().getPort();
        server.stop(0);

        CliRun down = CliRun.of("submit", "--url", "http://127.0.0.1:" + port, "--token", TOKEN,
                "--event", event.toString());
        assertThat(down.isOneLineUsageError()).as(down.toString()).isTrue();
        assertThat(down.err()).contains("http://127.0.0.1:" + port + "/v1/events: cannot connect");

        CliRun badUrl = CliRun.of("submit", "--url", "ftp://x", "--token", TOKEN, "--event", event.toString());
        assertThat(badUrl.isOneLineUsageError()).as(badUrl.toString()).isTrue();
        assertThat(badUrl.err()).contains("ftp://x");
    }
}
