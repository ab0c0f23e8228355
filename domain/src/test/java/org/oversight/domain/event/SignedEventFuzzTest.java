package org.oversight.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonBoolean;
import org.oversight.domain.json.JsonNull;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonString;
import org.oversight.domain.json.JsonValue;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

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

    @Test
    void randomBytes() {
        qt().withExamples(300).withFixedSeed(0xf022_0001L)
                .forAll(Generate.byteArrays(integers().between(0, 400), anyByte()))
                .checkAssert(SignedEventFuzzTest::parseOnlyThrowsDeclared);
    }

    @Test
    void randomJsonishText() {
        qt().withExamples(300).withFixedSeed(0xf022_0002L).forAll(jsonish())
                .checkAssert(text -> parseOnlyThrowsDeclared(text.getBytes(StandardCharsets.UTF_8)));
    }

    static Gen<String> jsonish() {
        return stringsOf("{}[]\":,0123456789-.eEtrufalsn\\ abcv", 0, 120).map(s -> "{\"header\":" + s);
    }

    @Test
    void byteMutationsOfValidEnvelopes() {
        qt().withExamples(600).withFixedSeed(0xf022_0003L)
                .forAll(sampleIndex(), positions(), integers().between(0, 3), anyByte())
                .checkAssert(SignedEventFuzzTest::byteMutationsOfValidEnvelopes);
    }

    private static void byteMutationsOfValidEnvelopes(int sample, List<Integer> positions, int kind, byte value) {
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

    @Test
    void structuralMutationsOfValidEnvelopes() {
        qt().withExamples(600).withFixedSeed(0xf022_0004L)
                .forAll(sampleIndex(), integers().between(0, Integer.MAX_VALUE), jsonValues())
                .checkAssert(SignedEventFuzzTest::structuralMutationsOfValidEnvelopes);
    }

    private static void structuralMutationsOfValidEnvelopes(int sample, int choice, JsonValue replacement) {
        JsonObject json = SAMPLES.get(sample).toJson();
        List<JsonMutations.Path> paths = JsonMutations.paths(json, JsonMutations.ROOT);
        JsonMutations.Path path = paths.get(Math.floorMod(choice, paths.size()));
        JsonValue mutated = JsonMutations.replace(json, JsonMutations.ROOT, path,
                v -> path.isMember() && replacement == JsonNull.INSTANCE && choice % 3 == 0 ? null : replacement);
        parseOnlyThrowsDeclared(CanonicalJson.encode(mutated));
    }

    static Gen<Integer> sampleIndex() {
        return integers().between(0, SAMPLES.size() - 1);
    }

    static Gen<List<Integer>> positions() {
        return lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 4);
    }

    static Gen<Byte> anyByte() {
        return Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0);
    }

    static Gen<JsonValue> jsonValues() {
        Gen<JsonValue> strings = Generate.oneOf(
                anyChars(20).assuming(SignedEventFuzzTest::wellFormed).map(s -> (JsonValue) JsonString.of(s)),
                arbitrary().pick("", "0", "null", "camera/cam-0042", "2026-11-27T09:00:00.000Z", "AAAA",
                        "ab".repeat(32), "ab".repeat(16), "ed25519:AAAA", "confirm", "officer", "CameraRegistered",
                        "x".repeat(200)).map(s -> (JsonValue) JsonString.of(s)));
        Gen<JsonValue> numbers = Generate.oneOf(
                longs().between(JsonNumber.MIN_SAFE_INTEGER, JsonNumber.MAX_SAFE_INTEGER),
                arbitrary().pick(0L, 1L, -1L, 2L, 67L, 68L, 1000L, 1001L, (long) Integer.MAX_VALUE + 1,
                        JsonNumber.MAX_SAFE_INTEGER)).map(n -> (JsonValue) JsonNumber.of(n));
        Gen<JsonValue> others = arbitrary().<JsonValue>pick(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE,
                JsonObject.empty(), JsonArray.empty());
        Gen<JsonValue> arrays = numbers.zip(numbers, (a, b) -> (JsonValue) JsonArray.of(a, b));
        return Generate.oneOf(strings, numbers, others, arrays);
    }

    /**
     * Every {@code char} except noncharacters and private-use characters, the alphabet of the
     * generator this replaced; lone surrogates are included, for callers to filter.
     */
    private static final List<Character> ANY_CHAR = IntStream.rangeClosed(Character.MIN_VALUE, Character.MAX_VALUE)
            .filter(c -> !isNoncharacter(c) && Character.getType(c) != Character.PRIVATE_USE)
            .mapToObj(c -> (char) c)
            .toList();

    /** Up to {@code maxLength} UTF-16 code units, each drawn uniformly from {@link #ANY_CHAR}. */
    private static Gen<String> anyChars(int maxLength) {
        return lists().of(arbitrary().pick(ANY_CHAR)).ofSizeBetween(0, maxLength).map(SignedEventFuzzTest::join);
    }

    private static boolean isNoncharacter(int c) {
        return (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
    }

    /** Strings of {@code min..max} characters, each drawn uniformly from {@code alphabet}. */
    private static Gen<String> stringsOf(String alphabet, int min, int max) {
        List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
        return lists().of(arbitrary().pick(chars)).ofSizeBetween(min, max).map(SignedEventFuzzTest::join);
    }

    private static String join(List<Character> chars) {
        StringBuilder sb = new StringBuilder(chars.size());
        chars.forEach(sb::append);
        return sb.toString();
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
