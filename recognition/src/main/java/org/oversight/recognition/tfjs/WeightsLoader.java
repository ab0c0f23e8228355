package org.oversight.recognition.tfjs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.oversight.recognition.tensor.Tensor;

/**
 * Decodes a TensorFlow.js weights manifest and its shards into float32 tensors, exactly as
 * TensorFlow.js's {@code io.decodeWeights} does: for each group the shards are concatenated and
 * the entries read back to back; raw {@code float32}/{@code int32} are little-endian;
 * {@code uint8}/{@code uint16} (little-endian) dequantise as {@code (float) (q * scale + min)} in
 * double; {@code float16} converts exactly; {@code int32} values become floats.
 */
public final class WeightsLoader {
    private WeightsLoader() {}

    /**
     * Loads a model.
     *
     * @param manifestJson the manifest file's bytes
     * @param shards reads each shard path named by the manifest
     * @throws WeightsFormatException if the manifest is malformed, a shard cannot be read, or a
     *     group's shards are not exactly as long as its entries
     */
    public static ModelWeights load(byte[] manifestJson, ShardSource shards) throws WeightsFormatException {
        WeightsManifest manifest = WeightsManifest.parse(manifestJson);
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        List<byte[]> shardBytes = new ArrayList<>();
        for (WeightsManifest.Group group : manifest.groups()) {
            List<byte[]> parts = new ArrayList<>();
            long total = 0;
            for (String path : group.paths()) {
                byte[] part;
                try {
                    part = shards.read(path);
                } catch (IOException e) {
                    throw new WeightsFormatException("cannot read shard " + path + ": " + e.getMessage(), e);
                }
                parts.add(part);
                shardBytes.add(part);
                total += part.length;
            }
            if (total != group.byteLength()) {
                throw new WeightsFormatException("shards " + group.paths() + " hold " + total
                        + " bytes != " + group.byteLength() + " bytes the manifest's weights need");
            }
            byte[] buffer = concat(parts, (int) total);
            int offset = 0;
            for (WeightSpec spec : group.weights()) {
                tensors.put(spec.name(), decode(spec, buffer, offset));
                offset += (int) spec.byteLength();
            }
        }
        return new ModelWeights(tensors, ModelId.compute(manifestJson, shardBytes));
    }

    private static byte[] concat(List<byte[]> parts, int total) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static Tensor decode(WeightSpec spec, byte[] buf, int offset) {
        int n = spec.elementCount();
        float[] values = new float[n];
        Quantization q = spec.quantization().orElse(null);
        boolean int32 = spec.dtype().equals("int32");
        if (q == null) {
            for (int i = 0; i < n; i++) {
                int bits = le32(buf, offset + 4 * i);
                values[i] = int32 ? (float) bits : Float.intBitsToFloat(bits);
            }
        } else if (q.dtype().equals("float16")) {
            for (int i = 0; i < n; i++) {
                values[i] = halfToFloat(le16(buf, offset + 2 * i));
            }
        } else {
            boolean u8 = q.dtype().equals("uint8");
            for (int i = 0; i < n; i++) {
                int v = u8 ? buf[offset + i] & 0xff : le16(buf, offset + 2 * i);
                double d = v * q.scale() + q.min();
                values[i] = int32 ? (float) Math.rint(jsRound(d)) : (float) d;
            }
        }
        return Tensor.wrap(values, spec.shape());
    }

    private static double jsRound(double d) {
        return Math.floor(d + 0.5);
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    /** Exact IEEE binary16 to binary32 conversion (subnormals, infinities and NaN included). */
    static float halfToFloat(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
