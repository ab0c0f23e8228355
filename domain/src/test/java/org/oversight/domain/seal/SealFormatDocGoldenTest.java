package org.oversight.domain.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.testing.FormatDoc;

/**
 * Recomputes every golden block of docs/format.md §12 (sealed records) from the code, with every
 * HPKE and AEAD value cross-checked against an independent implementation, and fails on any
 * difference. Refresh with {@code -Doversight.golden.update=true} after a deliberate change.
 */
class SealFormatDocGoldenTest {
    @Test
    void section12GoldenExamplesMatchTheCode() throws Exception {
        List<String> failures = FormatDoc.check("12", null, SealFormatGoldens.blocks());
        assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    }

    @Test
    void theDocumentedBlobOpensToTheDocumentedRecordForBothRecipients() throws Exception {
        byte[] blob = SealFormatGoldens.sealed().blob().canonicalBytes();
        assertThat(RecordOpener.open(blob, SealFormatGoldens.leaf(), SealFixtures.STREAM, SealFormatGoldens.SEQ, "vault",
                EventFixtures.x25519(EventFixtures.VAULT_X25519))).isEqualTo(SealFormatGoldens.record());
        assertThat(RecordOpener.open(blob, SealFormatGoldens.leaf(), SealFixtures.STREAM, SealFormatGoldens.SEQ,
                "witness-1", EventFixtures.x25519(EventFixtures.WITNESS_X25519))).isEqualTo(SealFormatGoldens.record());
    }
}
