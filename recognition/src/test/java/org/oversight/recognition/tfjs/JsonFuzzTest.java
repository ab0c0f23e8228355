package org.oversight.recognition.tfjs;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.assertj.core.api.Assertions;

/** The manifest parser must fail only with {@link WeightsFormatException}, never crash, on any input. */
class JsonFuzzTest {
    @Property(tries = 500)
    void arbitraryBytesNeverCrashTheManifestParser(@ForAll @Size(max = 200) byte[] junk) {
        parseQuietly(junk);
    }

    @Property(tries = 500)
    void mutatedManifestsNeverCrashTheParser(@ForAll int position, @ForAll byte value) {
        byte[] base = ("[{\"paths\":[\"m.bin\"],\"weights\":[{\"name\":\"w\",\"shape\":[2,3],\"dtype\":\"float32\","
                + "\"quantization\":{\"dtype\":\"uint8\",\"scale\":0.5,\"min\":-1e-3}}]}]").getBytes(StandardCharsets.UTF_8);
        base[Math.floorMod(position, base.length)] = value;
        parseQuietly(base);
    }

    @Property(tries = 50)
    void deepNestingIsRejectedNotOverflowed(@ForAll @net.jqwik.api.constraints.IntRange(min = 65, max = 5000) int depth) {
        byte[] deep = "[".repeat(depth).getBytes(StandardCharsets.UTF_8);
        Assertions.assertThatThrownBy(() -> WeightsManifest.parse(deep)).isInstanceOf(WeightsFormatException.class);
    }

    private static void parseQuietly(byte[] input) {
        try {
            WeightsManifest.parse(input);
        } catch (WeightsFormatException expected) {
            // the only permitted failure
        }
    }
}
