package org.oversight.ledger.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Starting and stopping the real executable jar (issue 11 §4): a second ledger on a data directory
 * in use refuses at once and leaves the first one alone; SIGTERM at any point of a start leaves no
 * PostgreSQL process of that directory behind.
 */
class StartStopIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path jar;

    @BeforeEach
    void jar() {
        jar = Path.of(System.getProperty("oversight.ledger.jar", "target/oversight-ledger-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            System.out.println("StartStopIT skipped: executable jar " + jar.toAbsolutePath()
                    + " not built (run `mvn -pl ledger -am verify`)");
            Assumptions.abort("executable jar " + jar + " not built");
        }
    }

    /** Regression: the second instance SIGTERMed the first one's postmaster and died 60 s later. */
    @Test
    void aSecondLedgerOnTheSameDataDirectoryRefusesAtOnceAndTheFirstKeepsServing() throws Exception {
        Path dataDir = Files.createTempDirectory("oversight-double-start");
        LedgerProcess first = LedgerProcess.start(jar, dataDir, dataDir.resolve("first.log"), List.of(), http);
        LedgerProcess second = null;
        try {
            long postmaster = postmasterPid(dataDir);
            Path secondLog = dataDir.resolve("second.log");
            long t0 = System.nanoTime();
            second = LedgerProcess.launch(jar, dataDir, secondLog, List.of());
            assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).as("second instance exited").isTrue();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            String out = Files.readString(secondLog, StandardCharsets.UTF_8);
            System.out.printf("StartStopIT: second instance exited with %d after %d ms%n",
                    second.process().exitValue(), ms);
            assertThat(second.process().exitValue()).isNotZero();
            // At once: before the application context is built (that alone takes tens of seconds here).
            assertThat(ms).as("refused within").isLessThan(30_000);
            assertThat(out).contains("data directory " + dataDir + " is in use by another ledger process (pid "
                    + first.pid() + ")");
            assertThat(out).doesNotContain("\tat org.oversight"); // a clear message, no stack trace
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).hasValue(true);
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(first.uri("/actuator/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        } finally {
            first.stop();
            if (second != null && second.process().isAlive()) {
                // Before the fix it ran on and started a postmaster of its own: clean up, the test failed anyway.
                second.stop();
                LedgerProcess.stopOrphanedPostgres(dataDir.resolve("postgres"));
            }
        }
        assertNoPostgresOf(dataDir);
    }

    /** Regression: SIGTERM during start left the embedded postmaster running (2 of 3 timings). */
    @Test
    void sigtermAtAnyPointOfTheStartLeavesNoPostgresBehind() throws Exception {
        record Moment(String name, Predicate<Path> reached, long thenMillis) {}
        List<Moment> moments = List.of(
                new Moment("JVM starting", d -> true, 300),
                new Moment("initdb running", d -> Files.exists(d.resolve("postgres/PG_VERSION")), 0),
                new Moment("postmaster starting", d -> Files.exists(d.resolve("postgres/postmaster.pid")), 0),
                new Moment("postmaster up, Spring still starting", d -> Files.exists(d.resolve("postgres/postmaster.pid")),
                        1500),
                new Moment("second start, postmaster starting", d -> Files.exists(d.resolve("postgres/postmaster.pid")),
                        0));
        Path reused = null;
        for (Moment moment : moments) {
            Path dataDir = moment.name().startsWith("second") ? reused : Files.createTempDirectory("oversight-sigterm");
            Path log = dataDir.resolve("ledger.log");
            LedgerProcess ledger = LedgerProcess.launch(jar, dataDir, log, List.of());
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!moment.reached().test(dataDir) && ledger.process().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(moment.thenMillis());
            boolean aliveAtSignal = ledger.process().isAlive();
            long t0 = System.nanoTime();
            ledger.process().destroy(); // SIGTERM
            assertThat(ledger.process().waitFor(120, TimeUnit.SECONDS)).as(moment.name() + ": JVM exited").isTrue();
            long exitMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            // A postmaster in fast shutdown may still be finishing: give it a few seconds.
            long settle = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!postgresOf(dataDir).isEmpty() && System.nanoTime() < settle) {
                Thread.sleep(100);
            }
            System.out.printf("StartStopIT: SIGTERM at '%s' (alive %s): JVM exited in %d ms, postgres left: %s%n",
                    moment.name(), aliveAtSignal, exitMs, postgresOf(dataDir));
            assertThat(postgresOf(dataDir)).as(moment.name() + "; log tail:\n" + ledger.logTail(30)).isEmpty();
            if (moment.name().equals("postmaster up, Spring still starting")) {
                reused = dataDir;
            }
        }
    }

    private static long postmasterPid(Path dataDir) throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
    }

    private static void assertNoPostgresOf(Path dataDir) throws Exception {
        long settle = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!postgresOf(dataDir).isEmpty() && System.nanoTime() < settle) {
            Thread.sleep(100);
        }
        assertThat(postgresOf(dataDir)).isEmpty();
    }

    /** Every postgres, initdb or pg_ctl process whose arguments name {@code dataDir}. */
    private static List<String> postgresOf(Path dataDir) {
        String dir = dataDir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres") || c.endsWith("/initdb")
                        || c.endsWith("/pg_ctl")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dir)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .toList();
    }
}
