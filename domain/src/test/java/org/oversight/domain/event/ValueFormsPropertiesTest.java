package org.oversight.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Timestamps and stream names: one text per value, and their parsers throw only their declared exception. */
class ValueFormsPropertiesTest {

    @Property(tries = 500)
    void timestampTextRoundTrips(@ForAll @LongRange(min = -62135596800000L, max = 253402300799999L) long millis)
            throws InvalidEventException {
        Timestamp t = Timestamp.ofEpochMillis(millis);
        assertThat(t.text()).hasSize(24);
        assertThat(Timestamp.parse("$", t.text())).isEqualTo(t);
    }

    @Property(tries = 500)
    void timestampParserThrowsOnlyItsException(@ForAll("timestampish") String text) {
        try {
            Timestamp t = Timestamp.parse("$.t", text);
            assertThat(t.text()).isEqualTo(text);
        } catch (InvalidEventException e) {
            assertThat(e.path()).isEqualTo("$.t");
        }
    }

    @Provide
    Arbitrary<String> timestampish() {
        return Arbitraries.strings().withChars("0123456789-:.TZ+ t").ofMinLength(20).ofMaxLength(26);
    }

    @Property(tries = 500)
    void streamParserThrowsOnlyItsExceptionAndRoundTrips(@ForAll("streamish") String text) {
        try {
            StreamId s = StreamId.parse("$.s", text);
            assertThat(s.text()).isEqualTo(text);
            assertThat(new StreamId(s.kind(), s.id())).isEqualTo(s);
        } catch (InvalidEventException e) {
            assertThat(e.path()).isEqualTo("$.s");
        }
    }

    @Provide
    Arbitrary<String> streamish() {
        Arbitrary<String> kinds = Arbitraries.of("principal", "policy", "camera", "detections", "watchlist", "match",
                "cameras", "", "Match");
        Arbitrary<String> ids = Arbitraries.strings().withChars("abAZ09._:-/ é").ofMaxLength(12);
        return net.jqwik.api.Combinators.combine(kinds, ids, Arbitraries.of("/", "", "//")).as((k, i, sep) -> k + sep + i);
    }
}
