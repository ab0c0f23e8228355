package org.oversight.ledger.storage.kurrentdb;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

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

    @Test
    void escapingRoundTripsAndNeverStartsWithDollar() {
        qt().withExamples(300).withFixedSeed(20261127L)
                .forAll(strings().allPossible().ofLengthBetween(1, 40))
                .checkAssert(id -> {
                    String escaped = StreamNames.escape(id);
                    assertThat(escaped).doesNotStartWith("$").matches("[A-Za-z0-9._%-]+");
                    // Lone surrogates are not encodable in UTF-8; Java replaces them with '?' on encoding.
                    if (id.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
                        assertThat(StreamNames.unescape(escaped)).isEqualTo(id);
                    }
                });
    }

    @Test
    void unescapeRejectsOrRoundTripsArbitraryText() {
        // Basic Latin covers '%', hex digits in both cases, '$', '/' and the plain characters, so
        // both the accepting and every rejecting path are reached.
        qt().withExamples(300).withFixedSeed(20261128L)
                .forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 20))
                .checkAssert(text -> {
                    try {
                        String id = StreamNames.unescape(text);
                        assertThat(StreamNames.escape(id)).isEqualTo(text);
                    } catch (IllegalArgumentException expected) {
                        assertThat(expected.getMessage()).isNotBlank();
                    }
                });
    }
}
