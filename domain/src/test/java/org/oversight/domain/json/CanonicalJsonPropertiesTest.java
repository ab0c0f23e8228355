package org.oversight.domain.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round-trip properties of the canonical encoding over random values. */
class CanonicalJsonPropertiesTest {

    @Provide
    Arbitrary<JsonValue> values() {
        return value(3);
    }

    private Arbitrary<JsonValue> value(int depth) {
        Arbitrary<JsonValue> scalar = Arbitraries.oneOf(
                strings().map(JsonString::of),
                Arbitraries.longs().between(JsonNumber.MIN_SAFE_INTEGER, JsonNumber.MAX_SAFE_INTEGER).map(JsonNumber::of),
                Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonValue> array = value(depth - 1).list().ofMaxSize(4).map(JsonArray::of);
        Arbitrary<JsonValue> object = Arbitraries.maps(strings(), value(depth - 1)).ofMaxSize(4).map(JsonObject::of);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(1, array), net.jqwik.api.Tuple.of(2, object));
    }

    /** Strings of Unicode scalar values, biased towards the characters the encoder treats specially. */
    private static Arbitrary<String> strings() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0x1f)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of((int) '"', (int) '\\', (int) '/', 0x7f)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x80, 0xd7ff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff)));
        return codePoint.list().ofMaxSize(8).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    @Property(tries = 400)
    void parseCanonicalInvertsEncode(@ForAll("values") JsonValue v) throws JsonException {
        byte[] encoded = CanonicalJson.encode(v);
        assertThat(CanonicalJson.parseCanonical(encoded)).isEqualTo(v);
        assertThat(JsonParser.parse(encoded)).isEqualTo(v);
    }

    @Property(tries = 200)
    void encodeIsStableAndAgreesWithToString(@ForAll("values") JsonValue v) {
        byte[] first = CanonicalJson.encode(v);
        byte[] second = CanonicalJson.encode(v);
        assertThat(second).isEqualTo(first);
        assertThat(CanonicalJson.encodeToString(v)).isEqualTo(v.toString());
    }

    @Property(tries = 200)
    void equalValuesHaveEqualEncodingsAndHashCodes(@ForAll("values") JsonValue a, @ForAll("values") JsonValue b) {
        boolean sameBytes = Arrays.equals(CanonicalJson.encode(a), CanonicalJson.encode(b));
        assertThat(a.equals(b)).isEqualTo(sameBytes);
        if (sameBytes) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
    }

    /**
     * Any valid non-canonical spelling (whitespace, member order, escapes) parses leniently to the
     * same value, and the canonical parser refuses it as non-canonical unless it happens to be the
     * canonical bytes.
     */
    @Property(tries = 400)
    void nonCanonicalSpellingsAreRecognised(@ForAll("seeds") long seed) throws JsonException {
        RandomJson gen = new RandomJson(seed);
        JsonValue v = gen.value(3);
        byte[] canonical = CanonicalJson.encode(v);
        byte[] noisy = gen.nonCanonical(v);
        assertThat(JsonParser.parse(noisy)).isEqualTo(v);
        assertThat(CanonicalJson.canonicalize(noisy)).isEqualTo(canonical);
        if (!Arrays.equals(noisy, canonical)) {
            assertThatThrownBy(() -> CanonicalJson.parseCanonical(noisy))
                    .isInstanceOf(NonCanonicalJsonException.class);
        }
    }

    @Provide
    Arbitrary<String> names() {
        return strings();
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 100)
    void objectsAreSortedByUtf16CodeUnitsWhateverTheInsertionOrder(@ForAll("values") JsonValue a,
            @ForAll("values") JsonValue b, @ForAll("names") String n1, @ForAll("names") String n2) {
        if (n1.equals(n2)) {
            return;
        }
        JsonObject forward = JsonObject.builder().put(n1, a).put(n2, b).build();
        JsonObject backward = JsonObject.builder().put(n2, b).put(n1, a).build();
        assertThat(forward).isEqualTo(backward);
        assertThat(CanonicalJson.encode(forward)).isEqualTo(CanonicalJson.encode(backward));
        assertThat(forward.names().get(0).compareTo(forward.names().get(1))).isNegative();
    }
}
