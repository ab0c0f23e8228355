package org.oversight.domain.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;

/**
 * Every way bytes can fail to be canonical JSON, as a table of case id, input and expected
 * exception type, run in full with failures collected and listed by case id.
 */
class CanonicalJsonRejectionTest {
    private static final Class<? extends JsonException> MALFORMED = MalformedJsonException.class;
    private static final Class<? extends JsonException> NON_CANONICAL = NonCanonicalJsonException.class;

    private record Case(String id, byte[] input, Class<? extends JsonException> canonical,
            Class<? extends JsonException> lenient) {}

    private static Case text(String id, String input, Class<? extends JsonException> canonical,
            Class<? extends JsonException> lenient) {
        return new Case(id, input.getBytes(StandardCharsets.UTF_8), canonical, lenient);
    }

    /** {@code prefix} + raw bytes (hex) + {@code suffix}, for invalid UTF-8. */
    private static Case bytes(String id, String prefix, String hex, String suffix,
            Class<? extends JsonException> canonical, Class<? extends JsonException> lenient) throws Exception {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] m = Hex.decode(hex);
        byte[] s = suffix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[p.length + m.length + s.length];
        System.arraycopy(p, 0, all, 0, p.length);
        System.arraycopy(m, 0, all, p.length, m.length);
        System.arraycopy(s, 0, all, p.length + m.length, s.length);
        return new Case(id, all, canonical, lenient);
    }

    /** {@code null} for {@code lenient} means JsonParser must accept the input. */
    private static List<Case> cases() throws Exception {
        List<Case> c = new ArrayList<>();
        // Whitespace anywhere.
        c.add(text("ws-leading", " 1", NON_CANONICAL, null));
        c.add(text("ws-trailing", "1\n", NON_CANONICAL, null));
        c.add(text("ws-after-brace", "{ \"a\":1}", NON_CANONICAL, null));
        c.add(text("ws-before-colon", "{\"a\" :1}", NON_CANONICAL, null));
        c.add(text("ws-after-colon", "{\"a\":\t1}", NON_CANONICAL, null));
        c.add(text("ws-after-comma", "[1, 2]", NON_CANONICAL, null));
        c.add(text("ws-before-bracket", "[1\r]", NON_CANONICAL, null));
        c.add(text("ws-empty-array", "[ ]", NON_CANONICAL, null));
        c.add(text("ws-non-json-vt", "[1,\u000b2]", MALFORMED, MALFORMED));
        c.add(text("ws-nbsp", "[1,\u00a02]", MALFORMED, MALFORMED));
        // Member order and uniqueness.
        c.add(text("keys-unsorted", "{\"b\":1,\"a\":2}", NON_CANONICAL, null));
        c.add(text("keys-duplicate", "{\"a\":1,\"a\":2}", NON_CANONICAL, MALFORMED));
        c.add(text("keys-duplicate-nonadjacent", "{\"a\":1,\"b\":2,\"a\":3}", NON_CANONICAL, MALFORMED));
        c.add(text("keys-duplicate-by-escape", "{\"a\":1,\"\\u0061\":2}", NON_CANONICAL, MALFORMED));
        c.add(text("keys-utf8-order-not-utf16", "{\"\ufb33\":1,\"\ud83d\ude00\":2}", NON_CANONICAL, null));
        c.add(text("keys-nested-unsorted", "{\"a\":{\"d\":1,\"c\":2}}", NON_CANONICAL, null));
        // Numbers.
        c.add(text("num-fraction", "1.5", NON_CANONICAL, MALFORMED));
        c.add(text("num-integral-fraction", "1.0", NON_CANONICAL, MALFORMED));
        c.add(text("num-exponent", "1e3", NON_CANONICAL, MALFORMED));
        c.add(text("num-exponent-upper", "1E3", NON_CANONICAL, MALFORMED));
        c.add(text("num-exponent-signed", "1e+3", NON_CANONICAL, MALFORMED));
        c.add(text("num-minus-zero", "-0", NON_CANONICAL, null));
        c.add(text("num-leading-zero", "01", MALFORMED, MALFORMED));
        c.add(text("num-leading-zero-neg", "-01", MALFORMED, MALFORMED));
        c.add(text("num-plus", "+1", MALFORMED, MALFORMED));
        c.add(text("num-bare-minus", "-", MALFORMED, MALFORMED));
        c.add(text("num-dot-no-digit", "1.", MALFORMED, MALFORMED));
        c.add(text("num-exp-no-digit", "1e", MALFORMED, MALFORMED));
        c.add(text("num-leading-dot", ".5", MALFORMED, MALFORMED));
        c.add(text("num-hex", "0x10", MALFORMED, MALFORMED));
        c.add(text("num-2p53", "9007199254740992", NON_CANONICAL, MALFORMED));
        c.add(text("num-minus-2p53", "-9007199254740992", NON_CANONICAL, MALFORMED));
        c.add(text("num-huge", "123456789012345678901234567890", NON_CANONICAL, MALFORMED));
        c.add(text("num-nan", "NaN", MALFORMED, MALFORMED));
        c.add(text("num-infinity", "Infinity", MALFORMED, MALFORMED));
        // String escapes.
        c.add(text("esc-solidus", "\"\\/\"", NON_CANONICAL, null));
        c.add(text("esc-u-printable", "\"\\u0041\"", NON_CANONICAL, null));
        c.add(text("esc-u-del", "\"\\u007f\"", NON_CANONICAL, null));
        c.add(text("esc-u-non-ascii", "\"\\u00e9\"", NON_CANONICAL, null));
        c.add(text("esc-u-quote", "\"\\u0022\"", NON_CANONICAL, null));
        c.add(text("esc-u-backslash", "\"\\u005c\"", NON_CANONICAL, null));
        c.add(text("esc-u-newline", "\"\\u000a\"", NON_CANONICAL, null));
        c.add(text("esc-u-tab", "\"\\u0009\"", NON_CANONICAL, null));
        c.add(text("esc-u-backspace", "\"\\u0008\"", NON_CANONICAL, null));
        c.add(text("esc-u-formfeed", "\"\\u000c\"", NON_CANONICAL, null));
        c.add(text("esc-u-cr", "\"\\u000d\"", NON_CANONICAL, null));
        c.add(text("esc-u-upper-hex", "\"\\u001F\"", NON_CANONICAL, null));
        c.add(text("esc-u-upper-hex-2", "\"\\u000B\"", NON_CANONICAL, null));
        c.add(text("esc-u-pair", "\"\\ud83d\\ude00\"", NON_CANONICAL, null));
        c.add(text("esc-u-pair-upper", "\"\\uD83D\\uDE00\"", NON_CANONICAL, null));
        c.add(text("esc-invalid-letter", "\"\\x\"", MALFORMED, MALFORMED));
        c.add(text("esc-invalid-quote-single", "\"\\'\"", MALFORMED, MALFORMED));
        c.add(text("esc-u-truncated", "\"\\u00\"", MALFORMED, MALFORMED));
        c.add(text("esc-u-truncated-eof", "\"\\u00", MALFORMED, MALFORMED));
        c.add(text("esc-u-non-hex", "\"\\u00g0\"", MALFORMED, MALFORMED));
        c.add(text("esc-at-eof", "\"\\", MALFORMED, MALFORMED));
        c.add(text("esc-lone-high", "\"\\ud800\"", MALFORMED, MALFORMED));
        c.add(text("esc-lone-high-then-text", "\"\\ud800abcdef\"", MALFORMED, MALFORMED));
        c.add(text("esc-lone-low", "\"\\udc00\"", MALFORMED, MALFORMED));
        c.add(text("esc-high-high", "\"\\ud800\\ud800\"", MALFORMED, MALFORMED));
        c.add(text("esc-reversed-pair", "\"\\ude00\\ud83d\"", MALFORMED, MALFORMED));
        c.add(text("esc-high-then-short-escape", "\"\\ud800\\n\"", MALFORMED, MALFORMED));
        // Raw characters in strings.
        c.add(text("raw-control-nl", "\"a\nb\"", MALFORMED, MALFORMED));
        c.add(text("raw-control-nul", "\"a\u0000b\"", MALFORMED, MALFORMED));
        c.add(text("raw-control-1f", "\"\u001f\"", MALFORMED, MALFORMED));
        c.add(text("unterminated-string", "\"abc", MALFORMED, MALFORMED));
        // Invalid UTF-8.
        c.add(bytes("utf8-overlong-2-slash", "\"", "c0af", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-overlong-2-c1", "\"", "c1bf", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-overlong-3", "\"", "e080af", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-overlong-3-max", "\"", "e09fbf", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-overlong-4", "\"", "f08080af", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-overlong-4-max", "\"", "f08fbfbf", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-surrogate-d800", "\"", "eda080", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-surrogate-dfff", "\"", "edbfbf", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-surrogate-pair-cesu", "\"", "eda0bdedb880", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-above-10ffff", "\"", "f4908080", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-f5", "\"", "f5808080", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-ff", "\"", "ff", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-fe", "\"", "fe", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-lone-continuation", "\"", "80", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-truncated-2", "\"", "c3", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-truncated-3", "\"", "e282", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-truncated-4", "\"", "f09f98", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-truncated-at-eof", "\"", "e282", "", MALFORMED, MALFORMED));
        c.add(bytes("utf8-truncated-then-ascii", "\"", "e241", "\"", MALFORMED, MALFORMED));
        c.add(bytes("utf8-in-key", "{\"", "c0af", "\":1}", MALFORMED, MALFORMED));
        c.add(bytes("utf8-outside-string", "[", "c3a9", "]", MALFORMED, MALFORMED));
        c.add(bytes("utf8-after-escape", "\"\\n", "eda080", "\"", MALFORMED, MALFORMED));
        // Byte order mark and encodings.
        c.add(bytes("bom", "", "efbbbf", "1", NON_CANONICAL, MALFORMED));
        c.add(bytes("bom-only", "", "efbbbf", "", NON_CANONICAL, MALFORMED));
        c.add(bytes("utf16-be", "", "005b005d", "", MALFORMED, MALFORMED));
        // Structure.
        c.add(text("empty-input", "", MALFORMED, MALFORMED));
        c.add(text("trailing-data", "1 2", NON_CANONICAL, MALFORMED));
        c.add(text("trailing-data-nows", "{}{}", MALFORMED, MALFORMED));
        c.add(text("trailing-nul", "1\u0000", MALFORMED, MALFORMED));
        c.add(text("trailing-comma-array", "[1,]", MALFORMED, MALFORMED));
        c.add(text("trailing-comma-object", "{\"a\":1,}", MALFORMED, MALFORMED));
        c.add(text("missing-comma", "[1 2]", NON_CANONICAL, MALFORMED));
        c.add(text("missing-comma-nows", "[\"a\"\"b\"]", MALFORMED, MALFORMED));
        c.add(text("missing-colon", "{\"a\"1}", MALFORMED, MALFORMED));
        c.add(text("unquoted-key", "{a:1}", MALFORMED, MALFORMED));
        c.add(text("single-quotes", "['a']", MALFORMED, MALFORMED));
        c.add(text("unclosed-array", "[1", MALFORMED, MALFORMED));
        c.add(text("unclosed-object", "{\"a\":1", MALFORMED, MALFORMED));
        c.add(text("unopened", "]", MALFORMED, MALFORMED));
        c.add(text("literal-true-prefix", "tru", MALFORMED, MALFORMED));
        c.add(text("literal-capital", "True", MALFORMED, MALFORMED));
        c.add(text("literal-trailing", "nulll", MALFORMED, MALFORMED));
        c.add(text("comment", "[1/*x*/]", MALFORMED, MALFORMED));
        // Limits.
        c.add(text("depth-65-arrays", "[".repeat(65) + "]".repeat(65), MALFORMED, MALFORMED));
        c.add(text("depth-65-objects", "{\"a\":".repeat(65) + "1" + "}".repeat(65), MALFORMED, MALFORMED));
        c.add(text("depth-100000", "[".repeat(100_000), MALFORMED, MALFORMED));
        c.add(new Case("size-over-limit", new byte[(4 << 20) + 1], MALFORMED, MALFORMED));
        return c;
    }

    @Test
    void rejectsEveryNonCanonicalAndMalformedCase() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Case c : cases()) {
            check(failures, c.id() + " [parseCanonical]", () -> CanonicalJson.parseCanonical(c.input()), c.canonical());
            check(failures, c.id() + " [JsonParser.parse]", () -> JsonParser.parse(c.input()), c.lenient());
        }
        assertThat(failures).as("failing cases by id").isEmpty();
    }

    private interface Parse {
        JsonValue run() throws JsonException;
    }

    private static void check(List<String> failures, String id, Parse parse, Class<? extends JsonException> expected) {
        try {
            JsonValue v = parse.run();
            if (expected != null) {
                failures.add(id + ": accepted as " + v + ", expected " + expected.getSimpleName());
            }
        } catch (JsonException e) {
            if (expected == null) {
                failures.add(id + ": rejected (" + e.getMessage() + "), expected acceptance");
            } else if (e.getClass() != expected) {
                failures.add(id + ": " + e.getClass().getSimpleName() + " (" + e.getMessage() + "), expected "
                        + expected.getSimpleName());
            } else if (!e.getMessage().contains("offset ")) {
                failures.add(id + ": message does not name an offset: " + e.getMessage());
            }
        } catch (RuntimeException | StackOverflowError e) {
            failures.add(id + ": unexpected " + e);
        }
    }

    @Test
    void acceptsLimitBoundariesAndCanonicalEdgeCases() throws Exception {
        String[] canonical = {
            "[".repeat(64) + "]".repeat(64),
            "9007199254740991",
            "-9007199254740991",
            "0",
            "\"\\u001f\\u0000\\b\\t\\n\\f\\r\\\"\\\\/\u007f\"",
            "{\"\":0,\"\\n\":1,\"a\":2,\"\ud83d\ude00\":3,\"\ufb33\":4}",
            "\"\u0080\u07ff\u0800\ud7ff\ue000\uffff\ud800\udc00\udbff\udfff\"",
            "[]",
            "{}",
            "[null,true,false,\"\",{},[]]",
        };
        for (String text : canonical) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            JsonValue v = CanonicalJson.parseCanonical(bytes);
            assertThat(CanonicalJson.encode(v)).as(text).isEqualTo(bytes);
        }
    }

    @Test
    void messagesNameOffsetAndWhatWasFound() {
        assertThat(messageOf("{\"b\":1,\"a\":2}")).isEqualTo(
                "non-canonical JSON at offset 7: member name \"a\" is not sorted after \"b\" (UTF-16 code unit order)");
        assertThat(messageOf("[1,\u00012]")).contains("offset 3").contains("byte 0x01");
        assertThat(messageOf("\"\\u0041\"")).contains("offset 1").contains("\\u0041");
        assertThat(messageOf("1.25")).contains("offset 0").contains("1.25");
    }

    private static String messageOf(String text) {
        try {
            CanonicalJson.parseCanonical(text.getBytes(StandardCharsets.UTF_8));
            return "accepted";
        } catch (JsonException e) {
            return e.getMessage();
        }
    }
}
