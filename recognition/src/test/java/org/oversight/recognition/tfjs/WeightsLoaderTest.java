package org.oversight.recognition.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightsLoaderTest {
    private static final String MANIFEST = """
            [{"paths":["a.bin","b.bin"],"weights":[
              {"name":"f32","shape":[2],"dtype":"float32"},
              {"name":"u8","shape":[3],"dtype":"float32","quantization":{"dtype":"uint8","scale":0.5,"min":-1}},
              {"name":"u16","shape":[1],"dtype":"float32","quantization":{"dtype":"uint16","scale":0.25,"min":1}},
              {"name":"f16","shape":[2],"dtype":"float32","quantization":{"dtype":"float16"}},
              {"name":"i32","shape":[1],"dtype":"int32"}]},
             {"paths":["c.bin"],"weights":[{"name":"m","shape":[1,1],"dtype":"float32"}]}]
            """;

    @Test
    void decodesEveryStorageKindAcrossShards() throws Exception {
        byte[] a = {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, (byte) 0xc0, 0, 1}; // 1.0f, -2.0f, u8 0, 1
        byte[] b = {(byte) 255, 8, 0, 0x00, 0x3c, 0x01, 0x00, (byte) 0xf9, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        byte[] c = {0, 0, 0x20, 0x41}; // 10.0f
        Map<String, byte[]> files = Map.of("a.bin", a, "b.bin", b, "c.bin", c);
        ModelWeights w = WeightsLoader.load(MANIFEST.getBytes(StandardCharsets.UTF_8), files::get);
        assertThat(w.tensors().keySet()).containsExactly("f32", "u8", "u16", "f16", "i32", "m");
        assertThat(w.require("f32", 2).data()).containsExactly(1.0f, -2.0f);
        assertThat(w.require("u8", 3).data()).containsExactly(-1.0f, -0.5f, 126.5f);
        assertThat(w.require("u16", 1).data()).containsExactly(3.0f); // 8 * 0.25 + 1
        assertThat(w.require("f16", 2).data()).containsExactly(1.0f, 0x1p-24f);
        assertThat(w.require("i32", 1).data()).containsExactly(-7f); // f9 ff ff ff little-endian
        assertThat(w.require("m", 1, 1).data()).containsExactly(10f);
    }

    @Test
    void rejectsShardsOfTheWrongLength() {
        Map<String, byte[]> files = Map.of("a.bin", new byte[3], "b.bin", new byte[0], "c.bin", new byte[4]);
        assertThatThrownBy(() -> WeightsLoader.load(MANIFEST.getBytes(StandardCharsets.UTF_8), files::get))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("hold 3 bytes != 21 bytes");
    }

    @Test
    void rejectsPathTraversalAndUnknownDtypes() {
        assertThatThrownBy(() -> WeightsManifest.parse(
                        "[{\"paths\":[\"../x\"],\"weights\":[]}]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("../x");
        assertThatThrownBy(() -> WeightsManifest.parse(
                        "[{\"paths\":[\"x\"],\"weights\":[{\"name\":\"a\",\"shape\":[1],\"dtype\":\"bool\"}]}]"
                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("unsupported dtype bool");
    }

    @Test
    void halfFloatConversionIsExactForEveryBitPattern() {
        for (int h = 0; h < 0x10000; h++) {
            float f = WeightsLoader.halfToFloat(h);
            if (Float.isNaN(f)) {
                assertThat((h >>> 10) & 0x1f).isEqualTo(0x1f);
                continue;
            }
            assertThat(Float.floatToRawIntBits(f) < 0).isEqualTo((h & 0x8000) != 0);
            assertThat(Math.abs(f)).isEqualTo(halfMagnitude(h & 0x7fff));
        }
        assertThat(WeightsLoader.halfToFloat(0x3c00)).isEqualTo(1.0f);
        assertThat(WeightsLoader.halfToFloat(0x7bff)).isEqualTo(65504f);
        assertThat(WeightsLoader.halfToFloat(0x0400)).isEqualTo(0x1p-14f);
        assertThat(WeightsLoader.halfToFloat(0x03ff)).isEqualTo(1023 * 0x1p-24f);
        assertThat(WeightsLoader.halfToFloat(0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    /** Independent definition: (1 + m/1024) * 2^(e-15), or m * 2^-24 for subnormals. */
    private static float halfMagnitude(int h) {
        int e = h >>> 10, m = h & 0x3ff;
        if (e == 0x1f) {
            return Float.POSITIVE_INFINITY;
        }
        return e == 0 ? (float) (m * Math.pow(2, -24)) : (float) ((1 + m / 1024.0) * Math.pow(2, e - 15));
    }

    @Test
    void modelIdDependsOnManifestAndShardFraming() {
        ModelId x = ModelId.compute(new byte[] {1}, List.of(new byte[] {2, 3}));
        ModelId y = ModelId.compute(new byte[] {1, 2}, List.of(new byte[] {3}));
        assertThat(x).isNotEqualTo(y);
        assertThat(ModelId.compute(new byte[] {1}, List.of(new byte[] {2, 3}))).isEqualTo(x);
    }
}
