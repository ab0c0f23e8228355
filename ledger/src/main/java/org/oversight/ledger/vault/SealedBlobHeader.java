package org.oversight.ledger.vault;

import java.util.Set;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonObject;

/**
 * What the vault needs of a sealed blob to file it: its epoch, stream and seq. Interim reader until
 * the domain's {@code SealedBlob} parser is merged (then this delegates to it).
 */
record SealedBlobHeader(String epoch, String stream, long seq) {
    private static final Set<String> MEMBERS = Set.of("ciphertext", "epoch", "stream", "seq", "v", "wrappedKeys");

    /** @throws JsonException if {@code bytes} is not a canonical JSON sealed blob object */
    static SealedBlobHeader parse(byte[] bytes) throws JsonException {
        JsonObject blob = CanonicalJson.parseCanonicalObject(bytes);
        blob.requireOnly(MEMBERS);
        if (blob.requireLong("v") != 1) {
            throw new JsonException("$.v: unsupported sealed blob version " + blob.requireLong("v"));
        }
        blob.requireBase64("ciphertext");
        blob.requireArray("wrappedKeys");
        return new SealedBlobHeader(blob.requireString("epoch"), blob.requireString("stream"),
                blob.requireLong("seq", 0, (1L << 53) - 1));
    }
}
