package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.json.JsonObject;

/**
 * {@code WatchlistEntryAuthorized} schema 2 (docs/format.md §4.6, §12.7): authorises a watchlist
 * entry whose templates — with the aligned crops they were derived from — are in a sealed
 * enrolment record outside the log ({@code org.oversight.domain.seal.SealedEnrolmentRecord}). The
 * leaf names only the templates' model, format and count and {@code sealed}: the sealed blob's
 * digest, the commitment to the record and the erasure epoch it is sealed to. Stream
 * {@code watchlist/<entry>}, seq 0 only. Signed by an officer (rule R3). Accepted only if its
 * epoch was opened before it, is not closed, and covers its header time (rule R5(a), format.md §5.4;
 * {@code principal.PrincipalRegistry}).
 *
 * @param entry the entry's id (equals the stream id)
 * @param subject pseudonymous subject id
 * @param category the watchlist category, a token
 * @param authorisationRef reference of the authorisation, 1–256 code points
 * @param authorisedBy principal id of the authorising officer
 * @param validFrom first instant the entry may match
 * @param validUntil instant from which it may no longer match; after {@code validFrom}
 * @param sourceImageDigest SHA-256 of the source image the templates were derived from
 * @param modelId the model of every sealed template
 * @param templateFormat the format version of every sealed template, 1–65535
 * @param templateCount how many templates (and crops) the sealed record holds, 1–16
 * @param sealed the binding to the sealed enrolment record
 */
public record SealedWatchlistEntryAuthorized(
        String entry,
        String subject,
        String category,
        String authorisationRef,
        String authorisedBy,
        Timestamp validFrom,
        Timestamp validUntil,
        Sha256Digest sourceImageDigest,
        String modelId,
        int templateFormat,
        int templateCount,
        SealedRecordRef sealed)
        implements WatchlistEntry {
    private static final Set<String> FIELDS = Set.of("entry", "subject", "category", "authorisationRef",
            "authorisedBy", "validFrom", "validUntil", "sourceImageDigest", "modelId", "templateFormat",
            "templateCount", "sealed");

    public SealedWatchlistEntryAuthorized {
        EntryFields shared = new EntryFields(entry, subject, category, authorisationRef, authorisedBy,
                Values.present("$.validFrom", validFrom), Values.present("$.validUntil", validUntil));
        Values.present("$.sourceImageDigest", sourceImageDigest);
        Values.present("$.sealed", sealed);
        String m = modelId;
        int f = templateFormat;
        int n = templateCount;
        Values.unchecked(() -> check("$", shared, m, f, n));
    }

    /**
     * Reads and validates a schema-2 payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static SealedWatchlistEntryAuthorized fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        EntryFields shared = EntryFields.read(o);
        String modelId = Fields.string(o, "modelId");
        long format = Fields.integer(o, "templateFormat", 1, 65535);
        long count = Fields.integer(o, "templateCount", 1, MAX_TEMPLATES);
        check(o.path(), shared, modelId, (int) format, (int) count);
        Sha256Digest source = Fields.digest(o, "sourceImageDigest");
        SealedRecordRef sealed = SealedRecordRef.fromJson(Fields.object(o, "sealed"));
        return new SealedWatchlistEntryAuthorized(shared.entry(), shared.subject(), shared.category(),
                shared.authorisationRef(), shared.authorisedBy(), shared.validFrom(), shared.validUntil(), source,
                modelId, (int) format, (int) count, sealed);
    }

    private static void check(String at, EntryFields shared, String modelId, int format, int count)
            throws InvalidEventException {
        shared.check(at);
        Values.modelId(at + ".modelId", modelId);
        Values.range(at + ".templateFormat", format, 1, 65535);
        Values.range(at + ".templateCount", count, 1, MAX_TEMPLATES);
    }

    @Override
    public int schema() {
        return EventType.SCHEMA_V2;
    }

    @Override
    public JsonObject toJson() {
        return new EntryFields(entry, subject, category, authorisationRef, authorisedBy, validFrom, validUntil)
                .putInto(JsonObject.builder())
                .put("sourceImageDigest", sourceImageDigest.hex())
                .put("modelId", modelId)
                .put("templateFormat", templateFormat)
                .put("templateCount", templateCount)
                .put("sealed", sealed.toJson())
                .build();
    }
}
