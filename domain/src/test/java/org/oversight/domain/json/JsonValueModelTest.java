package org.oversight.domain.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The value model's construction rules and typed accessors. */
class JsonValueModelTest {

    private static JsonObject parse(String json) throws JsonException {
        return JsonParser.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void builderSortsByUtf16CodeUnitsAndRefusesDuplicates() {
        JsonObject o = JsonObject.builder()
                .put("\ufb33", 1).put("\ud83d\ude00", 2).put("b", "x").put("a", true).putNull("A")
                .putBase64("bytes", new byte[] {1, 2, 3})
                .build();
        assertThat(o.names()).containsExactly("A", "a", "b", "bytes", "\ud83d\ude00", "\ufb33");
        assertThat(o.toString()).isEqualTo("{\"A\":null,\"a\":true,\"b\":\"x\",\"bytes\":\"AQID\",\"\ud83d\ude00\":2,\"\ufb33\":1}");
        assertThatThrownBy(() -> JsonObject.builder().put("a", 1).put("a", 2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate member name \"a\"");
    }

    @Test
    void constructionPreconditions() {
        assertThat(JsonNumber.of(JsonNumber.MAX_SAFE_INTEGER).value()).isEqualTo(9007199254740991L);
        assertThatThrownBy(() -> JsonNumber.of(1L << 53))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9007199254740992");
        assertThatThrownBy(() -> JsonNumber.of(-(1L << 53))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonString.of("a\ud800"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1");
        assertThatThrownBy(() -> JsonString.of("\udc00\ud800")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonObject.builder().put("\ud800", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JsonLimits(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JsonLimits(1001, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typedAccessorsReturnValues() throws Exception {
        JsonObject o = parse("{\"s\":\"x\",\"n\":-5,\"b\":false,\"o\":{\"k\":1},\"a\":[1,\"t\",{}],\"z\":null,"
                + "\"bytes\":\"AAECAw==\"}");
        assertThat(o.requireString("s")).isEqualTo("x");
        assertThat(o.requireLong("n")).isEqualTo(-5);
        assertThat(o.requireInt("n")).isEqualTo(-5);
        assertThat(o.requireBoolean("b")).isFalse();
        assertThat(o.requireObject("o").requireLong("k")).isEqualTo(1);
        assertThat(o.requireArray("a").requireString(1)).isEqualTo("t");
        assertThat(o.require("z")).isEqualTo(JsonNull.INSTANCE);
        assertThat(o.requireBase64("bytes")).containsExactly(0, 1, 2, 3);
        assertThat(o.optionalString("missing")).isEmpty();
        assertThat(o.optionalString("s")).contains("x");
        assertThat(o.optionalLong("n").getAsLong()).isEqualTo(-5);
        assertThat(o.optionalObject("o")).isPresent();
        assertThat(o.get("nope")).isEmpty();
        o.requireOnly(Set.of("s", "n", "b", "o", "a", "z", "bytes"));
    }

    @Test
    void typedAccessorsNameThePathAndTheValue() throws Exception {
        JsonObject doc = parse("{\"header\":{\"seq\":\"7\",\"stream\":\"cam-1\",\"x y\":1},"
                + "\"items\":[{\"id\":1},{\"id\":true}],\"big\":9007199254740991}");
        JsonObject header = doc.requireObject("header");
        assertThat(header.path()).isEqualTo("$.header");
        assertThat(failure(() -> header.requireLong("seq")))
                .isEqualTo("field $.header.seq: expected an integer, found string \"7\"");
        assertThat(failure(() -> header.requireString("missing")))
                .isEqualTo("field $.header.missing: required member is missing");
        assertThat(failure(() -> header.requireOnly(Set.of("seq", "stream"))))
                .startsWith("field $.header[\"x y\"]: unexpected member (allowed: [seq, stream]), found integer 1");
        JsonArray items = doc.requireArray("items");
        assertThat(failure(() -> items.requireObject(1).requireLong("id")))
                .isEqualTo("field $.items[1].id: expected an integer, found boolean true");
        assertThat(failure(() -> items.requireObject(5)))
                .isEqualTo("field $.items[5]: index 5 >= size 2");
        assertThat(failure(() -> doc.requireInt("big")))
                .isEqualTo("field $.big: integer not in [-2147483648, 2147483647], found integer 9007199254740991");
        assertThat(failure(() -> doc.requireObject("items")))
                .isEqualTo("field $.items: expected an object, found array [{\"id\":1},{\"id\":true}]");
        assertThat(failure(() -> doc.optionalString("big")))
                .isEqualTo("field $.big: expected a string, found integer 9007199254740991");
    }

    @Test
    void longValuesAreTruncatedInMessages() throws Exception {
        JsonObject o = JsonObject.builder().put("s", "x".repeat(500)).build();
        String message = failure(() -> o.requireLong("s"));
        assertThat(message).contains("…(502 chars)").hasSizeLessThan(140);
    }

    @Test
    void base64IsStrictStandardWithPadding() throws Exception {
        String[] refused = {"AAECAw", "AAECAw=", "AAEC\nAw==", "AAECAw==AA==", "-_8=", "AAECAx==", "QR==", "A===", " AAA"};
        for (String text : refused) {
            JsonObject o = JsonObject.builder().put("b", text).build();
            assertThatThrownBy(() -> o.requireBase64("b")).as(text).isInstanceOf(JsonFieldException.class)
                    .hasMessageContaining("field $.b");
        }
        assertThat(JsonObject.builder().put("b", "").build().requireBase64("b")).isEmpty();
        assertThat(JsonObject.builder().put("b", "+/8=").build().requireBase64("b"))
                .containsExactly(0xfb, 0xff);
    }

    @Test
    void equalityIgnoresThePathAValueWasReachedBy() throws Exception {
        JsonObject doc = parse("{\"a\":{\"k\":1},\"b\":{\"k\":1}}");
        assertThat(doc.requireObject("a")).isEqualTo(doc.requireObject("b"));
        assertThat(doc.requireObject("a").hashCode()).isEqualTo(doc.requireObject("b").hashCode());
        assertThat(doc.requireObject("a").path()).isEqualTo("$.a");
    }

    @Test
    void parserLimitsAreConfigurable() throws Exception {
        byte[] deep = "[[[1]]]".getBytes(StandardCharsets.US_ASCII);
        assertThat(CanonicalJson.parseCanonical(deep, new JsonLimits(3, 100))).isNotNull();
        assertThatThrownBy(() -> CanonicalJson.parseCanonical(deep, new JsonLimits(2, 100)))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("nesting depth 3 > limit 2");
        assertThatThrownBy(() -> JsonParser.parse(deep, new JsonLimits(10, 6)))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("input length 7 > limit 6");
    }

    private interface Access {
        void run() throws JsonException;
    }

    private static String failure(Access access) {
        try {
            access.run();
            return "no exception";
        } catch (JsonFieldException e) {
            return e.getMessage();
        } catch (JsonException e) {
            return "wrong exception " + e;
        }
    }
}
