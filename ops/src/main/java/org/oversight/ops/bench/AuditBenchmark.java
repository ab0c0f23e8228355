package org.oversight.ops.bench;

import java.io.BufferedInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.oversight.domain.crypto.Ed25519BatchVerifier;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.Ed25519Signature;
import org.oversight.domain.crypto.KeyId;
import org.oversight.domain.crypto.RawEd25519;
import org.oversight.domain.crypto.SignatureDomain;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.export.LogExportReader;
import org.oversight.domain.export.MalformedExportException;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.verifier.audit.AuditOutcome;
import org.oversight.verifier.audit.AuditProgress;
import org.oversight.verifier.audit.IncrementalAudit;
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
 * signature, rules R1, R2, R3, R5, R6, R7, R8, R-disclosure, R9 and the projection replay — minus printing the report.
 * The export is written once per fork (untimed); every invocation audits all of it and must pass.
 * Each benchmark also counts the process's CPU time ({@link CpuUse}), so that the report can give
 * the cores actually used and a CPU-normalised ratio on a machine shared with other work.
 *
 * <p>Set against {@link RawEd25519Benchmark#rawVerify} from the same run, times the cores used:
 * {@link #auditOneThread} runs the whole audit on the calling thread (1 core);
 * {@link #auditAllThreads} uses {@code --threads} = available processors, i.e. every core of the
 * machine (verifier workers plus the reader and the ordered pass).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AuditBenchmark {
    /** Leaves in the audited export. */
    public static final int EVENTS = 100_000;
    /** Signatures of real events verified per invocation of {@link #verifyEventSignaturesOneThread}. */
    public static final int SIGNATURES = 2_000;
    /** Signatures per batch in {@link #verifyEventSignaturesBatchOneThread} (one random combination each). */
    public static final int BATCH = 64;
    private static final long SEED = 20261127;

    /** The export, written once per fork (untimed). */
    @State(Scope.Benchmark)
    public static class Export {
        Ed25519NoteSigner logKey;
        Path directory;
        Path export;

        @Setup(Level.Trial)
        public void write() throws IOException {
            logKey = TestLog.logKey(TestLog.LOG_SEED);
            directory = Files.createTempDirectory("oversight-audit-bench-");
            export = directory.resolve("log.export");
            LargeLog.write(export, EVENTS, SEED, logKey);
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Files.deleteIfExists(export);
            Files.deleteIfExists(directory);
        }
    }

    /**
     * The signing inputs, signatures and keys of the first {@value #SIGNATURES} detections of a
     * log of the same kind: the yardstick's work on the audit's own bytes.
     */
    @State(Scope.Benchmark)
    public static class Signatures {
        final List<byte[]> inputs = new ArrayList<>();
        final List<byte[]> signatures = new ArrayList<>();
        final List<Ed25519Signature> signatureValues = new ArrayList<>();
        final List<Ed25519PublicKey> keys = new ArrayList<>();

        @Setup(Level.Trial)
        public void collect() throws IOException, MalformedExportException, InvalidEventException {
            Path file = Files.createTempFile("oversight-audit-bench-", ".export");
            try {
                LargeLog.write(file, SIGNATURES * 6 / 5 + 200, SEED, TestLog.logKey(TestLog.LOG_SEED));
                Map<KeyId, Ed25519PublicKey> cameras = new TreeMap<>(Comparator.comparing(KeyId::hex));
                try (InputStream in = Files.newInputStream(file)) {
                    LogExportReader reader = new LogExportReader(in);
                    for (byte[] leaf = reader.nextLeaf(); leaf != null && inputs.size() < SIGNATURES;
                            leaf = reader.nextLeaf()) {
                        SignedEvent event = SignedEvent.parse(leaf);
                        if (event.payload() instanceof CameraRegistered c) {
                            cameras.put(c.devicePublicKey().keyId(), c.devicePublicKey());
                        } else if (event.type() == EventType.FACE_DETECTED) {
                            inputs.add(event.signingInput());
                            signatures.add(event.signature().toByteArray());
                            signatureValues.add(event.signature());
                            keys.add(cameras.get(event.header().signer()));
                        }
                    }
                }
            } finally {
                Files.deleteIfExists(file);
            }
            if (inputs.size() != SIGNATURES) {
                throw new IllegalStateException(inputs.size() + " detections collected, not " + SIGNATURES);
            }
        }

        /**
         * Writes every (key, signature, signing input) as a record for {@code ops/sodium-verify.c}:
         * 32-byte key, 64-byte signature, 4-byte little-endian length, the signing input.
         */
        void writeRecords(OutputStream out) throws IOException {
            DataOutputStream data = new DataOutputStream(out);
            for (int i = 0; i < inputs.size(); i++) {
                data.write(keys.get(i).toByteArray());
                data.write(signatures.get(i));
                data.writeInt(Integer.reverseBytes(inputs.get(i).length));
                data.write(inputs.get(i));
            }
            data.flush();
        }
    }

    /**
     * CPU time of the whole process (every thread, the JIT and GC included) while the benchmark
     * ran, beside the events it processed: events per CPU-second do not depend on how busy the
     * machine's other processes keep the cores, where events per second do.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuUse {
        public long cpuNanos;
        public long work;

        /** Counts each iteration alone, so warm-up (and its JIT compilation) is left out. */
        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            work = 0;
        }

        void add(long nanos, long items) {
            cpuNanos += nanos;
            work += items;
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** {@code --threads 1}: everything on one thread. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public VerificationReport auditOneThread(Export export, CpuUse cpu) throws IOException, MalformedExportException {
        return audit(export, 1, cpu);
    }

    /** {@code --threads} default: one per available processor. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public VerificationReport auditAllThreads(Export export, CpuUse cpu) throws IOException, MalformedExportException {
        return audit(export, Runtime.getRuntime().availableProcessors(), cpu);
    }

    /**
     * The yardstick on the audit's own bytes, one thread: Ed25519 verification (Bouncy Castle,
     * through the domain's raw entry point, key decoded once) of real detections' signing inputs.
     */
    @Benchmark
    @OperationsPerInvocation(SIGNATURES)
    public int verifyEventSignaturesOneThread(Signatures s, CpuUse cpu) {
        long cpu0 = OS.getProcessCpuTime();
        int valid = 0;
        for (int i = 0; i < s.inputs.size(); i++) {
            if (RawEd25519.verify(s.keys.get(i), s.inputs.get(i), s.signatures.get(i))) {
                valid++;
            }
        }
        cpu.add(OS.getProcessCpuTime() - cpu0, s.inputs.size());
        if (valid != SIGNATURES) {
            throw new IllegalStateException(valid + " of " + SIGNATURES + " signatures verified");
        }
        return valid;
    }

    /**
     * The same signatures checked in batches of {@value #BATCH} ({@link Ed25519BatchVerifier}: one
     * random combination per batch, the cofactored equation), one thread; per signature.
     */
    @Benchmark
    @OperationsPerInvocation(SIGNATURES)
    public int verifyEventSignaturesBatchOneThread(Signatures s, CpuUse cpu) {
        long cpu0 = OS.getProcessCpuTime();
        int valid = 0;
        for (int from = 0; from < s.inputs.size(); from += BATCH) {
            Ed25519BatchVerifier batch = new Ed25519BatchVerifier();
            for (int i = from; i < Math.min(s.inputs.size(), from + BATCH); i++) {
                batch.addFramed(s.keys.get(i), SignatureDomain.EVENT_V1, s.inputs.get(i), s.signatureValues.get(i));
            }
            for (boolean verified : batch.verify()) {
                valid += verified ? 1 : 0;
            }
        }
        cpu.add(OS.getProcessCpuTime() - cpu0, s.inputs.size());
        if (valid != SIGNATURES) {
            throw new IllegalStateException(valid + " of " + SIGNATURES + " signatures verified in batches");
        }
        return valid;
    }

    /** Leaves per witness submission in {@link #witnessReplayOneThread}: one checkpoint's worth. */
    public static final int WITNESS_BATCH = 1_000;

    /**
     * The live auditor's replay ({@code verifier witness}: {@link IncrementalAudit}, the same ordered
     * pass as the audit, single-threaded by design), one thread: the export's leaves arrive in
     * batches of {@value #WITNESS_BATCH} as checkpoints would bring them; each batch is first hashed
     * against the tree ({@code rootWith}, as the witness checks the checkpoint's root before
     * replaying), then replayed, then overdue decisions are looked for. No HTTP and no state file
     * (its fsync per checkpoint is the witness's I/O, not its replay). The log must pass throughout.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long witnessReplayOneThread(Export export, CpuUse cpu) throws IOException, MalformedExportException {
        long cpu0 = OS.getProcessCpuTime();
        long leaves = 0;
        try (IncrementalAudit audit = new IncrementalAudit(LogAuditor.PROJECTION_GRACE_LEAVES);
                InputStream in = new BufferedInputStream(Files.newInputStream(export.export), 1 << 16)) {
            LogExportReader reader = new LogExportReader(in);
            List<byte[]> batch = new ArrayList<>(WITNESS_BATCH);
            for (byte[] leaf = reader.nextLeaf(); ; leaf = reader.nextLeaf()) {
                if (leaf != null) {
                    batch.add(leaf);
                }
                if (batch.size() == WITNESS_BATCH || (leaf == null && !batch.isEmpty())) {
                    audit.rootWith(batch);
                    List<org.oversight.verifier.report.Finding> findings = audit.append(batch);
                    findings.addAll(audit.overdueDecisions());
                    if (!findings.isEmpty()) {
                        throw new IllegalStateException("the witness found violations in the clean log: " + findings);
                    }
                    leaves += batch.size();
                    batch.clear();
                }
                if (leaf == null) {
                    break;
                }
            }
            if (!audit.root().equals(reader.checkpoint().checkpoint().rootHash())) {
                throw new IllegalStateException("the witness's root differs from the export's checkpoint");
            }
        }
        cpu.add(OS.getProcessCpuTime() - cpu0, EVENTS);
        return leaves;
    }

    private static VerificationReport audit(Export export, int threads, CpuUse cpu)
            throws IOException, MalformedExportException {
        long cpu0 = OS.getProcessCpuTime();
        LogAuditor auditor = new LogAuditor(export.logKey.verifier(), TestLog.ORIGIN,
                org.oversight.verifier.audit.AuditOptions.defaults().withParallelism(threads));
        AuditOutcome outcome;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(export.export), 1 << 16)) {
            outcome = auditor.audit(in, Optional.empty(), AuditProgress.NONE);
        }
        cpu.add(OS.getProcessCpuTime() - cpu0, EVENTS);
        if (!outcome.report().passed()) {
            throw new IllegalStateException("the benchmark's clean log failed its audit: "
                    + outcome.report().findings());
        }
        return outcome.report();
    }
}
