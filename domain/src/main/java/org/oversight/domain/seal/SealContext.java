package org.oversight.domain.seal;

import java.nio.charset.StandardCharsets;
import org.oversight.domain.event.StreamId;

/**
 * The context strings that bind a sealed record to its detection (docs/format.md §12.3): the
 * record AEAD's aad and each recipient's HPKE info. Both are ASCII (identifiers, stream names and
 * decimal numbers only).
 */
final class SealContext {
    static final String AEAD_LABEL = "oversight/record-aead/v1\n";
    static final String KEY_LABEL = "oversight/record-key/v1\n";
    /** The record AEAD's nonce: 12 zero bytes; safe because every data key encrypts exactly one record. */
    static final byte[] AEAD_NONCE = new byte[12];

    private SealContext() {}

    /** {@code "oversight/record-aead/v1\n" || epoch || "\n" || stream || "\n" || decimal seq}. */
    static byte[] aead(String epoch, StreamId stream, long seq) {
        return (AEAD_LABEL + epoch + "\n" + stream.text() + "\n" + seq).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code "oversight/record-key/v1\n" || epoch || "\n" || stream || "\n" || decimal seq || "\n" || recipient}. */
    static byte[] info(String epoch, StreamId stream, long seq, String recipient) {
        return (KEY_LABEL + epoch + "\n" + stream.text() + "\n" + seq + "\n" + recipient)
                .getBytes(StandardCharsets.US_ASCII);
    }
}
