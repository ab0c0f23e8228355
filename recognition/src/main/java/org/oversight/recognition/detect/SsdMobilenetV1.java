package org.oversight.recognition.detect;

import java.util.ArrayList;
import java.util.List;
import org.oversight.recognition.image.RgbImage;
import org.oversight.recognition.image.TfImageOps;
import org.oversight.recognition.tensor.MobileNetKernels;
import org.oversight.recognition.tfjs.ModelId;
import org.oversight.recognition.tfjs.ModelWeights;
import org.oversight.recognition.tfjs.WeightsFormatException;

/**
 * face-api's SSD MobileNet v1 face detector ({@code ssd_mobilenetv1_model}), in pure Java,
 * reproducing face-api 1.7.15 on TensorFlow.js's CPU backend step by step:
 *
 * <ol>
 *   <li>input: the RGB image as floats, zero-padded at the bottom or right to a square and resized
 *       to 512x512 ({@link TfImageOps#toSquareInput} with {@code centred = false}), then
 *       {@code x / 127.5 - 1} in float32;
 *   <li>MobileNet v1 (conv 3x3/2, then 13 depthwise 3x3 + batch-norm + ReLU6 / pointwise 1x1 +
 *       offset + ReLU6 pairs, stride 2 at pairs 2, 4, 6, 12), 8 extra prediction layers, 6 box
 *       predictors (3 anchors on the 32x32 map of pair 11, 6 anchors on each of 16, 8, 4, 2, 1)
 *       = 5118 anchors;
 *   <li>box decoding against the model's anchors ({@code Output/extra_dim}, centre-size form,
 *       scale factors 10 and 5) and score = sigmoid of the face class logit, each operation in
 *       float32 as tfjs;
 *   <li>{@link NonMaxSuppression face-api's NMS}, then boxes clipped to [0, 1], rescaled from the
 *       padded square to the image and to pixels in double.
 * </ol>
 *
 * <p>Deterministic: fixed summation orders only (see {@link MobileNetKernels}); {@link StrictMath}
 * for exp. Instances are immutable and thread-safe.
 */
public final class SsdMobilenetV1 {
    /** Side of the square network input. */
    public static final int INPUT_SIZE = 512;
    /** Number of anchors (box candidates) the network scores. */
    public static final int ANCHORS = 5118;
    /** face-api's IoU threshold for non-maximum suppression. */
    public static final double IOU_THRESHOLD = 0.5;
    /** Batch-norm epsilon: float32 0.001 as a double, as face-api passes it. */
    static final double BATCH_NORM_EPSILON = 0.0010000000474974513;

    private static final int[] STRIDE_2_PAIRS = {2, 4, 6, 12};
    private static final int[] PAIR_OUT_CHANNELS = {0, 64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024};
    private static final int[] PREDICTION_OUT = {256, 512, 128, 256, 128, 256, 64, 128};
    private static final int[] PREDICTOR_IN = {512, 1024, 512, 256, 256, 128};
    private static final int[] PREDICTOR_ANCHORS = {3, 6, 6, 6, 6, 6};

    private final ConvLayer conv0;
    private final DepthwiseLayer[] depthwise = new DepthwiseLayer[14];
    private final ConvLayer[] pointwise = new ConvLayer[14];
    private final ConvLayer[] prediction = new ConvLayer[8];
    private final ConvLayer[] boxEncoding = new ConvLayer[6];
    private final ConvLayer[] classPredictor = new ConvLayer[6];
    private final float[] anchors;
    private final ModelId modelId;

    private SsdMobilenetV1(ModelWeights w) throws WeightsFormatException {
        this.modelId = w.id();
        conv0 = ConvLayer.load(w, "MobilenetV1/Conv2d_0_pointwise/weights",
                "MobilenetV1/Conv2d_0_pointwise/convolution_bn_offset", 3, 3, 32, 2);
        int channels = 32;
        for (int i = 1; i <= 13; i++) {
            int stride = isStride2(i) ? 2 : 1;
            depthwise[i] = DepthwiseLayer.load(w, "MobilenetV1/Conv2d_" + i + "_depthwise", channels, stride);
            pointwise[i] = ConvLayer.load(w, "MobilenetV1/Conv2d_" + i + "_pointwise/weights",
                    "MobilenetV1/Conv2d_" + i + "_pointwise/convolution_bn_offset", 1, channels, PAIR_OUT_CHANNELS[i], 1);
            channels = PAIR_OUT_CHANNELS[i];
        }
        for (int i = 0; i < 8; i++) {
            boolean odd = (i & 1) == 1;
            prediction[i] = ConvLayer.load(w, "Prediction/Conv2d_" + i + "_pointwise/weights",
                    "Prediction/Conv2d_" + i + "_pointwise/convolution_bn_offset", odd ? 3 : 1, channels,
                    PREDICTION_OUT[i], odd ? 2 : 1);
            channels = PREDICTION_OUT[i];
        }
        for (int i = 0; i < 6; i++) {
            String p = "Prediction/BoxPredictor_" + i;
            boxEncoding[i] = ConvLayer.load(w, p + "/BoxEncodingPredictor/weights", p + "/BoxEncodingPredictor/biases",
                    1, PREDICTOR_IN[i], PREDICTOR_ANCHORS[i] * 4, 1);
            classPredictor[i] = ConvLayer.load(w, p + "/ClassPredictor/weights", p + "/ClassPredictor/biases",
                    1, PREDICTOR_IN[i], PREDICTOR_ANCHORS[i] * 3, 1);
        }
        anchors = w.require("Output/extra_dim", 1, ANCHORS, 4).data().clone();
    }

