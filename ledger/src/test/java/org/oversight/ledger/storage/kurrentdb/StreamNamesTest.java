package org.oversight.ledger.storage.kurrentdb;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamNamesTest {

    @Test
    void escapesEverythingButLettersDigitsDotUnderscoreAndHyphen() {
        assertThat(StreamNames.aggregateStream("camera-7.a_B")).isEqualTo("agg-camera-7.a_B");
        assertThat(StreamNames.aggregateStream("camera/7 ü%$")).isEqualTo("agg-camera%2F7%20%C3%BC%25%24");
        assertThat(StreamNames.snapshotStream("$all")).isEqualTo("snapshot-%24all");
        assertThat(StreamNames.isAggregateStream("agg-x")).isTrue();
        assertThat(StreamNames.isAggregateStream("$settings")).isFalse();
    }

    @Test
    void rejectsAnEmptyIdentifierAndNonCanonicalEscapes() {
        assertThatThrownBy(() -> StreamNames.escape("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aggregate identifier is empty");
        assertThatThrownBy(() -> StreamNames.unescape("%2f")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("non-canonical escape at offset 0 in %2f");
        assertThatThrownBy(() -> StreamNames.unescape("%41")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamNames.unescape("a/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("character '/' at offset 1 must be escaped");
        assertThatThrownBy(() -> StreamNames.unescape("%2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("truncated escape at offset 0 in %2");
    }

    @Property(tries = 300)
    void escapingRoundTripsAndNeverStartsWithDollar(@ForAll @StringLength(min = 1, max = 40) String id) {
        String escaped = StreamNames.escape(id);
        assertThat(escaped).doesNotStartWith("$").matches("[A-Za-z0-9._%-]+");
        // Lone surrogates are not encodable in UTF-8; Java replaces them with '?' on encoding.
        if (id.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
            assertThat(StreamNames.unescape(escaped)).isEqualTo(id);
        }
    }

    @Property(tries = 300)
    void unescapeRejectsOrRoundTripsArbitraryText(@ForAll @StringLength(max = 20) String text) {
        try {
            String id = StreamNames.unescape(text);
            assertThat(StreamNames.escape(id)).isEqualTo(text);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
