package org.oversight.ops.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.oversight.domain.export.MalformedExportException;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.verifier.audit.AuditOutcome;
import org.oversight.verifier.audit.AuditProgress;
import org.oversight.verifier.audit.LargeLog;
import org.oversight.verifier.audit.LogAuditor;
import org.oversight.verifier.audit.TestLog;
import org.oversight.verifier.report.VerificationReport;

/**
 * Audit throughput in events/s: the complete {@code verifier audit} of a realistic signed export of
 * {@value #EVENTS} events ({@link LargeLog}: principals, policy, cameras, watchlist entries with
 * real templates, mostly face detections, 2% of them matches proposed by the real projection,
 * reviewed and actioned), through {@link LogAuditor#audit} over the file read as the CLI reads it
 * — checkpoint signature, framing, Merkle root, every event's encoding, chain, signer and
 * signature, rules R1, R2, R3, R6, R9 and the projection replay — minus printing the report.
 * The export is written once per fork (untimed); every invocation audits all of it and must pass.
 *
 * <p>Set against {@link RawEd25519Benchmark#rawVerify} from the same run, times the cores used:
 * {@link #auditOneThread} runs the whole audit on the calling thread (1 core);
 * {@link #auditAllThreads} uses {@code --threads} = available processors, i.e. every core of the
 * machine (verifier workers plus the reader and the ordered pass).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AuditBenchmark {
    /** Leaves in the audited export. */
    public static final int EVENTS = 100_000;
    private static final long SEED = 20261127;

    private Ed25519NoteSigner logKey;
    private Path directory;
    private Path export;

    @Setup(Level.Trial)
    public void writeExport() throws IOException {
        logKey = TestLog.logKey(TestLog.LOG_SEED);
        directory = Files.createTempDirectory("oversight-audit-bench-");
        export = directory.resolve("log.export");
        LargeLog.write(export, EVENTS, SEED, logKey);
    }

    @TearDown(Level.Trial)
    public void deleteExport() throws IOException {
        Files.deleteIfExists(export);
        Files.deleteIfExists(directory);
    }

    /** {@code --threads 1}: everything on one thread. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public VerificationReport auditOneThread() throws IOException, MalformedExportException {
        return audit(1);
    }

    /** {@code --threads} default: one per available processor. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public VerificationReport auditAllThreads() throws IOException, MalformedExportException {
        return audit(Runtime.getRuntime().availableProcessors());
    }

    private VerificationReport audit(int threads) throws IOException, MalformedExportException {
        LogAuditor auditor = new LogAuditor(logKey.verifier(), TestLog.ORIGIN, threads);
        AuditOutcome outcome;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(export), 1 << 16)) {
            outcome = auditor.audit(in, Optional.empty(), AuditProgress.NONE);
        }
        if (!outcome.report().passed()) {
            throw new IllegalStateException("the benchmark's clean log failed its audit: "
                    + outcome.report().findings());
        }
        return outcome.report();
    }
}
