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
