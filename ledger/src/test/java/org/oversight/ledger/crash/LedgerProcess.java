package org.oversight.ledger.crash;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The ledger's executable jar run as a child process ({@code java -jar}) on a given data directory,
 * listening on a free loopback port; stdout and stderr go to {@code <log>}. Used by the crash test.
 */
final class LedgerProcess {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final int port;
    private final Path log;

    private LedgerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar and waits until {@code /actuator/health} answers 200. */
    static LedgerProcess start(Path jar, Path dataDir, Path log, List<String> extraArgs, HttpClient http)
            throws IOException, InterruptedException {
        LedgerProcess ledger = launch(jar, dataDir, log, extraArgs);
        Process p = ledger.process;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("ledger exited with " + p.exitValue() + " during start; log tail:\n"
                        + ledger.logTail(60));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(ledger.uri("/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return ledger;
                }
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        ledger.kill();
        throw new IllegalStateException("ledger not healthy within " + START_TIMEOUT + "; log tail:\n" + ledger.logTail(60));
    }

    /** Starts the jar without waiting for anything. */
    static LedgerProcess launch(Path jar, Path dataDir, Path log, List<String> extraArgs) throws IOException {
        int port = freeLoopbackPort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true", "-jar", jar.toString(),
                "--oversight.data-dir=" + dataDir, "--server.port=" + port, "--server.address=127.0.0.1"));
        command.addAll(extraArgs);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new LedgerProcess(p, port, log);
    }

    Process process() {
        return process;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL on Linux: no shutdown hooks, no graceful close of anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM (Spring's graceful shutdown, which stops the embedded PostgreSQL); SIGKILL after 60 s. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /**
     * Stops a postmaster left running in {@code clusterDir} (after a SIGKILL of its JVM, pg_ctl's
     * daemonised server survives); only the process named by that directory's own pid file.
     */
    static void stopOrphanedPostgres(Path clusterDir) throws IOException, InterruptedException {
        Path pidFile = clusterDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        if (postmaster.isPresent() && postmaster.get().isAlive()
                && postmaster.get().info().command().map(c -> c.endsWith("/postgres")).orElse(false)) {
            postmaster.get().destroy();
            try {
                postmaster.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                postmaster.get().destroyForcibly();
            }
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
