package org.oversight.recognition.embed;

import java.util.ArrayList;
import java.util.List;
import org.oversight.recognition.embed.internal.ConvEngine;
import org.oversight.recognition.embed.internal.ConvLayer;
import org.oversight.recognition.embed.internal.FastConvEngine;
import org.oversight.recognition.embed.internal.ReferenceConvEngine;
import org.oversight.recognition.tensor.Ops;
import org.oversight.recognition.tensor.Padding;
import org.oversight.recognition.tensor.Tensor;
import org.oversight.recognition.tfjs.ModelId;
import org.oversight.recognition.tfjs.ModelWeights;
import org.oversight.recognition.tfjs.WeightsFormatException;

/**
 * face-api's 128-D face recognition network (a port of dlib's ResNet-34-like
 * {@code dlib_face_recognition_resnet_model_v1}), in pure Java and deterministic by construction.
 *
 * <p>Architecture (face-api 1.7.15 {@code src/faceRecognitionNet}): input 150×150×3, normalised as
 * {@code (v - mean) / 255} with mean RGB (122.782, 117.001, 104.298) as float32; conv 7×7/2 VALID
 * (32) + ReLU; max-pool 3×3/2 VALID; residual ×3 (32); residual-down + ×3 (64); residual-down + ×2
 * (128); residual-down + ×2 (256); residual-down (256); spatial mean; fully connected 256→128. A
 * residual block is {@code relu(convNoRelu(conv(x)) + x)} with 3×3 SAME convs; a down block
 * uses a 3×3/2 VALID first conv and adds a 2×2/2 VALID average pool of {@code x}, zero-padded at
 * the end of the channel axis (and the conv output zero-padded at the bottom/right when the
 * spatial sizes differ). Each conv is {@code ((conv + bias) * scaleW) + scaleB}.
 *
 * <p>Determinism: every float operation happens in a fixed order (see {@link Ops}); the fast
 * engine is tested bit-identical to the reference one. Instances are immutable and thread-safe.
 */
