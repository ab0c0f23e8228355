package org.oversight.recognition.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.assets.FaceApiModel;
import org.oversight.recognition.testing.PhotoSet;
import org.oversight.recognition.tools.EmbedTool;

/**
 * The same input gives bit-identical outputs ({@link Float#floatToRawIntBits}) across JIT
 * settings, kernels (Vector API vs plain Java), JDKs and thread counts. Child JVMs run
 * {@link EmbedTool}. The interpreter ({@code -Xint}) is too slow for the full network (over ten
 * minutes), so under {@code -Xint} every kernel configuration the network uses is checked on small
 * inputs instead ({@link EmbedTool#kernelProbe}).
 */
class DeterminismTest {
    private static final Path JDK25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static AssetCache cache;
    private static FaceRecognitionNet net;

    @BeforeAll
    static void load() throws Exception {
        cache = AssetCache.openOrFetch();
        net = FaceRecognitionNet.create(cache.loadModel(FaceApiModel.FACE_RECOGNITION));
    }

    @Test
    void kernelsAreBitIdenticalInTheInterpreterC1C2BothKernelsAndJdks() throws Exception {
        String expected = EmbedTool.kernelProbe();
        Map<String, String> byRun = new LinkedHashMap<>();
        byRun.put("C2, vector", child(currentJava(), List.of(), "kernels"));
        byRun.put("C1 only", child(currentJava(), List.of("-XX:TieredStopAtLevel=1"), "kernels"));
        byRun.put("interpreter, vector", child(currentJava(), List.of("-Xint"), "kernels"));
        byRun.put("interpreter, scalar", child(currentJava(), List.of("-Xint", "-Doversight.recognition.scalar=true"), "kernels"));
        byRun.put("C2, scalar", child(currentJava(), List.of("-Doversight.recognition.scalar=true"), "kernels"));
        byRun.put("vector, 256-bit lanes", child(currentJava(), List.of("-XX:MaxVectorSize=32"), "kernels"));
        addOtherJdk(byRun, "kernels");
        assertThat(byRun).allSatisfy((run, digest) -> assertThat(digest).as(run).isEqualTo(expected));
    }

    @Test
    void descriptorIsBitIdenticalAcrossJitTiersKernelsAndJdks(@TempDir Path tmp) throws Exception {
        AlignedCrop crop = PhotoSet.load().get(0).crop(cache);
        Path file = tmp.resolve("crop.rgb");
        Files.write(file, crop.toByteArray());
        String expected = EmbedTool.bits(net.embed(crop));
        Map<String, String> byRun = new LinkedHashMap<>();
        byRun.put("C2, vector", child(currentJava(), List.of(), "bits", file.toString()));
        byRun.put("C1 only", child(currentJava(), List.of("-XX:TieredStopAtLevel=1"), "bits", file.toString()));
        byRun.put("C2, scalar", child(currentJava(), List.of("-Doversight.recognition.scalar=true"), "bits", file.toString()));
        addOtherJdk(byRun, "bits", file.toString());
        assertThat(byRun).allSatisfy((run, bits) -> assertThat(bits).as(run).isEqualTo(expected));
    }

    @Test
    void descriptorsAreBitIdenticalAtAnyThreadCount() throws Exception {
        List<AlignedCrop> crops = new ArrayList<>();
        for (PhotoSet.Photo p : PhotoSet.load().subList(0, 4)) {
            crops.add(p.crop(cache));
        }
        List<FaceDescriptor> sequential = new ArrayList<>();
        for (AlignedCrop c : crops) {
            sequential.add(net.embed(c));
        }
        for (int threads : new int[] {1, 2, 3}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<FaceDescriptor> parallel = net.embedAll(crops, pool);
                for (int i = 0; i < crops.size(); i++) {
                    assertThat(parallel.get(i).bitEquals(sequential.get(i))).as(threads + " threads, crop " + i).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void addOtherJdk(Map<String, String> byRun, String... args) throws Exception {
        if (Files.isExecutable(JDK25) && Runtime.version().feature() != 25) {
            byRun.put("JDK 25", child(JDK25.toString(), List.of(), args));
        } else {
            System.err.println("SKIPPED cross-JDK leg: " + JDK25 + " absent or already the running JDK");
        }
    }

    private static String currentJava() {
        return ProcessHandle.current().info().command().orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String child(String java, List<String> flags, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.addAll(flags);
        cmd.add("-Doversight.assets=" + cache.root());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EmbedTool.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
        assertThat(p.exitValue()).as("child exit status for " + flags + ", output: " + out).isZero();
        return out;
    }
}
