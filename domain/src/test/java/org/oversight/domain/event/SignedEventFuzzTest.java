package org.oversight.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonBoolean;
import org.oversight.domain.json.JsonNull;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonString;
import org.oversight.domain.json.JsonValue;

/**
 * Fuzzes the envelope parser: random bytes, byte-level mutations of valid envelopes, and
 * JSON-level mutations re-encoded canonically (which get past the canonical-form check and reach
 * the field validation). The parser may accept or throw {@link InvalidEventException}; any other
 * exception fails the property. Whatever it accepts re-encodes to the same bytes.
 */
class SignedEventFuzzTest {
    private static final List<SignedEvent> SAMPLES = Arrays.stream(EventType.values())
            .map(t -> EventFixtures.signed(EventFixtures.payload(t), EventFixtures.OFFICER_SEED))
            .toList();

    private static void parseOnlyThrowsDeclared(byte[] bytes) {
        try {
            SignedEvent e = SignedEvent.parse(bytes);
            assertThat(e.leafBytes()).isEqualTo(bytes);
            assertThat(CanonicalJson.encode(e.toJson())).isEqualTo(bytes);
        } catch (InvalidEventException expected) {
            assertThat(expected.path()).startsWith("$");
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void randomBytes(@ForAll @Size(max = 400) byte[] bytes) {
        parseOnlyThrowsDeclared(bytes);
    }

    @Property(tries = 300)
    void randomJsonishText(@ForAll("jsonish") String text) {
        parseOnlyThrowsDeclared(text.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings().withChars("{}[]\":,0123456789-.eEtrufalsn\\ abcv").ofMaxLength(120)
                .map(s -> "{\"header\":" + s);
    }

    @Property(tries = 600)
    void byteMutationsOfValidEnvelopes(@ForAll("sampleIndex") int sample, @ForAll("positions") List<Integer> positions,
            @ForAll("mutationKind") int kind, @ForAll byte value) {
        byte[] bytes = SAMPLES.get(sample).leafBytes();
        for (int p : positions) {
            int at = Math.floorMod(p, bytes.length);
            bytes = switch (kind) {
                case 0 -> flip(bytes, at, value);
                case 1 -> insert(bytes, at, value);
                case 2 -> delete(bytes, at);
                default -> Arrays.copyOf(bytes, at);
            };
            if (bytes.length == 0) {
                break;
            }
        }
        parseOnlyThrowsDeclared(bytes);
    }

    @Property(tries = 600)
    void structuralMutationsOfValidEnvelopes(@ForAll("sampleIndex") int sample, @ForAll("pathChoice") int choice,
            @ForAll("jsonValues") JsonValue replacement) {
        JsonObject json = SAMPLES.get(sample).toJson();
        List<JsonMutations.Path> paths = JsonMutations.paths(json, JsonMutations.ROOT);
        JsonMutations.Path path = paths.get(Math.floorMod(choice, paths.size()));
        JsonValue mutated = JsonMutations.replace(json, JsonMutations.ROOT, path,
                v -> path.isMember() && replacement == JsonNull.INSTANCE && choice % 3 == 0 ? null : replacement);
        parseOnlyThrowsDeclared(CanonicalJson.encode(mutated));
    }

    @Provide
    Arbitrary<Integer> sampleIndex() {
        return Arbitraries.integers().between(0, SAMPLES.size() - 1);
    }

    @Provide
    Arbitrary<List<Integer>> positions() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Integer> mutationKind() {
        return Arbitraries.integers().between(0, 3);
    }

    @Provide
    Arbitrary<Integer> pathChoice() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    @Provide
    Arbitrary<JsonValue> jsonValues() {
        Arbitrary<JsonValue> strings = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).filter(SignedEventFuzzTest::wellFormed).map(JsonString::of),
                Arbitraries.of("", "0", "null", "camera/cam-0042", "2026-11-27T09:00:00.000Z", "AAAA", "ab".repeat(32),
                        "ab".repeat(16), "ed25519:AAAA", "confirm", "officer", "CameraRegistered", "x".repeat(200))
                        .map(JsonString::of));
        Arbitrary<JsonValue> numbers = Arbitraries.oneOf(
                Arbitraries.longs().between(JsonNumber.MIN_SAFE_INTEGER, JsonNumber.MAX_SAFE_INTEGER),
                Arbitraries.of(0L, 1L, -1L, 2L, 67L, 68L, 1000L, 1001L, (long) Integer.MAX_VALUE + 1,
                        JsonNumber.MAX_SAFE_INTEGER)).map(JsonNumber::of);
        Arbitrary<JsonValue> others = Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE,
                JsonObject.empty(), JsonArray.empty());
        Arbitrary<JsonValue> arrays = Combinators.combine(numbers, numbers).as((a, b) -> JsonArray.of(a, b));
        return Arbitraries.oneOf(strings, numbers, others, arrays);
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(++i)))) {
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] flip(byte[] b, int at, byte v) {
        byte[] out = b.clone();
        out[at] = (byte) (out[at] ^ (v == 0 ? 1 : v));
        return out;
    }

    private static byte[] insert(byte[] b, int at, byte v) {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = v;
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
    }

    private static byte[] delete(byte[] b, int at) {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        return out;
    }
}
