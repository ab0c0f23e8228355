package org.oversight.recognition.pipeline;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.recognition.align.AlignedFace;
import org.oversight.recognition.align.FaceAligner;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.assets.FaceApiModel;
import org.oversight.recognition.detect.FaceBox;
import org.oversight.recognition.detect.FaceDetection;
import org.oversight.recognition.image.JpegDecoder;
import org.oversight.recognition.image.RgbImage;
import org.oversight.recognition.landmarks.FaceLandmark68Net;
import org.oversight.recognition.landmarks.FaceLandmarks68;

/**
 * Run in a child JVM by {@link DeterminismTest} under different execution modes; prints one
 * SHA-256 over the exact bits of everything the pipeline produced.
 *
 * <pre>
 *   full &lt;photo&gt;                          whole pipeline on a pinned photo
 *   face &lt;photo&gt; &lt;score-bits&gt; x y w h     landmarks + aligned crop for a given detection
 *                                          (doubles as raw long bits, in hex)
 * </pre>
 */
public final class DeterminismProbe {
    private DeterminismProbe() {}

    public static void main(String[] args) throws Exception {
        AssetCache cache = AssetCache.open();
        RgbImage image = JpegDecoder.decode(cache.readPhoto(args[1]));
        if (args[0].equals("full")) {
            System.out.println(fullDigest(FacePipeline.loadWithoutRecognition(cache), image).hex());
        } else if (args[0].equals("face")) {
            FaceLandmark68Net net = FaceLandmark68Net.fromWeights(cache.loadModel(FaceApiModel.FACE_LANDMARK_68));
            FaceDetection d = new FaceDetection(Float.intBitsToFloat(Integer.parseUnsignedInt(args[2], 16)),
                    new FaceBox(bits(args[3]), bits(args[4]), bits(args[5]), bits(args[6])), 0);
            System.out.println(faceDigest(net, image, d).hex());
        } else {
            throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static double bits(String hex) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    }

    static Sha256Digest fullDigest(FacePipeline pipeline, RgbImage image) {
        List<FaceResult> results = pipeline.process(image);
        ByteBuffer buf = ByteBuffer.allocate(4 + results.size() * (4 + 32 + 136 * 8 + 16 + AlignedFace.BYTES));
        buf.putInt(results.size());
        for (FaceResult r : results) {
            putDetection(buf, r.detection());
            putFace(buf, r.landmarks(), r.aligned());
        }
        return Sha256Digest.hash(java.util.Arrays.copyOf(buf.array(), buf.position()));
    }

    static Sha256Digest faceDigest(FaceLandmark68Net net, RgbImage image, FaceDetection d) {
        FaceLandmarks68 lm = net.detect(image, d).orElseThrow();
        ByteBuffer buf = ByteBuffer.allocate(136 * 8 + 16 + AlignedFace.BYTES);
        putFace(buf, lm, FaceAligner.align(image, lm));
        return Sha256Digest.hash(java.util.Arrays.copyOf(buf.array(), buf.position()));
    }

    private static void putDetection(ByteBuffer buf, FaceDetection d) {
        buf.putInt(Float.floatToRawIntBits(d.score()));
        buf.putDouble(d.box().x()).putDouble(d.box().y()).putDouble(d.box().width()).putDouble(d.box().height());
    }

    private static void putFace(ByteBuffer buf, FaceLandmarks68 lm, Optional<AlignedFace> aligned) {
        for (int i = 0; i < FaceLandmarks68.POINTS; i++) {
            buf.putDouble(lm.x(i)).putDouble(lm.y(i));
        }
        aligned.ifPresent(a -> {
            buf.putInt(a.region().x()).putInt(a.region().y()).putInt(a.region().width()).putInt(a.region().height());
            buf.put(a.rgb());
        });
    }

    static String hexBits(double v) {
        return Long.toHexString(Double.doubleToRawLongBits(v));
    }
}
