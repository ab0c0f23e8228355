package org.oversight.ops.bench;

import java.util.List;
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
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.assets.FaceApiModel;
import org.oversight.recognition.match.Candidate;
import org.oversight.recognition.match.MatchThreshold;
import org.oversight.recognition.match.TemplateGallery;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.tfjs.ModelId;

/**
 * Single-threaded 1:N search, {@code TemplateGallery.search(probe, 10, MatchThreshold.DEFAULT)}, over
 * int8 128-D templates; scores are reported as templates scanned per second (one JMH operation =
 * one gallery entry). docs/design.md §9 target: ≥ 50 M templates/s per core with a cache-resident gallery.
 * <ul>
 *   <li>N = 10,000 (1.28 MB of components: L2/L3-resident) and N = 1,000,000 (128 MB: from memory);
 *   <li>{@code vector*}: the Vector API kernel (the default when {@code jdk.incubator.vector} is
 *       present); {@code plain*}: the plain loop, forced with {@code -Doversight.recognition.scalar=true}
 *       in its own fork. Scores are exact integers, so both return identical candidates;
 *   <li>{@code vector*16Probes}: {@link #PROBES} probes searched together
 *       ({@code TemplateGallery.search(List, ...)}, one pass over the gallery), scored per
 *       (probe, template) pair so that the figure compares directly with the single-probe row
 *       measured in the same run; the results are identical to searching each probe alone.
 * </ul>
 * Gallery and probe components are uniform in [−127, 127] from a fixed seed: the scan cost does not
 * depend on the values, and with such templates nothing passes the default threshold, as
 * in a real watchlist search, so this measures the scan, not the top-k bookkeeping.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OneToNBenchmark {
    private static final int SMALL = 10_000;
    private static final int LARGE = 1_000_000;
    /**
     * The benchmark thread's CPU time, counted beside the wall-clock score of the 1M rows
     * ({@link AuditBenchmark.CpuUse}): templates per CPU-second do not depend on how much of the
     * core the machine's other work left to the benchmark.
     */
    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    /** Probes per pass of the batched search. */
    static final int PROBES = 16;

    /** A gallery of N random templates and a random probe, all of the real model id. */
    abstract static class Gallery {
        TemplateGallery gallery;
        FaceTemplate probe;
        List<FaceTemplate> probes;

        void fill(int n) throws Exception {
            ModelId model = AssetCache.openOrFetch().loadModel(FaceApiModel.FACE_RECOGNITION).id();
            SplittableRandom random = new SplittableRandom(20261127L + n);
            gallery = new TemplateGallery(model);
            for (int i = 0; i < n; i++) {
                gallery.add(i, randomTemplate(model, random));
            }
            probe = randomTemplate(model, random);
            List<FaceTemplate> batch = new java.util.ArrayList<>();
            batch.add(probe);
            while (batch.size() < PROBES) {
                batch.add(randomTemplate(model, random));
            }
            probes = List.copyOf(batch);
        }

        private static FaceTemplate randomTemplate(ModelId model, SplittableRandom random) throws Exception {
            byte[] c = new byte[FaceTemplate.DIMENSIONS];
            for (int i = 0; i < c.length; i++) {
                c[i] = (byte) random.nextInt(-127, 128);
            }
            return FaceTemplate.of(model, c);
        }

        List<Candidate> search() throws Exception {
            return gallery.search(probe, 10, MatchThreshold.DEFAULT);
        }

        List<List<Candidate>> searchBatch() throws Exception {
            return gallery.search(probes, 10, MatchThreshold.DEFAULT);
        }
    }

    @State(Scope.Benchmark)
    public static class Small extends Gallery {
        @Setup
        public void setUp() throws Exception {
            fill(SMALL);
        }
    }

    @State(Scope.Benchmark)
    public static class Large extends Gallery {
        @Setup
        public void setUp() throws Exception {
            fill(LARGE);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SMALL)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    public List<Candidate> vector10k(Small g) throws Exception {
        return g.search();
    }

    @Benchmark
    @OperationsPerInvocation(SMALL)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Doversight.recognition.scalar=true"})
    public List<Candidate> plain10k(Small g) throws Exception {
        return g.search();
    }

    @Benchmark
    @OperationsPerInvocation(LARGE)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
    public List<Candidate> vector1M(Large g, AuditBenchmark.CpuUse cpu) throws Exception {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        List<Candidate> result = g.search();
        cpu.add(THREADS.getCurrentThreadCpuTime() - cpu0, LARGE);
        return result;
    }

    @Benchmark
    @OperationsPerInvocation(LARGE)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-Doversight.recognition.scalar=true"})
    public List<Candidate> plain1M(Large g) throws Exception {
        return g.search();
    }

    // Batched search: PROBES probes per pass over the gallery; one operation = one (probe, template)
    // pair, so the score compares directly with the single-probe rows above.

    @Benchmark
    @OperationsPerInvocation(PROBES * SMALL)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    public List<List<Candidate>> vector10k16Probes(Small g) throws Exception {
        return g.searchBatch();
    }

    @Benchmark
    @OperationsPerInvocation(PROBES * LARGE)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
    public List<List<Candidate>> vector1M16Probes(Large g, AuditBenchmark.CpuUse cpu) throws Exception {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        List<List<Candidate>> result = g.searchBatch();
        cpu.add(THREADS.getCurrentThreadCpuTime() - cpu0, (long) PROBES * LARGE);
        return result;
    }
}
