package org.oversight.ops.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory-read limit of a 1:N scan from memory: one thread sums a 128 MB array (the size of
 * {@link OneToNBenchmark}'s N = 1M gallery of 128-byte templates) with four independent
 * accumulators, so loads, not the adds, bound it. Reported per 128-byte template (one JMH
 * operation = 128 bytes read), so its score is directly the templates/s no 1:N scan of that
 * gallery on one core can exceed.
 *
 * <p>It also counts the thread's CPU time ({@link AuditBenchmark.CpuUse}), as the native yardstick
 * {@code ops/native/memread.c} does, so that the two compare per CPU-second on a loaded machine: per
 * wall-second a JVM fork and a C process started minutes apart get different shares of the cores.
 * (Measured per CPU-second, this loop — scalar loads, four accumulators — and eight accumulators,
 * one accumulator, or a direct buffer all read within the machine's noise of the C loop's rate.)
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Benchmark)
public class MemoryReadBenchmark {
    static final int TEMPLATE_BYTES = 128;
    static final int TEMPLATES = 1_000_000;
    private long[] data;

    @Setup
    public void setUp() {
        data = new long[TEMPLATES * TEMPLATE_BYTES / Long.BYTES];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextLong();
        }
    }

    @Benchmark
    @OperationsPerInvocation(TEMPLATES)
    public long read128MB(AuditBenchmark.CpuUse cpu) {
        long cpu0 = OneToNBenchmark.THREADS.getCurrentThreadCpuTime();
        long sum = sum(data);
        cpu.add(OneToNBenchmark.THREADS.getCurrentThreadCpuTime() - cpu0, TEMPLATES);
        return sum;
    }

    /** The loop measured here and, interleaved with the native loop, by {@link MemoryReadInterleaved}. */
    static long sum(long[] data) {
        long a = 0, b = 0, c = 0, d = 0;
        long[] x = data;
        for (int i = 0; i < x.length; i += 4) {
            a += x[i];
            b += x[i + 1];
            c += x[i + 2];
            d += x[i + 3];
        }
        return a + b + c + d;
    }
}
