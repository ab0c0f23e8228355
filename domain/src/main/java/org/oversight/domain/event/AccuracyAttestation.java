package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.json.JsonObject;

/**
 * A model's accuracy attestation as cited by a recognition policy (docs/format.md §4.4, rule R7):
 * the digest of the attestation document and its headline figure, the false positive
 * identification rate at a stated watchlist size.
 *
 * @param documentDigest SHA-256 of the attestation document (lowercase hex on the wire)
 * @param fpirPpm false positive identification rate in parts per million, 0–1,000,000
 * @param watchlistSize the watchlist size the rate was measured at, 1–2^31−1
 */
public record AccuracyAttestation(Sha256Digest documentDigest, long fpirPpm, long watchlistSize) {
    private static final Set<String> FIELDS = Set.of("documentDigest", "fpirPpm", "watchlistSize");

    public AccuracyAttestation {
        long f = fpirPpm;
        long w = watchlistSize;
        Values.present("$.documentDigest", documentDigest);
        Values.unchecked(() -> check("$", f, w));
    }

    /**
     * Reads and validates an attestation object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static AccuracyAttestation fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        Sha256Digest digest = Fields.digest(o, "documentDigest");
        long fpir = Fields.integer(o, "fpirPpm", 0, 1_000_000);
        long size = Fields.integer(o, "watchlistSize", 1, Integer.MAX_VALUE);
        return new AccuracyAttestation(digest, fpir, size);
    }

    private static void check(String at, long fpirPpm, long watchlistSize) throws InvalidEventException {
        Values.range(at + ".fpirPpm", fpirPpm, 0, 1_000_000);
        Values.range(at + ".watchlistSize", watchlistSize, 1, Integer.MAX_VALUE);
    }

    /** The attestation as a JSON object. */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("documentDigest", documentDigest.hex())
                .put("fpirPpm", fpirPpm)
                .put("watchlistSize", watchlistSize)
                .build();
    }
}