    /**
     * Builds the detector from face-api's {@code ssd_mobilenetv1_model} weights.
     *
     * @throws WeightsFormatException if a weight is missing or has an unexpected shape
     */
    public static SsdMobilenetV1 fromWeights(ModelWeights weights) throws WeightsFormatException {
        return new SsdMobilenetV1(weights);
    }

    /** Identity of the weights this detector was built from. */
    public ModelId modelId() {
        return modelId;
    }

    private static boolean isStride2(int pair) {
        for (int s : STRIDE_2_PAIRS) {
            if (s == pair) {
                return true;
            }
        }
        return false;
    }

    /**
     * Detects faces as face-api's {@code detectAllFaces(input, new SsdMobilenetv1Options(...))}.
     *
     * @return detections in descending score order (ties: lower anchor index first)
     */
    public List<FaceDetection> detect(RgbImage image, DetectorOptions options) {
        RawOutput raw = forward(image);
        List<Integer> kept = NonMaxSuppression.select(raw.boxes(), raw.scores(), options.maxResults(),
                IOU_THRESHOLD, options.minConfidence());
        int w = image.width();
        int h = image.height();
        double scale = (double) INPUT_SIZE / Math.max(h, w);
        double padX = (double) INPUT_SIZE / JsMath.round(w * scale);
        double padY = (double) INPUT_SIZE / JsMath.round(h * scale);
        List<FaceDetection> out = new ArrayList<>(kept.size());
        for (int idx : kept) {
            float[] b = raw.boxes();
            double top = Math.max(0, (double) b[4 * idx]) * padY;
            double left = Math.max(0, (double) b[4 * idx + 1]) * padX;
            double bottom = Math.min(1.0, (double) b[4 * idx + 2]) * padY;
            double right = Math.min(1.0, (double) b[4 * idx + 3]) * padX;
            // face-api keeps a relative box and rescales it by the image size on access.
            FaceBox box = new FaceBox(left * w, top * h, (right - left) * w, (bottom - top) * h);
            out.add(new FaceDetection(raw.scores()[idx], box, idx));
        }
        return List.copyOf(out);
    }

    /**
     * The network's decoded output for all {@link #ANCHORS} anchors: boxes as
     * {@code [ymin, xmin, ymax, xmax]} relative to the padded 512x512 square, and scores.
     */
    public RawOutput forward(RgbImage image) {
        float[] input = TfImageOps.toSquareInput(image.toFloats(), image.height(), image.width(), 3, INPUT_SIZE, false);
        for (int i = 0; i < input.length; i++) {
            input[i] = input[i] / 127.5f - 1f;
        }
        FeatureMap x = new FeatureMap(input, INPUT_SIZE, INPUT_SIZE, 3);
        x = conv0.applyRelu6(x);
        FeatureMap conv11 = null;
        for (int i = 1; i <= 13; i++) {
            x = depthwise[i].apply(x);
            x = pointwise[i].applyRelu6(x);
            if (i == 11) {
                conv11 = x;
            }
        }
        FeatureMap[] maps = new FeatureMap[6];
        maps[0] = conv11;
        maps[1] = x;
        FeatureMap p = x;
        for (int i = 0; i < 8; i++) {
            p = prediction[i].applyRelu6(p);
            if ((i & 1) == 1) {
                maps[2 + i / 2] = p;
            }
        }
        float[] encodings = new float[ANCHORS * 4];
        float[] logits = new float[ANCHORS * 3];
        int anchor = 0;
        for (int i = 0; i < 6; i++) {
            FeatureMap enc = boxEncoding[i].apply(maps[i]);
            FeatureMap cls = classPredictor[i].apply(maps[i]);
            int n = enc.data().length / 4;
            System.arraycopy(enc.data(), 0, encodings, anchor * 4, n * 4);
            System.arraycopy(cls.data(), 0, logits, anchor * 3, n * 3);
            anchor += n;
        }
        if (anchor != ANCHORS) {
            throw new IllegalStateException("network produced " + anchor + " anchors != " + ANCHORS);
        }
        return decode(encodings, logits);
    }

