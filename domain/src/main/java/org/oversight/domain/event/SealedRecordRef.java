package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.json.JsonObject;

/**
 * The {@code sealed} member of a schema-2 {@code FaceDetected} (docs/format.md §4.7, §12): what
 * binds the leaf to its sealed biometric record without revealing it.
 *
 * @param blobDigest SHA-256 of the canonical sealed blob (§12.4), the vault's content address
 * @param commitment the record commitment (§12.2): hiding (the record holds a random nonce) and binding
 * @param epoch the erasure epoch the record is sealed to
 */
public record SealedRecordRef(Sha256Digest blobDigest, Sha256Digest commitment, String epoch) {
    private static final Set<String> FIELDS = Set.of("blobDigest", "commitment", "epoch");

    public SealedRecordRef {
        Values.present("$.blobDigest", blobDigest);
        Values.present("$.commitment", commitment);
        String e = epoch;
        Values.unchecked(() -> Values.identifier("$.epoch", e));
    }

    /**
     * Reads and validates a {@code sealed} object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static SealedRecordRef fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        Sha256Digest blob = Fields.digest(o, "blobDigest");
        Sha256Digest commitment = Fields.digest(o, "commitment");
        String epoch = Fields.identifier(o, "epoch");
        return new SealedRecordRef(blob, commitment, epoch);
    }

    /** The object as JSON. */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("blobDigest", blobDigest.hex())
                .put("commitment", commitment.hex())
                .put("epoch", epoch)
                .build();
    }
}
