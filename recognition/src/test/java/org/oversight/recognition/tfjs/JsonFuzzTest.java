package org.oversight.recognition.tfjs;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The manifest parser must fail only with {@link WeightsFormatException}, never crash, on any input. */
class JsonFuzzTest {
    @Test
    void arbitraryBytesNeverCrashTheManifestParser() {
        qt().withExamples(500).withFixedSeed(2101L)
                .forAll(lists().of(integers().between(-128, 127)).ofSizeBetween(0, 200))
                .checkAssert(values -> parseQuietly(bytes(values)));
    }

    @Test
    void mutatedManifestsNeverCrashTheParser() {
        qt().withExamples(500).withFixedSeed(2102L)
                .forAll(integers().all(), integers().between(-128, 127))
                .checkAssert((position, value) -> {
                    byte[] base = ("[{\"paths\":[\"m.bin\"],\"weights\":[{\"name\":\"w\",\"shape\":[2,3],"
                            + "\"dtype\":\"float32\",\"quantization\":{\"dtype\":\"uint8\",\"scale\":0.5,"
                            + "\"min\":-1e-3}}]}]").getBytes(StandardCharsets.UTF_8);
                    base[Math.floorMod(position, base.length)] = value.byteValue();
                    parseQuietly(base);
                });
    }

    @Test
    void deepNestingIsRejectedNotOverflowed() {
        qt().withExamples(50).withFixedSeed(2103L)
                .forAll(integers().between(65, 5000))
                .checkAssert(depth -> {
                    byte[] deep = "[".repeat(depth).getBytes(StandardCharsets.UTF_8);
                    Assertions.assertThatThrownBy(() -> WeightsManifest.parse(deep))
                            .isInstanceOf(WeightsFormatException.class);
                });
    }

    private static byte[] bytes(List<Integer> values) {
        byte[] out = new byte[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).byteValue();
        }
        return out;
    }

    private static void parseQuietly(byte[] input) {
        try {
            WeightsManifest.parse(input);
        } catch (WeightsFormatException expected) {
            // the only permitted failure
        }
    }
}
