package org.oversight.ledger.storage.postgres;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a postmaster this process started does not outlive it when the JVM is terminated
 * (SIGTERM, System.exit) — also during start, before the server object exists. Registered as a
 * shutdown hook before initdb or pg_ctl run. When the JVM exits:
 * <ol>
 *   <li>no new postmaster is started ({@link #beforePostmaster()} refuses);</li>
 *   <li>an initdb or pg_ctl still running is awaited, and then the start itself;</li>
 *   <li>a postmaster whose start was abandoned is stopped at once; one that was handed to its owner
 *       gets {@link #OWNER_GRACE} for the owner's orderly close (Spring's graceful shutdown closes
 *       the pool first) and is stopped (fast shutdown) after that.</li>
 * </ol>
 */
final class StartupGuard {
    private static final Logger LOG = LoggerFactory.getLogger(StartupGuard.class);
    /** Longer than Spring's graceful shutdown phase (30 s by default). */
    static final Duration OWNER_GRACE = Duration.ofSeconds(45);
    private static final Duration CHILD_WAIT = Duration.ofSeconds(60);

    private final Path directory;
    private final Thread hook;
    private final CountDownLatch startEnded = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean terminating;
    private volatile boolean handedOver;

    /** @throws IllegalStateException if the JVM is already shutting down (then nothing is started) */
    StartupGuard(Path directory) {
        this.directory = directory;
        this.hook = new Thread(this::onJvmExit, "embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Called just before the postmaster is started. */
    void beforePostmaster() {
        if (terminating) {
            throw new IllegalStateException("the JVM is shutting down; PostgreSQL in " + directory + " not started");
        }
    }

    void handOver(EmbeddedPostgresServer server) {
        handedOver = true;
        startEnded.countDown();
    }

    /** The start failed: stop whatever it started. */
    void abort() {
        try {
            awaitChildren();
            EmbeddedPostgresServer.stopPostmaster(directory);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not stop PostgreSQL in {} after a failed start: {}", directory, e.getMessage());
        } finally {
            startEnded.countDown();
            closed();
        }
    }

    /** The owner closed the server. */
    void closed() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down: the hook is running or about to, and finds the server closed.
        }
    }

    private void onJvmExit() {
        terminating = true;
        try {
            awaitChildren();
            if (!startEnded.await(CHILD_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("start of PostgreSQL in {} still running at exit; stopping it", directory);
            }
            if (handedOver && closed.await(OWNER_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                return;
            }
            if (closed.getCount() > 0) {
                LOG.warn("stopping PostgreSQL in {} at JVM exit", directory);
                EmbeddedPostgresServer.stopPostmaster(directory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not stop PostgreSQL in {} at JVM exit: {}", directory, e.getMessage());
        }
    }

    /** initdb and pg_ctl run as children of this JVM; the postmaster is daemonised by pg_ctl. */
    private static void awaitChildren() {
        ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("/initdb") || c.endsWith("/pg_ctl")).orElse(false))
                .forEach(p -> {
                    try {
                        p.onExit().get(CHILD_WAIT.toSeconds(), TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // Bounded wait; the postmaster is stopped by its pid file afterwards anyway.
                    }
                });
    }
}