    private RawOutput decode(float[] enc, float[] logits) {
        float[] boxes = new float[ANCHORS * 4];
        float[] scores = new float[ANCHORS];
        for (int i = 0; i < ANCHORS; i++) {
            int a = 4 * i;
            float size0 = anchors[a + 2] - anchors[a];
            float size1 = anchors[a + 3] - anchors[a + 1];
            float centre0 = anchors[a] + size0 / 2f;
            float centre1 = anchors[a + 1] + size1 / 2f;
            float half0 = (float) StrictMath.exp(enc[a + 2] / 5f) * size0 / 2f;
            float mid0 = enc[a] / 10f * size0 + centre0;
            float half1 = (float) StrictMath.exp(enc[a + 3] / 5f) * size1 / 2f;
            float mid1 = enc[a + 1] / 10f * size1 + centre1;
            boxes[a] = mid0 - half0;
            boxes[a + 1] = mid1 - half1;
            boxes[a + 2] = mid0 + half0;
            boxes[a + 3] = mid1 + half1;
            scores[i] = (float) (1.0 / (1.0 + StrictMath.exp(-logits[3 * i + 1])));
        }
        return new RawOutput(boxes, scores);
    }

    /** Decoded network output; arrays are owned by the record (callers must not mutate them). */
    public record RawOutput(float[] boxes, float[] scores) {}

    /** A convolution with bias: face-api's {@code pointwiseConvLayer} (ReLU6) or {@code convLayer}. */
    private record ConvLayer(float[] filter, float[] bias, int k, int cin, int cout, int stride) {
        static ConvLayer load(ModelWeights w, String filterName, String biasName, int k, int cin, int cout, int stride)
                throws WeightsFormatException {
            return new ConvLayer(w.require(filterName, k, k, cin, cout).data().clone(),
                    w.require(biasName, cout).data().clone(), k, cin, cout, stride);
        }

        FeatureMap apply(FeatureMap x) {
            if (x.channels() != cin) {
                throw new IllegalStateException("layer expects " + cin + " channels, got " + x.channels());
            }
            float[] y = MobileNetKernels.conv2dSame(x.data(), x.height(), x.width(), cin, filter, k, k, cout, stride);
            MobileNetKernels.addBias(y, bias);
            return new FeatureMap(y, MobileNetKernels.sameOutput(x.height(), stride),
                    MobileNetKernels.sameOutput(x.width(), stride), cout);
        }

        FeatureMap applyRelu6(FeatureMap x) {
            FeatureMap y = apply(x);
            MobileNetKernels.clip(y.data(), 0f, 6f);
            return y;
        }
    }

    /** Depthwise 3x3 convolution, batch norm and ReLU6: face-api's {@code depthwiseConvLayer}. */
    private record DepthwiseLayer(float[] filter, float[] mean, float[] variance, float[] offset, float[] scale,
            int channels, int stride) {
        static DepthwiseLayer load(ModelWeights w, String prefix, int c, int stride) throws WeightsFormatException {
            return new DepthwiseLayer(
                    w.require(prefix + "/depthwise_weights", 3, 3, c, 1).data().clone(),
                    w.require(prefix + "/BatchNorm/moving_mean", c).data().clone(),
                    w.require(prefix + "/BatchNorm/moving_variance", c).data().clone(),
                    w.require(prefix + "/BatchNorm/beta", c).data().clone(),
                    w.require(prefix + "/BatchNorm/gamma", c).data().clone(),
                    c, stride);
        }

        FeatureMap apply(FeatureMap x) {
            float[] y = MobileNetKernels.depthwiseSame(x.data(), x.height(), x.width(), channels, filter, 3, 3, stride);
            MobileNetKernels.batchNorm(y, mean, variance, offset, scale, BATCH_NORM_EPSILON);
            MobileNetKernels.clip(y, 0f, 6f);
            return new FeatureMap(y, MobileNetKernels.sameOutput(x.height(), stride),
                    MobileNetKernels.sameOutput(x.width(), stride), channels);
        }
    }
}
