package org.oversight.domain.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The parser for third-party JSON: what it returns, what it refuses (with the offending offset),
 * and that it agrees with {@link JsonParser} wherever the value model can carry the document. Its
 * fuzzing against random and mutated input is in {@link JsonParserFuzzTest}.
 */
class PlainJsonTest {
    /** RFC 8259 §6 number grammar. */
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private static Object parse(String text) throws JsonException {
        return PlainJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAManifestIntoPlainValuesInDocumentOrder() throws Exception {
        Object root = parse("[ {\"weights\": [{\"name\": \"conv/bias\", \"shape\": [32, 1],"
                + " \"quantization\": {\"dtype\": \"uint8\", \"scale\": 8.471445956577858e-7, \"min\": -0.07101876902229645}}],"
                + " \"paths\": [\"shard1\"], \"flag\": true, \"none\": null, \"off\": false} ]");
        Map<?, ?> group = (Map<?, ?>) ((List<?>) root).get(0);
        assertThat(List.copyOf(group.keySet())).isEqualTo(List.of("weights", "paths", "flag", "none", "off"));
        assertThat(group.get("flag")).isEqualTo(Boolean.TRUE);
        assertThat(group.get("off")).isEqualTo(Boolean.FALSE);
        assertThat(group.get("none")).isSameAs(PlainJson.NULL).hasToString("null");
        assertThat(group.get("paths")).isEqualTo(List.of("shard1"));
        Map<?, ?> weight = (Map<?, ?>) ((List<?>) group.get("weights")).get(0);
        PlainJson.Num dim = (PlainJson.Num) ((List<?>) weight.get("shape")).get(0);
        assertThat(dim.asInt()).isEqualTo(32);
        Map<?, ?> q = (Map<?, ?>) weight.get("quantization");
        PlainJson.Num scale = (PlainJson.Num) q.get("scale");
        assertThat(scale.literal()).isEqualTo("8.471445956577858e-7");
        assertThat(Double.doubleToRawLongBits(scale.asDouble()))
                .isEqualTo(Double.doubleToRawLongBits(8.471445956577858e-7));
        assertThat(((PlainJson.Num) q.get("min")).asDouble()).isEqualTo(-0.07101876902229645);
        assertThatThrownBy(group::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) group.get("paths")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void numbersKeepTheirLiteralAndConvertOnDemand() throws Exception {
        for (String literal : List.of("0", "-0", "1E+2", "1e400", "-12.50", "123456789012345678901234567890")) {
            assertThat(((PlainJson.Num) parse(literal)).literal()).isEqualTo(literal);
        }
        assertThat(((PlainJson.Num) parse("-0")).asInt()).isZero();
        assertThat(((PlainJson.Num) parse("1e400")).asDouble()).isInfinite();
        assertThat(parse("2.5")).isEqualTo(parse("2.5")).hasSameHashCodeAs(parse("2.5")).isNotEqualTo(parse("2.50"));
        assertThatThrownBy(() -> ((PlainJson.Num) parse("1.0")).asInt()).isInstanceOf(JsonException.class)
                .hasMessage("number 1.0 is not an int");
        assertThatThrownBy(() -> ((PlainJson.Num) parse("2147483648")).asInt())
                .hasMessage("number 2147483648 is not an int");
    }

    @Test
    void refusesWhatIsNotJsonNamingTheOffset() {
        assertRefused("{\"a\":1,\"b\":2,\"a\":3}", "malformed JSON at offset 13: duplicate member name \"a\"");
        assertRefused("[01]", "malformed JSON at offset 1: leading zero in number 01");
        assertRefused("[1.]", "malformed JSON at offset 3: expected a digit after '.' in number, found ']' (0x5d)");
        assertRefused("1e", "malformed JSON at offset 2: expected a digit in exponent, found end of input");
        assertRefused("\"\\ud800\"", "malformed JSON at offset 1: lone high surrogate escape \\ud800");
        assertRefused("[1] x", "malformed JSON at offset 4: trailing data after the value: 'x' (0x78)");
        assertRefused("", "malformed JSON at offset 0: empty input");
        assertRefused("\ufeff[]", "malformed JSON at offset 0: byte order mark ef bb bf (JSON text must not start with one)");
        assertThatThrownBy(() -> PlainJson.parse(new byte[] {'"', (byte) 0xc0, (byte) 0x80, '"'}))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessage("malformed JSON at offset 1: invalid UTF-8: overlong 2-byte sequence lead byte 0xc0");
        assertThatThrownBy(() -> PlainJson.parse("[[[]]]".getBytes(StandardCharsets.US_ASCII), new JsonLimits(2, 100)))
                .hasMessage("malformed JSON at offset 2: nesting depth 3 > limit 2");
        assertThatThrownBy(() -> PlainJson.parse("[1, 2]".getBytes(StandardCharsets.US_ASCII), new JsonLimits(2, 5)))
                .hasMessage("malformed JSON at offset 0: input length 6 > limit 5");
    }

    private static void assertRefused(String text, String message) {
        assertThatThrownBy(() -> parse(text)).as(text).isInstanceOf(MalformedJsonException.class).hasMessage(message);
    }

    /** Number-like tokens are accepted exactly when they match the RFC 8259 grammar, literal kept. */
    @Test
    void numberGrammarIsRfc8259() {
        Random random = new Random(8259);
        String alphabet = "-+.eE0123456789";
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(8);
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String token = sb.toString();
            boolean valid = NUMBER.matcher(token).matches();
            try {
                Object v = parse("[" + token + "]");
                assertThat(valid).as("accepted %s", token).isTrue();
                assertThat(((PlainJson.Num) ((List<?>) v).get(0)).literal()).isEqualTo(token);
                accepted++;
            } catch (JsonException e) {
                assertThat(valid).as("refused %s: %s", token, e.getMessage()).isFalse();
            }
        }
        assertThat(accepted).as("valid tokens reached").isGreaterThan(1000);
    }

    /** Any spelling of a model value reads to the same value as {@link JsonParser} reads it. */
    @Test
    void agreesWithTheLenientParserOnModelValues() throws Exception {
        Random seeds = new Random(0x706c61696eL);
        for (int i = 0; i < 2_000; i++) {
            RandomJson gen = new RandomJson(seeds.nextLong());
            JsonValue v = gen.value(4);
            byte[] spelling = gen.nonCanonical(v);
            assertThat(toModel(PlainJson.parse(spelling))).isEqualTo(JsonParser.parse(spelling)).isEqualTo(v);
        }
    }

    /** The value model's reading of a plain value; numbers must be integers in the model's range. */
    static JsonValue toModel(Object plain) {
        if (plain instanceof Map<?, ?> map) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            map.forEach((name, value) -> members.put((String) name, toModel(value)));
            return JsonObject.of(members);
        }
        if (plain instanceof List<?> list) {
            return JsonArray.of(list.stream().map(PlainJsonTest::toModel).toList());
        }
        if (plain instanceof String s) {
            return JsonString.of(s);
        }
        if (plain instanceof PlainJson.Num n) {
            return JsonNumber.of(Long.parseLong(n.literal()));
        }
        if (plain instanceof Boolean b) {
            return JsonBoolean.of(b);
        }
        assertThat(plain).isSameAs(PlainJson.NULL);
        return JsonNull.INSTANCE;
    }
}
