package org.oversight.recognition.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.detect.DetectorOptions;
import org.oversight.recognition.detect.FaceDetection;
import org.oversight.recognition.image.JpegDecoder;
import org.oversight.recognition.image.RgbImage;

/**
 * Manual timing tool (not a test): single-threaded milliseconds per photo for detection and for
 * landmarks + alignment, over all pinned photos, after a warm-up pass. Run with
 * {@code java --add-modules jdk.incubator.vector -cp <test classpath> ...PipelineBenchmark [rounds]}.
 */
public final class PipelineBenchmark {
    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        AssetCache cache = AssetCache.open();
        FacePipeline p = FacePipeline.load(cache);
        List<RgbImage> images = new ArrayList<>();
        for (String name : cache.photoNames()) {
            images.add(JpegDecoder.decode(cache.readPhoto(name)));
        }
        for (int round = 0; round <= rounds; round++) {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long detectCpu = 0;
            long faceCpu = 0;
            long detectNanos = 0;
            long faceNanos = 0;
            int faces = 0;
            for (RgbImage img : images) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                List<FaceDetection> dets = p.detector().detect(img, DetectorOptions.DEFAULT);
                long t1 = System.nanoTime();
                long c1 = mx.getCurrentThreadCpuTime();
                for (FaceDetection d : dets) {
                    p.landmarkNet().detect(img, d).ifPresent(lm -> org.oversight.recognition.align.FaceAligner.align(img, lm));
                    faces++;
                }
                long t2 = System.nanoTime();
                long c2 = mx.getCurrentThreadCpuTime();
                detectCpu += c1 - c0;
                faceCpu += c2 - c1;
                detectNanos += t1 - t0;
                faceNanos += t2 - t1;
            }
            System.out.printf("%s: %d photos, %d faces: detection %.1f ms/photo (cpu %.1f), "
                    + "landmarks+align %.1f ms/face (cpu %.1f)%n",
                    round == 0 ? "warm-up" : "round " + round, images.size(), faces,
                    detectNanos / 1e6 / images.size(), detectCpu / 1e6 / images.size(),
                    faceNanos / 1e6 / Math.max(1, faces), faceCpu / 1e6 / Math.max(1, faces));
        }
    }
}