public final class FaceRecognitionNet {
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};
    private static final float INPUT_DIVISOR = 255f;

    private final ModelId modelId;
    private final ConvLayer conv32Down;
    private final List<ConvLayer[]> blocks;
    private final boolean[] down;
    private final Tensor fc;
    private final ConvEngine engine;

    private FaceRecognitionNet(ModelId modelId, ConvLayer conv32Down, List<ConvLayer[]> blocks, boolean[] down,
            Tensor fc, ConvEngine engine) {
        this.modelId = modelId;
        this.conv32Down = conv32Down;
        this.blocks = blocks;
        this.down = down;
        this.fc = fc;
        this.engine = engine;
    }

    /**
     * Builds the network from face-api's {@code face_recognition_model} weights, with the fast
     * (blocked, vectorised where available) engine.
     *
     * @throws WeightsFormatException if a weight is missing or has an unexpected shape
     */
    public static FaceRecognitionNet create(ModelWeights weights) throws WeightsFormatException {
        return create(weights, new FastConvEngine());
    }

    /** As {@link #create(ModelWeights)} with the one-op-at-a-time reference engine (slow; the definition). */
    public static FaceRecognitionNet createReference(ModelWeights weights) throws WeightsFormatException {
        return create(weights, new ReferenceConvEngine());
    }

    private static FaceRecognitionNet create(ModelWeights w, ConvEngine engine) throws WeightsFormatException {
        ConvLayer first = ConvLayer.load(w, "conv32_down", 7, 3, 32);
        String[] names = {"conv32_1", "conv32_2", "conv32_3", "conv64_down", "conv64_1", "conv64_2", "conv64_3",
            "conv128_down", "conv128_1", "conv128_2", "conv256_down", "conv256_1", "conv256_2", "conv256_down_out"};
        int[] outs = {32, 32, 32, 64, 64, 64, 64, 128, 128, 128, 256, 256, 256, 256};
        List<ConvLayer[]> blocks = new ArrayList<>();
        boolean[] down = new boolean[names.length];
        int in = 32;
        for (int i = 0; i < names.length; i++) {
            down[i] = names[i].endsWith("_down") || names[i].endsWith("_down_out");
            ConvLayer c1 = ConvLayer.load(w, names[i] + "/conv1", 3, in, outs[i]);
            ConvLayer c2 = ConvLayer.load(w, names[i] + "/conv2", 3, outs[i], outs[i]);
            blocks.add(new ConvLayer[] {c1, c2});
            in = outs[i];
        }
        Tensor fc = w.require("fc", 256, 128);
        return new FaceRecognitionNet(w.id(), first, blocks, down, fc, engine);
    }

    /** Identity of the weights this network runs. */
    public ModelId modelId() {
        return modelId;
    }

    /** The 128-D descriptor of one aligned crop. */
    public FaceDescriptor embed(AlignedCrop crop) {
        Tensor x = normalise(crop);
        Tensor out = engine.apply(x, conv32Down, 2, Padding.VALID, true);
        out = Ops.maxPool(out, 3, 2, Padding.VALID);
        for (int i = 0; i < blocks.size(); i++) {
            out = down[i] ? residualDown(out, blocks.get(i)) : residual(out, blocks.get(i));
        }
        Tensor avg = Ops.meanSpatial(out);
        Tensor y = Ops.matMul(avg, fc);
        return FaceDescriptor.of(y.data());
    }

    /**
     * Descriptors of many crops, one task per crop on {@code executor}, in input order. Each
     * descriptor is computed by one thread exactly as {@link #embed} does, so the results are
     * bit-identical to sequential embedding at any thread count.
     */
    public List<FaceDescriptor> embedAll(List<AlignedCrop> crops, java.util.concurrent.ExecutorService executor) {
        List<java.util.concurrent.CompletableFuture<FaceDescriptor>> futures = new ArrayList<>();
        for (AlignedCrop c : crops) {
            futures.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> embed(c), executor));
        }
        List<FaceDescriptor> out = new ArrayList<>();
        for (java.util.concurrent.CompletableFuture<FaceDescriptor> f : futures) {
            out.add(f.join());
        }
        return out;
    }

    /** The network input: {@code ((float) v - mean_c) / 255}, one rounding per step, NHWC. */
    static Tensor normalise(AlignedCrop crop) {
        byte[] rgb = crop.toByteArray();
        float[] x = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            x[i] = ((float) (rgb[i] & 0xff) - MEAN_RGB[i % 3]) / INPUT_DIVISOR;
        }
        return Tensor.wrap(x, 1, AlignedCrop.SIZE, AlignedCrop.SIZE, 3);
    }

    private Tensor residual(Tensor x, ConvLayer[] p) {
        Tensor out = engine.apply(x, p[0], 1, Padding.SAME, true);
        out = engine.apply(out, p[1], 1, Padding.SAME, false);
        return Ops.relu(Ops.add(out, x));
    }

    private Tensor residualDown(Tensor x, ConvLayer[] p) {
        Tensor out = engine.apply(x, p[0], 2, Padding.VALID, true);
        out = engine.apply(out, p[1], 1, Padding.SAME, false);
        Tensor pooled = Ops.avgPool(x, 2, 2, Padding.VALID);
        int extraH = pooled.dim(1) - out.dim(1), extraW = pooled.dim(2) - out.dim(2);
        if (extraH < 0 || extraW < 0 || extraH > 1 || extraW > 1) {
            throw new IllegalStateException("residual down: pooled " + pooled + " vs conv " + out);
        }
        if (extraH != 0 || extraW != 0) {
            // face-api concatenates one zero row and one zero column whenever the shapes differ.
            out = Ops.padEnd(out, 1, 1, 0);
        }
        pooled = Ops.padEnd(pooled, 0, 0, out.dim(3) - pooled.dim(3));
        return Ops.relu(Ops.add(pooled, out));
    }
}
