package org.oversight.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.oversight.domain.testing.Unchecked;
import org.quicktheories.core.Gen;

/** Timestamps and stream names: one text per value, and their parsers throw only their declared exception. */
class ValueFormsPropertiesTest {

    /** 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z: every instant with a 24-character text. */
    private static final long MIN_MILLIS = -62135596800000L;
    private static final long MAX_MILLIS = 253402300799999L;

    @Test
    void timestampTextRoundTrips() {
        qt().withExamples(500).withFixedSeed(0x7a1f_0001L).forAll(longs().between(MIN_MILLIS, MAX_MILLIS))
                .checkAssert(millis -> Unchecked.run(() -> timestampTextRoundTrips(millis)));
    }

    private static void timestampTextRoundTrips(long millis) throws InvalidEventException {
        Timestamp t = Timestamp.ofEpochMillis(millis);
        assertThat(t.text()).hasSize(24);
        assertThat(Timestamp.parse("$", t.text())).isEqualTo(t);
    }

    @Test
    void timestampParserThrowsOnlyItsException() {
        qt().withExamples(500).withFixedSeed(0x7a1f_0002L).forAll(timestampish()).checkAssert(text -> {
            try {
                Timestamp t = Timestamp.parse("$.t", text);
                assertThat(t.text()).isEqualTo(text);
            } catch (InvalidEventException e) {
                assertThat(e.path()).isEqualTo("$.t");
            }
        });
    }

    @Test
    void timestampParserAgreesWithTheFormatterDefinition() {
        // Digits anywhere in range, so months 13, day 31 of April, 29 February of non-leap years,
        // hour 24, second 60 and year 0000 all occur; plus free-form near misses.
        Gen<String> shaped = stringsOf("0123456789", 17, 17).zip(arbitrary().pick("0000", "1900", "2000", "2023", "2024",
                "9999", "0001"), (d, year) -> (d.charAt(16) < '5' ? year : d.substring(13, 17)) + "-" + d.substring(0, 2)
                + "-" + d.substring(2, 4) + "T" + d.substring(4, 6) + ":" + d.substring(6, 8) + ":" + d.substring(8, 10)
                + "." + d.substring(10, 13) + "Z");
        Gen<String> lowMonths = shaped.map(t -> t.substring(0, 5) + (char) ('0' + (t.charAt(6) % 2)) + t.substring(6, 8)
                + (char) ('0' + (t.charAt(9) % 4)) + t.substring(9, 11) + (char) ('0' + (t.charAt(12) % 3)) + t.substring(12));
        qt().withExamples(20000).withFixedSeed(0x7a1f_0006L)
                .forAll(arbitrary().pick(0, 1, 2).zip(shaped, lowMonths, timestampish(), (k, a, b, c) -> k == 0 ? a : k == 1 ? b : c))
                .checkAssert(text -> assertThat(outcome(text)).as(text).isEqualTo(definition(text)));
    }

    private static String outcome(String text) {
        try {
            return "ok " + Timestamp.parse("$", text).epochMillis();
        } catch (InvalidEventException e) {
            return "invalid: " + e.getMessage();
        }
    }

    /** The parser's definition: the shape by regex, the calendar by the JDK's strict formatter. */
    private static String definition(String text) {
        if (!text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z")) {
            return invalid(text, "not a timestamp of the form YYYY-MM-DDTHH:MM:SS.sssZ");
        }
        try {
            long millis = java.time.LocalDateTime.parse(text, java.time.format.DateTimeFormatter
                    .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withResolverStyle(java.time.format.ResolverStyle.STRICT))
                    .toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
            return millis < MIN_MILLIS ? invalid(text, "year 0000 is not allowed") : "ok " + millis;
        } catch (java.time.DateTimeException e) {
            return invalid(text, "not a valid calendar date and time");
        }
    }

    private static String invalid(String text, String problem) {
        return "invalid: " + new InvalidEventException("$", text, problem).getMessage();
    }

    static Gen<String> timestampish() {
        return stringsOf("0123456789-:.TZ+ t", 20, 26);
    }

    @Test
    void streamParserThrowsOnlyItsExceptionAndRoundTrips() {
        qt().withExamples(500).withFixedSeed(0x7a1f_0003L).forAll(streamish()).checkAssert(text -> {
            try {
                StreamId s = StreamId.parse("$.s", text);
                assertThat(s.text()).isEqualTo(text);
                assertThat(new StreamId(s.kind(), s.id())).isEqualTo(s);
            } catch (InvalidEventException e) {
                assertThat(e.path()).isEqualTo("$.s");
            }
        });
    }

    @Test
    void identifierCheckAgreesWithItsPattern() {
        qt().withExamples(1000).withFixedSeed(0x7a1f_0004L).forAll(stringsOf("aZ09._:-/@ é\u0660", 0, 130))
                .checkAssert(s -> assertThat(Values.isIdentifier(s))
                        .as("isIdentifier(\"%s\")", s)
                        .isEqualTo(Values.IDENTIFIER.matcher(s).matches()));
        assertThat(Values.isIdentifier("a".repeat(128))).isTrue();
        assertThat(Values.isIdentifier("a".repeat(129))).isFalse();
    }

    @Test
    void modelIdCheckAgreesWithItsPattern() {
        qt().withExamples(1000).withFixedSeed(0x7a1f_0006L).forAll(stringsOf("aZ09._:-/@+ é\u0660\\", 0, 130))
                .checkAssert(s -> assertThat(Values.isModelId(s))
                        .as("isModelId(\"%s\")", s)
                        .isEqualTo(Values.MODEL_ID.matcher(s).matches()));
        assertThat(Values.isModelId("face-api/face_recognition_model@1.7.15")).isTrue();
        assertThat(Values.isModelId("a".repeat(128))).isTrue();
        assertThat(Values.isModelId("a".repeat(129))).isFalse();
        assertThat(Values.isModelId("")).isFalse();
    }

    @Test
    void streamOrderIsTheOrderOfTheirTexts() {
        qt().withExamples(1000).withFixedSeed(0x7a1f_0005L)
                .forAll(arbitrary().enumValues(StreamKind.class), stringsOf("aA0.:-_z", 1, 6),
                        arbitrary().enumValues(StreamKind.class), stringsOf("aA0.:-_z", 1, 6))
                .assuming((k, i, l, j) -> (k != StreamKind.POLICY || i.equals("recognition"))
                        && (l != StreamKind.POLICY || j.equals("recognition")))
                .checkAssert((k, i, l, j) -> {
                    StreamId a = new StreamId(k, i);
                    StreamId b = new StreamId(l, j);
                    assertThat(Integer.signum(a.compareTo(b))).as("%s vs %s", a, b)
                            .isEqualTo(Integer.signum(a.text().compareTo(b.text())));
                });
    }

    static Gen<String> streamish() {
        Gen<String> kinds = arbitrary().pick("principal", "policy", "camera", "detections", "watchlist", "match",
                "cameras", "", "Match");
        Gen<String> ids = stringsOf("abAZ09._:-/ é", 0, 12);
        return kinds.zip(ids, arbitrary().pick("/", "", "//"), (k, i, sep) -> k + sep + i);
    }

    /** Strings of {@code min..max} characters, each drawn uniformly from {@code alphabet}. */
    static Gen<String> stringsOf(String alphabet, int min, int max) {
        List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
        return lists().of(arbitrary().pick(chars)).ofSizeBetween(min, max)
                .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
    }
}
