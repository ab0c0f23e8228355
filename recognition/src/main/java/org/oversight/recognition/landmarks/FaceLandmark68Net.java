package org.oversight.recognition.landmarks;

import java.util.Optional;
import org.oversight.recognition.detect.FaceBox;
import org.oversight.recognition.detect.FaceDetection;
import org.oversight.recognition.image.PixelRect;
import org.oversight.recognition.image.RgbImage;
import org.oversight.recognition.image.TfImageOps;
import org.oversight.recognition.tensor.MobileNetKernels;
import org.oversight.recognition.tfjs.ModelId;
import org.oversight.recognition.tfjs.ModelWeights;
import org.oversight.recognition.tfjs.WeightsFormatException;

/**
 * face-api's 68-point landmark network ({@code face_landmark_68_model}) in pure Java, with
 * face-api 1.7.15's pre- and post-processing on TensorFlow.js's CPU backend:
 *
 * <ol>
 *   <li>the face region = detection box {@link PixelRect#clipAndFloor clipped and floored}, cut
 *       from the image;
 *   <li>zero-padded to a square, centred ({@code round(d/2)} after, the rest before), resized
 *       bilinearly to 112x112 ({@link TfImageOps#toSquareInput}), then {@code (v - mean) / 255} in
 *       float32 with mean RGB (122.782, 117.001, 104.298);
 *   <li>four dense blocks of depthwise-separable 3x3 convolutions (32, 64, 128, 256 channels; the
 *       first block's first layer a plain 3x3 conv), 7x7/2 average pooling, a 256x136 fully
 *       connected layer;
 *   <li>outputs {@code o} (x, y interleaved) mapped back as face-api's {@code postProcess} does in
 *       float32: {@code (o * 112 - pad) / scaledSize}, then to image pixels as
 *       {@code ((rel * w) / w) * w + box.x} in double (face-api's shift), where the shift is the
 *       detection box's unfloored corner.
 * </ol>
 *
 * <p>Deterministic (fixed summation orders, see {@link MobileNetKernels}); immutable, thread-safe.
 */
