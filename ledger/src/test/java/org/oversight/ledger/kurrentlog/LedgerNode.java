package org.oversight.ledger.kurrentlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.LedgerApplication;
import org.oversight.ledger.security.CredentialsFile;
import org.oversight.ledger.security.Role;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One ledger process-equivalent for the KurrentDB-log tests: a Spring context of
 * {@link LedgerApplication} with {@code oversight.store.type=kurrentdb} and a PostgreSQL URL,
 * serving HTTP on a free loopback port, driven with the JDK HTTP client. Several nodes started one
 * after another on the same {@link Site} (same data directory, database and KurrentDB) model restarts.
 */
final class LedgerNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** What survives a restart: data directory (keys, credentials), PostgreSQL database. */
    static final class Site {
        final Path dataDir;
        final String jdbcUrl;
        final Map<Role, String> tokens = new EnumMap<>(Role.class);

        Site(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            try {
                dataDir = Files.createTempDirectory("oversight-kurrent-log");
                SecureRandom random = new SecureRandom();
                for (Role role : Role.values()) {
                    tokens.put(role, CredentialsFile.issue(dataDir.resolve("credentials"),
                            role.name().toLowerCase(Locale.ROOT) + "-user", EnumSet.of(role), random));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        LedgerNode start(String kurrentDbConnectionString) {
            return start(kurrentDbConnectionString, Map.of());
        }

        /** @param extra further properties (e.g. leadership), overriding the defaults here */
        LedgerNode start(String kurrentDbConnectionString, Map<String, String> extra) {
            LedgerApplication.disableAxonUpdateChecker();
            Map<String, String> properties = new java.util.LinkedHashMap<>(Map.ofEntries(
                    Map.entry("oversight.store.type", "kurrentdb"),
                    Map.entry("oversight.store.kurrentdb.connection-string", kurrentDbConnectionString),
                    Map.entry("oversight.store.kurrentdb.timeout", "5s"),
                    Map.entry("spring.datasource.url", jdbcUrl),
                    Map.entry("spring.datasource.hikari.maximum-pool-size", "4"),
                    Map.entry("oversight.data-dir", dataDir.toString()),
                    Map.entry("oversight.log.origin", "test.oversight/log"),
                    Map.entry("oversight.checkpoint.every-leaves", "1"),
                    Map.entry("oversight.checkpoint.interval-ms", "50"),
                    Map.entry("oversight.engine.enabled", "false"),
                    Map.entry("server.port", "0"),
                    Map.entry("server.address", "127.0.0.1")));
            properties.putAll(extra);
            // As command-line arguments: they take precedence over application.properties.
            String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class).run(args);
            return new LedgerNode(context, tokens);
        }
    }

    /** An HTTP answer. */
    record Reply(int status, String body, HttpResponse<byte[]> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String problemType() {
            return json().get("type").asText();
        }
    }

    final ConfigurableApplicationContext context;
    private final Map<Role, String> tokens;
    private final String base;

    private LedgerNode(ConfigurableApplicationContext context, Map<Role, String> tokens) {
        this.context = context;
        this.tokens = tokens;
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    Reply submit(SignedEvent event, Role role) {
        return post("/v1/events", event.leafBytes(), role);
    }

    Reply submitBatch(List<SignedEvent> events, Role role) {
        return post("/v1/events/batch", batchBody(events), role);
    }

    static byte[] batchBody(List<SignedEvent> events) {
        StringBuilder b = new StringBuilder("[");
        for (SignedEvent e : events) {
            b.append(b.length() > 1 ? "," : "").append(new String(e.leafBytes(), StandardCharsets.UTF_8));
        }
        return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    Reply post(String path, byte[] body, Role role) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + tokens.get(role))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Reply get(String path, Role role) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (role != null) {
            b.header("Authorization", "Bearer " + tokens.get(role));
        }
        return send(b);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Leaf indices of a successful single or batch answer. */
    static List<Long> leafIndices(Reply r) {
        JsonNode json = r.json();
        List<Long> out = new ArrayList<>();
        if (json.has("results")) {
            json.get("results").forEach(n -> out.add(n.get("leafIndex").asLong()));
        } else {
            out.add(json.get("leafIndex").asLong());
        }
        return out;
    }

    @Override
    public void close() {
        context.close();
    }
}
