package org.oversight.recognition.projection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.EventHash;

/**
 * Match ids derived from a decision's inputs (docs/format.md §9.8), so the engine and a verifier
 * name the same decision the same way:
 *
 * <pre>
 * match id = "m-" || first 16 hex digits of SHA-256( "oversight/match-id/v1" || 0x00
 *            || detection event hash (32 bytes) || uint64_be(detection leaf index) || UTF-8(entry id) )
 * </pre>
 *
 * The entry id is last and the other fields have fixed lengths, so the encoding is injective. 64
 * bits make an accidental collision within one log negligible; a collision would be rejected by
 * the match stream's chain rule (a second seq-0 event), never silently merged.
 */
public final class MatchIds {
    /** Domain-separation label. */
    public static final String LABEL = "oversight/match-id/v1";
    /** Prefix of every derived id. */
    public static final String PREFIX = "m-";

    private MatchIds() {}

    /**
     * The match id of the decision on detection {@code detection} at {@code leafIndex} against
     * {@code entry}.
     *
     * @throws IllegalArgumentException if {@code leafIndex} is negative
     */
    public static String derive(EventHash detection, long leafIndex, String entry) {
        if (leafIndex < 0) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " < 0");
        }
        return PREFIX + Sha256Digest.hash(input(detection, leafIndex, entry)).hex().substring(0, 16);
    }

    /** The hashed bytes, exposed for the documentation example. */
    static byte[] input(EventHash detection, long leafIndex, String entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(LABEL.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        out.writeBytes(detection.toByteArray());
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(leafIndex).array());
        out.writeBytes(entry.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
