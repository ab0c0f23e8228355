package org.oversight.domain.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oversight.domain.testing.Unchecked;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Round-trip properties of the canonical encoding over random values. */
class CanonicalJsonPropertiesTest {

    static Gen<JsonValue> values() {
        return value(3);
    }

    private static Gen<JsonValue> value(int depth) {
        Gen<JsonValue> scalar = Generate.oneOf(
                strings().map(s -> (JsonValue) JsonString.of(s)),
                longs().between(JsonNumber.MIN_SAFE_INTEGER, JsonNumber.MAX_SAFE_INTEGER)
                        .map(n -> (JsonValue) JsonNumber.of(n)),
                arbitrary().<JsonValue>pick(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE));
        if (depth == 0) {
            return scalar;
        }
        Gen<JsonValue> array = lists().of(value(depth - 1)).ofSizeBetween(0, 4)
                .map(elements -> (JsonValue) JsonArray.of(elements));
        Gen<JsonValue> object = lists().of(strings().zip(value(depth - 1), Pair::of)).ofSizeBetween(0, 4)
                .map(CanonicalJsonPropertiesTest::object);
        return Generate.frequency(List.of(Pair.of(3, scalar), Pair.of(1, array), Pair.of(2, object)));
    }

    /** Later members replace earlier ones with the same name, so names are unique as in a JSON object. */
    private static JsonValue object(List<Pair<String, JsonValue>> members) {
        Map<String, JsonValue> map = new LinkedHashMap<>();
        members.forEach(member -> map.put(member._1, member._2));
        return JsonObject.of(map);
    }

    /** Strings of Unicode scalar values, biased towards the characters the encoder treats specially. */
    static Gen<String> strings() {
        Gen<Integer> codePoint = Generate.frequency(List.of(
                Pair.of(4, integers().between(0x20, 0x7e)),
                Pair.of(2, integers().between(0, 0x1f)),
                Pair.of(1, arbitrary().pick((int) '"', (int) '\\', (int) '/', 0x7f)),
                Pair.of(1, integers().between(0x80, 0xd7ff)),
                Pair.of(1, integers().between(0xe000, 0xffff)),
                Pair.of(1, integers().between(0x10000, 0x10ffff))));
        return lists().of(codePoint).ofSizeBetween(0, 8).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    @Test
    void parseCanonicalInvertsEncode() {
        qt().withExamples(400).withFixedSeed(0x6a50_0001L).forAll(values())
                .checkAssert(v -> Unchecked.run(() -> parseCanonicalInvertsEncode(v)));
    }

    private static void parseCanonicalInvertsEncode(JsonValue v) throws JsonException {
        byte[] encoded = CanonicalJson.encode(v);
        assertThat(CanonicalJson.parseCanonical(encoded)).isEqualTo(v);
        assertThat(JsonParser.parse(encoded)).isEqualTo(v);
    }

    @Test
    void encodeIsStableAndAgreesWithToString() {
        qt().withExamples(200).withFixedSeed(0x6a50_0002L).forAll(values()).checkAssert(v -> {
            byte[] first = CanonicalJson.encode(v);
            byte[] second = CanonicalJson.encode(v);
            assertThat(second).isEqualTo(first);
            assertThat(CanonicalJson.encodeToString(v)).isEqualTo(v.toString());
        });
    }

    @Test
    void equalValuesHaveEqualEncodingsAndHashCodes() {
        qt().withExamples(200).withFixedSeed(0x6a50_0003L).forAll(values(), values()).checkAssert((a, b) -> {
            boolean sameBytes = Arrays.equals(CanonicalJson.encode(a), CanonicalJson.encode(b));
            assertThat(a.equals(b)).isEqualTo(sameBytes);
            if (sameBytes) {
                assertThat(a.hashCode()).isEqualTo(b.hashCode());
            }
        });
    }

    /**
     * Any valid non-canonical spelling (whitespace, member order, escapes) parses leniently to the
     * same value, and the canonical parser refuses it as non-canonical unless it happens to be the
     * canonical bytes.
     */
    @Test
    void nonCanonicalSpellingsAreRecognised() {
        qt().withExamples(400).withFixedSeed(0x6a50_0004L).forAll(longs().all())
                .checkAssert(seed -> Unchecked.run(() -> nonCanonicalSpellingsAreRecognised(seed)));
    }

    private static void nonCanonicalSpellingsAreRecognised(long seed) throws JsonException {
        RandomJson gen = new RandomJson(seed);
        JsonValue v = gen.value(3);
        byte[] canonical = CanonicalJson.encode(v);
        byte[] noisy = gen.nonCanonical(v);
        assertThat(JsonParser.parse(noisy)).isEqualTo(v);
        assertThat(CanonicalJson.canonicalise(noisy)).isEqualTo(canonical);
        if (!Arrays.equals(noisy, canonical)) {
            assertThatThrownBy(() -> CanonicalJson.parseCanonical(noisy))
                    .isInstanceOf(NonCanonicalJsonException.class);
        }
    }

    @Test
    void objectsAreSortedByUtf16CodeUnitsWhateverTheInsertionOrder() {
        qt().withExamples(100).withFixedSeed(0x6a50_0005L).forAll(values(), values(), strings(), strings())
                .checkAssert((a, b, n1, n2) -> {
                    if (n1.equals(n2)) {
                        return;
                    }
                    JsonObject forward = JsonObject.builder().put(n1, a).put(n2, b).build();
                    JsonObject backward = JsonObject.builder().put(n2, b).put(n1, a).build();
                    assertThat(forward).isEqualTo(backward);
                    assertThat(CanonicalJson.encode(forward)).isEqualTo(CanonicalJson.encode(backward));
                    assertThat(forward.names().get(0).compareTo(forward.names().get(1))).isNegative();
                });
    }
}
