package org.oversight.domain.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;

/** The examples of RFC 8785 itself, run in full with failures listed by case. */
class Rfc8785ConformanceTest {

    /** RFC 8785 Appendix B: IEEE-754 bit patterns and their required serialisation. */
    private static final String[][] APPENDIX_B = {
        {"0000000000000000", "0"},
        {"8000000000000000", "0"},
        {"0000000000000001", "5e-324"},
        {"8000000000000001", "-5e-324"},
        {"7fefffffffffffff", "1.7976931348623157e+308"},
        {"ffefffffffffffff", "-1.7976931348623157e+308"},
        {"4340000000000000", "9007199254740992"},
        {"c340000000000000", "-9007199254740992"},
        {"4430000000000000", "295147905179352830000"},
        {"44b52d02c7e14af5", "9.999999999999997e+22"},
        {"44b52d02c7e14af6", "1e+23"},
        {"44b52d02c7e14af7", "1.0000000000000001e+23"},
        {"444b1ae4d6e2ef4e", "999999999999999700000"},
        {"444b1ae4d6e2ef4f", "999999999999999900000"},
        {"444b1ae4d6e2ef50", "1e+21"},
        {"3eb0c6f7a0b5ed8c", "9.999999999999997e-7"},
        {"3eb0c6f7a0b5ed8d", "0.000001"},
        {"41b3de4355555553", "333333333.3333332"},
        {"41b3de4355555554", "333333333.33333325"},
        {"41b3de4355555555", "333333333.3333333"},
        {"41b3de4355555556", "333333333.3333334"},
        {"41b3de4355555557", "333333333.33333343"},
        {"becbf647612f3696", "-0.0000033333333333333333"},
        {"43143ff3c1cb0959", "1424953923781206.2"},
    };

    /** Appendix B rows with no JSON representation (NaN, Infinity). */
    private static final String[] APPENDIX_B_INVALID = {"7fffffffffffffff", "7ff0000000000000", "fff0000000000000"};

    /** Sample lines of the RFC's es6testfile (json-canonicalization testdata/README.md). */
    private static final String[][] ES6_SAMPLES = {
        {"4340000000000001", "9007199254740994"},
        {"4340000000000002", "9007199254740996"},
        {"444b1ae4d6e2ef50", "1e+21"},
        {"3eb0c6f7a0b5ed8d", "0.000001"},
        {"3eb0c6f7a0b5ed8c", "9.999999999999997e-7"},
    };