public final class FaceLandmark68Net {
    /** Side of the square network input. */
    public static final int INPUT_SIZE = 112;
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};
    private static final int[] BLOCK_CHANNELS = {32, 64, 128, 256};

    private final float[] firstFilter;
    private final float[] firstBias;
    private final Separable[][] blocks = new Separable[4][4];
    private final float[] fcWeights;
    private final float[] fcBias;
    private final ModelId modelId;

    private FaceLandmark68Net(ModelWeights w) throws WeightsFormatException {
        modelId = w.id();
        firstFilter = w.require("dense0/conv0/filters", 3, 3, 3, 32).data().clone();
        firstBias = w.require("dense0/conv0/bias", 32).data().clone();
        int cin = 32;
        for (int b = 0; b < 4; b++) {
            int c = BLOCK_CHANNELS[b];
            for (int l = b == 0 ? 1 : 0; l < 4; l++) {
                int in = l == 0 ? cin : c;
                blocks[b][l] = Separable.load(w, "dense" + b + "/conv" + l, in, c, l == 0 ? 2 : 1);
            }
            cin = c;
        }
        fcWeights = w.require("fc/weights", 256, 136).data().clone();
        fcBias = w.require("fc/bias", 136).data().clone();
    }

    /**
     * Builds the net from face-api's {@code face_landmark_68_model} weights.
     *
     * @throws WeightsFormatException if a weight is missing or has an unexpected shape
     */
    public static FaceLandmark68Net fromWeights(ModelWeights weights) throws WeightsFormatException {
        return new FaceLandmark68Net(weights);
    }

    public ModelId modelId() {
        return modelId;
    }

    /**
     * Landmarks of a detected face, as face-api's {@code detectAllFaces(...).withFaceLandmarks()}.
     *
     * @return empty if the clipped face region is empty (face-api drops such a face)
     */
    public Optional<FaceLandmarks68> detect(RgbImage image, FaceDetection detection) {
        FaceBox box = detection.box();
        int w = image.width();
        int h = image.height();
        // face-api re-derives the box via its relative form: (v * (1 / size)) * size.
        double invW = 1.0 / w;
        double invH = 1.0 / h;
        Optional<PixelRect> region = PixelRect.clipAndFloor(box.x() * invW * w, box.y() * invH * h,
                box.width() * invW * w, box.height() * invH * h, w, h);
        if (region.isEmpty()) {
            return Optional.empty();
        }
        PixelRect r = region.get();
        float[] rel = predictRelative(image.crop(r.x(), r.y(), r.width(), r.height()));
        double[] xs = new double[FaceLandmarks68.POINTS];
        double[] ys = new double[FaceLandmarks68.POINTS];
        for (int i = 0; i < FaceLandmarks68.POINTS; i++) {
            double ux = (double) rel[2 * i] * r.width();
            double uy = (double) rel[2 * i + 1] * r.height();
            xs[i] = ux / r.width() * r.width() + box.x();
            ys[i] = uy / r.height() * r.height() + box.y();
        }
        return Optional.of(new FaceLandmarks68(xs, ys, r));
    }

    /**
     * The 136 outputs for a face crop after face-api's {@code postProcess}: x, y interleaved,
     * relative to the crop's width and height.
     */
    public float[] predictRelative(RgbImage face) {
        int w = face.width();
        int h = face.height();
        float[] out = forward(face);
        double scale = (double) INPUT_SIZE / Math.max(h, w);
        double sw = w * scale;
        double sh = h * scale;
        float padX = (float) (sw < sh ? Math.abs(sw - sh) / 2 : 0);
        float padY = (float) (sh < sw ? Math.abs(sw - sh) / 2 : 0);
        float fw = (float) sw;
        float fh = (float) sh;
        float[] rel = new float[136];
        for (int i = 0; i < 68; i++) {
            rel[2 * i] = (out[2 * i] * (float) INPUT_SIZE - padX) / fw;
            rel[2 * i + 1] = (out[2 * i + 1] * (float) INPUT_SIZE - padY) / fh;
        }
        return rel;
    }

    /** The raw 136 network outputs for a face crop (before post-processing). */
    public float[] forward(RgbImage face) {
        float[] x = TfImageOps.toSquareInput(face.toFloats(), face.height(), face.width(), 3, INPUT_SIZE, true);
        for (int i = 0; i < x.length; i += 3) {
            x[i] = (x[i] - MEAN_RGB[0]) / 255f;
            x[i + 1] = (x[i + 1] - MEAN_RGB[1]) / 255f;
            x[i + 2] = (x[i + 2] - MEAN_RGB[2]) / 255f;
        }
        int side = INPUT_SIZE;
        int c = 3;
        for (int b = 0; b < 4; b++) {
            int oc = BLOCK_CHANNELS[b];
            float[] out1;
            if (b == 0) {
                out1 = MobileNetKernels.conv2dSame(x, side, side, c, firstFilter, 3, 3, oc, 2);
                MobileNetKernels.addBias(out1, firstBias);
            } else {
                out1 = blocks[b][0].apply(x, side, side);
            }
            side = MobileNetKernels.sameOutput(side, 2);
            MobileNetKernels.relu(out1);
            float[] out2 = blocks[b][1].apply(out1, side, side);
            float[] in3 = MobileNetKernels.add(out1, out2);
            MobileNetKernels.relu(in3);
            float[] out3 = blocks[b][2].apply(in3, side, side);
            float[] in4 = MobileNetKernels.add(out1, MobileNetKernels.add(out2, out3));
            MobileNetKernels.relu(in4);
            float[] out4 = blocks[b][3].apply(in4, side, side);
            x = MobileNetKernels.add(out1, MobileNetKernels.add(out2, MobileNetKernels.add(out3, out4)));
            MobileNetKernels.relu(x);
            c = oc;
        }
        float[] pooled = MobileNetKernels.avgPoolValid(x, side, side, c, 7, 2);
        float[] y = MobileNetKernels.matVec(pooled, fcWeights, 136);
        MobileNetKernels.addBias(y, fcBias);
        return y;
    }

    /** {@code tf.separableConv2d(x, depthwise, pointwise, stride, 'same') + bias}. */
    private record Separable(float[] depthwise, float[] pointwise, float[] bias, int cin, int cout, int stride) {
        static Separable load(ModelWeights w, String prefix, int cin, int cout, int stride) throws WeightsFormatException {
            return new Separable(
                    w.require(prefix + "/depthwise_filter", 3, 3, cin, 1).data().clone(),
                    w.require(prefix + "/pointwise_filter", 1, 1, cin, cout).data().clone(),
                    w.require(prefix + "/bias", cout).data().clone(),
                    cin, cout, stride);
        }

        float[] apply(float[] x, int h, int w) {
            float[] d = MobileNetKernels.depthwiseSame(x, h, w, cin, depthwise, 3, 3, stride);
            int oh = MobileNetKernels.sameOutput(h, stride);
            int ow = MobileNetKernels.sameOutput(w, stride);
            float[] y = MobileNetKernels.pointwise(d, oh * ow, cin, pointwise, cout);
            MobileNetKernels.addBias(y, bias);
            return y;
        }
    }
}
