package org.oversight.recognition.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.assets.FaceApiModel;
import org.oversight.recognition.detect.FaceDetection;
import org.oversight.recognition.image.JpegDecoder;
import org.oversight.recognition.image.RgbImage;
import org.oversight.recognition.landmarks.FaceLandmark68Net;

/**
 * The same photo gives bit-identical detections, landmarks and crop bytes in this JVM (C2 JIT,
 * Vector API kernels) and in child JVMs running the scalar kernels with the interpreter only
 * ({@code -Xint}: landmarks and crop of a face, since the 3-GMAC detector would take minutes
 * interpreted) and with C1 only ({@code -XX:TieredStopAtLevel=1}: the whole pipeline).
 */
class DeterminismTest {
    private static final String PHOTO = "franck_02159.jpg";
    /** Children use the scalar kernels: a different code path that must give the same bits. */
    private static final String SCALAR = "-Doversight.recognition.scalarKernels=true";

    @Test
    void wholePipelineIsBitIdenticalUnderC1() throws Exception {
        // The recognition net has its own determinism test (embed.DeterminismTest).
        FacePipeline shared = SharedPipeline.pipeline();
        FacePipeline pipeline = new FacePipeline(shared.detector(), shared.landmarkNet(), java.util.Optional.empty(),
                org.oversight.recognition.detect.DetectorOptions.DEFAULT);
        RgbImage image = JpegDecoder.decode(SharedPipeline.cache().readPhoto(PHOTO));
        String here = DeterminismProbe.fullDigest(pipeline, image).hex();
        String child = runChild(List.of("-XX:TieredStopAtLevel=1", SCALAR), List.of("full", PHOTO));
        assertThat(child).isEqualTo(here);
    }

    @Test
    void landmarksAndCropAreBitIdenticalInTheInterpreter() throws Exception {
        AssetCache cache = SharedPipeline.cache();
        RgbImage image = JpegDecoder.decode(cache.readPhoto(PHOTO));
        FaceDetection d = SharedPipeline.pipeline().detector()
                .detect(image, org.oversight.recognition.detect.DetectorOptions.DEFAULT).get(0);
        FaceLandmark68Net net = SharedPipeline.pipeline().landmarkNet();
        String here = DeterminismProbe.faceDigest(net, image, d).hex();
        String child = runChild(List.of("-Xint", SCALAR), List.of("face", PHOTO,
                Integer.toHexString(Float.floatToRawIntBits(d.score())),
                DeterminismProbe.hexBits(d.box().x()), DeterminismProbe.hexBits(d.box().y()),
                DeterminismProbe.hexBits(d.box().width()), DeterminismProbe.hexBits(d.box().height())));
        assertThat(child).isEqualTo(here);
    }

    private static String runChild(List<String> jvmFlags, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-modules") || a.startsWith("-Doversight."))
                .toList());
        cmd.add("-Doversight.assets=" + AssetCache.defaultRoot());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(DeterminismProbe.class.getName());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("child JVM timed out: " + cmd);
        }
        String text = new String(out, StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).as("child JVM %s output:%n%s", cmd, text).isZero();
        String[] lines = text.split("\\R");
        return lines[lines.length - 1];
    }
}
