package org.oversight.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.testing.FormatDoc;

/**
 * Recomputes every golden block of docs/format.md §3–§5 (the events sections) from the code and
 * fails on any difference, on a golden block the code does not know, and on a computed example
 * missing from the document. Besides, the documented leaf bytes must parse, and the documented
 * signature must verify under the documented key.
 *
 * <p>To refresh the document after an intended format change, run with
 * {@code -Doversight.golden.update=true}: the blocks of §3–§5 are rewritten in place (then review
 * the diff).
 */
class EventFormatDocGoldenTest {
    @Test
    void sections3to5GoldenExamplesMatchTheCode() throws Exception {
        List<String> failures = FormatDoc.check("3", "6", EventFormatGoldens.blocks());
        assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    }

    @Test
    void documentedExampleEventsParseAndVerify() throws Exception {
        for (SignedEvent e : List.of(EventFormatGoldens.first(), EventFormatGoldens.second())) {
            SignedEvent parsed = SignedEvent.parse(e.leafBytes());
            EventVerifier.verify(parsed, EventFormatGoldens.officer().publicKey());
            assertThat(parsed.eventHash()).isEqualTo(e.eventHash());
        }
        assertThat(EventFormatGoldens.second().header().prev()).contains(EventFormatGoldens.first().eventHash());
    }
}