    private static double bits(String hex) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    }

    @Test
    void appendixBNumbers() {
        List<String> failures = new ArrayList<>();
        for (String[][] table : new String[][][] {APPENDIX_B, ES6_SAMPLES}) {
            for (String[] row : table) {
                double d = bits(row[0]);
                String got = Rfc8785.serialiseNumber(d);
                if (!got.equals(row[1])) {
                    failures.add(row[0] + ": got " + got + ", want " + row[1]);
                }
                // The same through the document canonicaliser, from Java's own shortest-or-not text.
                try {
                    String doc = Rfc8785.canonicalise("[" + new BigDecimal(d).toString() + "]");
                    if (!doc.equals("[" + row[1] + "]")) {
                        failures.add(row[0] + " (document): got " + doc);
                    }
                } catch (JsonException e) {
                    failures.add(row[0] + " (document): " + e.getMessage());
                }
            }
        }
        assertThat(failures).as("Appendix B failures by IEEE-754 bits").isEmpty();
    }

    @Test
    void appendixBNaNAndInfinityHaveNoRepresentation() {
        for (String hex : APPENDIX_B_INVALID) {
            assertThatThrownBy(() -> Rfc8785.serialiseNumber(bits(hex)))
                    .as(hex).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Rfc8785.canonicalise("[1e400]"))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("overflows");
    }

    /** RFC 8785 §3.2.2 input, §3.2.4 output. */
    private static final String SECTION_3_2_2_INPUT = "{\n"
            + "  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
            + "              2e-3, 0.000000000000000000000000001],\n"
            + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
            + "  \"literals\": [null, true, false]\n"
            + "}";
    private static final String SECTION_3_2_2_OUTPUT =
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                    + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
    private static final String SECTION_3_2_4_HEX = ""
            + "7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72"
            + "75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a"
            + "5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31"
            + "65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37"
            + "5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30"
            + "30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d";

    @Test
    void section322ExampleAndItsSection324Utf8Bytes() throws Exception {
        String canonical = Rfc8785.canonicalise(SECTION_3_2_2_INPUT);
        assertThat(canonical).isEqualTo(SECTION_3_2_2_OUTPUT);
        assertThat(Hex.encode(canonical.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SECTION_3_2_4_HEX.replace(" ", ""));
        // Canonical output is a fixed point.
        assertThat(Rfc8785.canonicalise(canonical)).isEqualTo(canonical);
    }

    @Test
    void section323SortingByUtf16CodeUnits() throws Exception {
        String input = "{\n"
                + "  \"\\u20ac\": \"Euro Sign\",\n"
                + "  \"\\r\": \"Carriage Return\",\n"
                + "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
                + "  \"1\": \"One\",\n"
                + "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n"
                + "  \"\\u0080\": \"Control\",\n"
                + "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n"
                + "}";
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertThat(Rfc8785.canonicalise(input)).isEqualTo(expected);

        // The integer-only model sorts identically.
        JsonValue parsed = JsonParser.parse(input.getBytes(StandardCharsets.UTF_8));
        assertThat(CanonicalJson.encodeToString(parsed)).isEqualTo(expected);
        assertThat(((JsonObject) parsed).names()).containsExactly(
                "\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33");
    }

    @Test
    void refusesWhatIJsonForbids() {
        String[][] cases = {
            {"duplicate-name", "{\"a\":1,\"a\":2}"},
            {"lone-high-escape", "[\"\\ud800\"]"},
            {"lone-low-escape", "[\"\\udc00\"]"},
            {"lone-raw-surrogate", "[\"\ud800\"]"},
            {"trailing-comma", "[1,]"},
            {"leading-zero", "[01]"},
            {"bare-fraction", "[.5]"},
            {"nan", "[NaN]"},
            {"deep", "[".repeat(65) + "]".repeat(65)},
        };
        List<String> failures = new ArrayList<>();
        for (String[] c : cases) {
            try {
                failures.add(c[0] + ": accepted as " + Rfc8785.canonicalise(c[1]));
            } catch (MalformedJsonException expected) {
                // refused, as required
            } catch (Exception e) {
                failures.add(c[0] + ": " + e);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void shortestRoundTripOnRandomDoubles() {
        Random random = new Random(8785);
        boolean jdkIsShortest = Runtime.version().feature() >= 19;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 5_000 && failures.size() < 20; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String s = Rfc8785.serialiseNumber(d);
            if (Double.parseDouble(s) != d && d != 0) {
                failures.add(Long.toHexString(Double.doubleToRawLongBits(d)) + " -> " + s + " does not round-trip");
                continue;
            }
            // JDK 19+ Double.toString is shortest, closest, ties-to-even (for 2+ digits): same digits.
            if (jdkIsShortest) {
                String ours = digitsOf(new BigDecimal(s));
                String jdk = digitsOf(new BigDecimal(Double.toString(d)));
                if (ours.length() >= 2 && !ours.equals(jdk)) {
                    failures.add(Long.toHexString(Double.doubleToRawLongBits(d)) + ": " + s + " vs JDK " + Double.toString(d));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void shortestDigitsAgreeWithJdk19OrLater() {
        String reason = "SKIPPED: JDK " + Runtime.version().feature()
                + " Double.toString is not shortest-round-trip; cross-check needs JDK 19+";
        if (Runtime.version().feature() < 19) {
            System.err.println(reason);
        }
        assumeTrue(Runtime.version().feature() >= 19, reason);
        // Powers of two, where the rounding interval is asymmetric, and their neighbours.
        List<String> failures = new ArrayList<>();
        for (int e = -1074; e <= 1023; e++) {
            double p = Math.scalb(1.0, e);
            for (double d : new double[] {p, Math.nextUp(p), Math.nextDown(p)}) {
                String ours = digitsOf(new BigDecimal(Rfc8785.serialiseNumber(d)));
                String jdk = digitsOf(new BigDecimal(Double.toString(d)));
                if (ours.length() >= 2 && !ours.equals(jdk)) {
                    failures.add(d + ": " + Rfc8785.serialiseNumber(d) + " vs " + Double.toString(d));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static String digitsOf(BigDecimal d) {
        return d.stripTrailingZeros().unscaledValue().abs().toString();
    }

    @Test
    void integerModelAgreesWithGeneralCanonicaliser() throws Exception {
        for (long seed = 0; seed < 300; seed++) {
            RandomJson gen = new RandomJson(seed);
            JsonValue v = gen.value(3);
            String canonical = CanonicalJson.encodeToString(v);
            String noisy = new String(gen.nonCanonical(v), StandardCharsets.UTF_8);
            assertThat(Rfc8785.canonicalise(noisy)).as("seed %d: %s", seed, noisy).isEqualTo(canonical);
        }
    }
}
