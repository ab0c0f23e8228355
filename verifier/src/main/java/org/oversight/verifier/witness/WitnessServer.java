package org.oversight.verifier.witness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The witness's HTTP interface on the JDK's server: {@code POST /add-checkpoint} (C2SP tlog-witness),
 * {@code GET /epoch-key?epoch=E} (this witness's X25519 key for an erasure epoch, with its proof of
 * possession) and {@code GET /status} (one line for an operator). Request bodies above
 * {@link AddCheckpointRequest#MAX_BODY_BYTES} are refused with 413 before being read in full.
 */
public final class WitnessServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private WitnessServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving {@code auditor} on {@code address} (port 0: any free port). */
    public static WitnessServer start(InetSocketAddress address, LiveAuditor auditor) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "witness-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/add-checkpoint", exchange -> handle(exchange, () -> {
            if (!"POST".equals(exchange.getRequestMethod())) {
                return WitnessResponse.problem(405, "Method Not Allowed", "add-checkpoint takes POST, not "
                        + exchange.getRequestMethod());
            }
            byte[] body = readLimited(exchange.getRequestBody(), AddCheckpointRequest.MAX_BODY_BYTES);
            if (body == null) {
                return WitnessResponse.problem(413, "Content Too Large", "request body exceeds "
                        + AddCheckpointRequest.MAX_BODY_BYTES + " bytes");
            }
            return auditor.addCheckpoint(body);
        }));
        server.createContext("/epoch-key", exchange -> handle(exchange, () -> {
            if (!"GET".equals(exchange.getRequestMethod())) {
                return WitnessResponse.problem(405, "Method Not Allowed", "epoch-key takes GET, not "
                        + exchange.getRequestMethod());
            }
            return auditor.epochKey(queryParameter(exchange.getRequestURI().getRawQuery(), "epoch"));
        }));
        server.createContext("/status", exchange -> handle(exchange, () -> auditor.halted().isPresent()
                ? new WitnessResponse(503, "text/plain; charset=utf-8", auditor.status() + "\n")
                : new WitnessResponse(200, "text/plain; charset=utf-8", auditor.status() + "\n")));
        server.start();
        return new WitnessServer(server, executor);
    }

    /** The port served. */
    public int port() {
        return server.getAddress().getPort();
    }

    private interface Handler {
        WitnessResponse respond() throws IOException;
    }

    private static void handle(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            WitnessResponse response;
            try {
                response = handler.respond();
            } catch (RuntimeException e) {
                response = WitnessResponse.problem(500, "Internal Server Error", e.toString());
            }
            byte[] body = response.bodyBytes();
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The value of {@code name} in a raw query string (URL-decoded), or null. */
    static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return pair.substring(eq + 1);  // a malformed escape: refused as an identifier
                }
            }
        }
        return null;
    }

    /** The whole stream, or null if it holds more than {@code limit} bytes. */
    private static byte[] readLimited(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? null : body;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
