package org.oversight.recognition.tools;

import java.nio.file.Files;
import java.nio.file.Paths;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.assets.FaceApiModel;
import org.oversight.recognition.embed.AlignedCrop;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.embed.FaceRecognitionNet;
import org.oversight.recognition.tensor.FusedConv;
import org.oversight.recognition.tensor.Ops;
import org.oversight.recognition.tensor.Padding;
import org.oversight.recognition.tensor.Tensor;

/**
 * Command-line helper around {@link FaceRecognitionNet}, using the verified asset cache:
 * <pre>
 *   EmbedTool bits &lt;crop.rgb&gt;     prints the descriptor's 128 raw float bits (hex), one line
 *   EmbedTool time [faces]          embeds a fixed synthetic crop and prints ms per face (one thread)
 *   EmbedTool kernels               prints a SHA-256 over the output bits of every kernel configuration
 *                                   the network uses, on small fixed inputs (cheap enough for -Xint)
 * </pre>
 * Used by the cross-JVM determinism test and for quick timing (the JMH benchmark calls
 * {@link FaceRecognitionNet#embed} directly).
 */
public final class EmbedTool {
    private EmbedTool() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: EmbedTool bits <crop.rgb> | time [faces]");
            System.exit(2);
        }
        if (args[0].equals("kernels")) {
            System.out.println(kernelProbe());
            return;
        }
        FaceRecognitionNet net = FaceRecognitionNet.create(AssetCache.open().loadModel(FaceApiModel.FACE_RECOGNITION));
        switch (args[0]) {
            case "bits" -> System.out.println(bits(net.embed(AlignedCrop.of(Files.readAllBytes(Paths.get(args[1]))))));
            case "time" -> time(net, args.length > 1 ? Integer.parseInt(args[1]) : 50);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    /** The descriptor as 128 eight-digit hex words of {@link Float#floatToRawIntBits}, space separated. */
    public static String bits(FaceDescriptor d) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < FaceDescriptor.DIMENSIONS; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%08x", Float.floatToRawIntBits(d.get(i))));
        }
        return sb.toString();
    }

    /**
     * SHA-256 (hex) over the raw float bits of each kernel configuration of the network — conv
     * 7×7/2 VALID on 3 channels, 3×3/1 SAME and 3×3/2 VALID at 32 and 64 channels with the fused
     * epilogue (fast and reference), pooling, spatial mean and matrix product — on fixed
     * pseudo-random inputs. Small enough to run in the interpreter ({@code -Xint}).
     */
    public static String kernelProbe() {
        java.security.MessageDigest md = org.oversight.domain.crypto.Sha256Digest.threadLocalDigest();
        long[] seed = {0x9e3779b97f4a7c15L};
        Tensor x3 = probeTensor(seed, 1, 13, 13, 3);
        Tensor f7 = probeTensor(seed, 7, 7, 3, 32);
        Tensor v32 = probeTensor(seed, 32);
        Tensor x32 = probeTensor(seed, 1, 7, 7, 32);
        Tensor f32 = probeTensor(seed, 3, 3, 32, 32);
        Tensor f64 = probeTensor(seed, 3, 3, 32, 64);
        Tensor v64 = probeTensor(seed, 64);
        Tensor fc = probeTensor(seed, 32, 16);
        Tensor[] outs = {
            FusedConv.conv2d(x3, f7, 2, Padding.VALID, v32, v32, v32, FusedConv.Activation.RELU),
            FusedConv.conv2d(x32, f32, 1, Padding.SAME, v32, v32, v32, FusedConv.Activation.NONE),
            FusedConv.conv2d(x32, f64, 2, Padding.VALID, v64, v64, v64, FusedConv.Activation.RELU),
            FusedConv.conv2d(x32, f32, 1, Padding.SAME, null, null, v32, FusedConv.Activation.RELU6),
            Ops.conv2d(x32, f32, 1, 1, Padding.SAME),
            Ops.maxPool(x32, 3, 2, Padding.VALID),
            Ops.avgPool(x32, 2, 2, Padding.VALID),
            Ops.matMul(Ops.meanSpatial(x32), fc),
        };
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4);
        for (Tensor t : outs) {
            for (float v : t.data()) {
                buf.clear();
                md.update(buf.putInt(Float.floatToRawIntBits(v)).array());
            }
        }
        return org.oversight.domain.bytes.Hex.encode(md.digest());
    }

    private static Tensor probeTensor(long[] state, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            state[0] = state[0] * 6364136223846793005L + 1442695040888963407L;
            d[i] = (float) ((state[0] >>> 40) - (1 << 23)) / (1 << 23);
        }
        return t;
    }

    /** A fixed, deterministic test pattern crop (smooth gradients plus a checker). */
    public static AlignedCrop syntheticCrop() throws Exception {
        byte[] rgb = new byte[AlignedCrop.BYTES];
        for (int y = 0; y < AlignedCrop.SIZE; y++) {
            for (int x = 0; x < AlignedCrop.SIZE; x++) {
                int i = (y * AlignedCrop.SIZE + x) * 3;
                rgb[i] = (byte) (x + y);
                rgb[i + 1] = (byte) (x * 3 - y);
                rgb[i + 2] = (byte) (((x / 10 + y / 10) & 1) * 200 + 20);
            }
        }
        return AlignedCrop.of(rgb);
    }

    private static void time(FaceRecognitionNet net, int faces) throws Exception {
        AlignedCrop crop = syntheticCrop();
        for (int i = 0; i < Math.max(5, faces / 5); i++) {
            net.embed(crop);
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < faces; i++) {
            net.embed(crop);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / faces;
        double cpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / faces;
        // Thread CPU time is reported too: on a shared, oversubscribed machine wall time mostly measures waiting.
        System.out.printf("%.2f ms/face wall, %.2f ms/face thread CPU, over %d faces, kernel %s, JDK %s%n",
                ms, cpuMs, faces, FusedConv.implementation(), Runtime.version());
    }
}
