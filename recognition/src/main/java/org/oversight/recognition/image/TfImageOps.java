package org.oversight.recognition.image;

/**
 * The two image operations face-api applies before every network, reproduced exactly as
 * TensorFlow.js's CPU backend computes them (tfjs-core/tfjs-backend-cpu 4.22.0), on HWC float
 * rasters. Arithmetic is IEEE double as in JavaScript, stored as float32 as tfjs does; there is no
 * reassociation, so the results are bit-identical to tfjs and across JVMs.
 */
public final class TfImageOps {
    private TfImageOps() {}

    /**
     * face-api {@code padToSquare}: pads the shorter axis with zeros to a square. With
     * {@code centred == false} all {@code d = |h - w|} zero rows/columns go after (bottom/right);
     * with {@code centred == true}, {@code round(d / 2)} (round half up) go after and the rest
     * before.
     *
     * @return {@code [side, side, channels]} raster, side = max(h, w); the input itself if square
     */
    public static float[] padToSquare(float[] hwc, int height, int width, int channels, boolean centred) {
        checkRaster(hwc, height, width, channels);
        if (height == width) {
            return hwc;
        }
        int side = Math.max(height, width);
        int diff = side - Math.min(height, width);
        int after = centred ? (int) Math.floor(diff * 0.5 + 0.5) : diff;
        int before = diff - after;
        float[] out = new float[side * side * channels];
        int offY = height < width ? before : 0;
        int offX = width < height ? before : 0;
        for (int y = 0; y < height; y++) {
            System.arraycopy(hwc, y * width * channels, out, ((y + offY) * side + offX) * channels, width * channels);
        }
        return out;
    }

    /**
     * {@code tf.image.resizeBilinear(x, [outH, outW], alignCorners = false, halfPixelCenters =
     * false)}: output pixel (r, c) samples source position (r * inH / outH, c * inW / outW) (ratio
     * computed once per axis in double), i.e. pixel centres are NOT half-pixel shifted; the four
     * neighbours floor/ceil (clamped to the last row/column) are blended as
     * {@code top = tl + (tr - tl) * fx; bottom = bl + (br - bl) * fx; v = top + (bottom - top) * fy}
     * in double, then stored as float32.
     */
    public static float[] resizeBilinear(float[] hwc, int height, int width, int channels, int outH, int outW) {
        checkRaster(hwc, height, width, channels);
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("output size " + outW + "x" + outH + " must be positive");
        }
        float[] out = new float[outH * outW * channels];
        double rowRatio = (double) height / outH;
        double colRatio = (double) width / outW;
        int rowStride = width * channels;
        int o = 0;
        for (int r = 0; r < outH; r++) {
            double srcRow = rowRatio * r;
            int rowFloor = (int) Math.max(0, Math.floor(srcRow));
            double rowFrac = srcRow - rowFloor;
            int rowCeil = (int) Math.min(height - 1, Math.ceil(srcRow));
            int top = rowFloor * rowStride;
            int bottom = rowCeil * rowStride;
            for (int c = 0; c < outW; c++) {
                double srcCol = colRatio * c;
                int colFloor = (int) Math.max(0, Math.floor(srcCol));
                double colFrac = srcCol - colFloor;
                int colCeil = (int) Math.min(width - 1, Math.ceil(srcCol));
                int tl = top + colFloor * channels;
                int bl = bottom + colFloor * channels;
                int tr = top + colCeil * channels;
                int br = bottom + colCeil * channels;
                for (int d = 0; d < channels; d++) {
                    double topLeft = hwc[tl + d];
                    double bottomLeft = hwc[bl + d];
                    double topRight = hwc[tr + d];
                    double bottomRight = hwc[br + d];
                    double t = topLeft + (topRight - topLeft) * colFrac;
                    double b = bottomLeft + (bottomRight - bottomLeft) * colFrac;
                    out[o++] = (float) (t + (b - t) * rowFrac);
                }
            }
        }
        return out;
    }

    /**
     * face-api {@code NetInput.toBatchTensor(size, centred)} for one image: pad to square, then
     * resize to {@code size x size} unless already that size.
     */
    public static float[] toSquareInput(float[] hwc, int height, int width, int channels, int size, boolean centred) {
        float[] square = padToSquare(hwc, height, width, channels, centred);
        int side = Math.max(height, width);
        if (side == size) {
            return square == hwc ? hwc.clone() : square;
        }
        return resizeBilinear(square, side, side, channels, size, size);
    }

    private static void checkRaster(float[] hwc, int height, int width, int channels) {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("raster " + width + "x" + height + "x" + channels + " must have positive dimensions");
        }
        if ((long) height * width * channels != hwc.length) {
            throw new IllegalArgumentException("raster length " + hwc.length + " != " + height + " * " + width + " * " + channels);
        }
    }
}
