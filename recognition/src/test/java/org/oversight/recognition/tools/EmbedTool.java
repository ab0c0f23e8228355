package org.oversight.recognition.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.assets.FaceApiModel;
import org.oversight.recognition.embed.AlignedCrop;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.embed.FaceRecognitionNet;
import org.oversight.recognition.tensor.FusedConv;
import org.oversight.recognition.tensor.Ops;
import org.oversight.recognition.tensor.Padding;
import org.oversight.recognition.tensor.Tensor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Command-line helper around {@link FaceRecognitionNet}, using the verified asset cache (test scope:
 * the cross-JVM determinism test runs it in child JVMs, and it regenerates golden values):
 * <pre>
 *   EmbedTool bits &lt;crop.rgb&gt;     prints the descriptor's 128 raw float bits (hex), one line
 *   EmbedTool time [faces]          embeds a fixed synthetic crop and prints ms per face (one thread)
 *   EmbedTool kernels               prints a SHA-256 over the output bits of every kernel configuration
 *                                   the network uses, on small fixed inputs (cheap enough for -Xint)
 * </pre>
 * Exit status 0 on success, 2 on a usage error (one line), 1 if the model or crop cannot be read.
 * The JMH benchmark calls {@link FaceRecognitionNet#embed} directly.
 */
@Command(name = "EmbedTool", mixinStandardHelpOptions = true, subcommands = {EmbedTool.Bits.class, EmbedTool.Time.class,
        EmbedTool.Kernels.class}, description = "Embeds aligned crops with the pure-Java recognition network.")
public final class EmbedTool implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EmbedTool()).execute(args));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: bits, time or kernels");
    }

    @Command(name = "bits", description = "Prints the descriptor's 128 raw float bits (hex) of one canonical crop file.")
    static final class Bits implements Callable<Integer> {
        @Parameters(paramLabel = "CROP", description = "canonical aligned crop: 150 x 150 x RGB bytes") Path crop;

        @Override
        public Integer call() throws Exception {
            System.out.println(bits(network().embed(AlignedCrop.of(Files.readAllBytes(crop)))));
            return 0;
        }
    }

    @Command(name = "time", description = "Embeds a fixed synthetic crop and prints ms per face (one thread).")
    static final class Time implements Callable<Integer> {
        @Parameters(paramLabel = "FACES", defaultValue = "50", description = "faces to time (default ${DEFAULT-VALUE})") int faces;

        @Override
        public Integer call() throws Exception {
            if (faces < 1) {
                throw new ParameterException(new CommandLine(this), "FACES " + faces + " < 1");
            }
            time(network(), faces);
            return 0;
        }
    }

    @Command(name = "kernels", description = "Prints a SHA-256 over every kernel configuration's output bits.")
    static final class Kernels implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println(kernelProbe());
            return 0;
        }
    }

    private static FaceRecognitionNet network() throws Exception {
        return FaceRecognitionNet.create(AssetCache.open().loadModel(FaceApiModel.FACE_RECOGNITION));
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
