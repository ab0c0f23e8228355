package org.oversight.domain.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonObject;

/**
 * Authorises a watchlist entry for a time window, schema 1 (docs/format.md §4.6, rule R3): the
 * templates are in the leaf. Schema 2 ({@link SealedWatchlistEntryAuthorized}) seals them. Stream
 * {@code watchlist/<entry>}, seq 0 only. Signed by an officer.
 *
 * @param entry the entry's id (equals the stream id)
 * @param subject pseudonymous subject id (an identifier; never a name)
 * @param category the watchlist category, a token (e.g. {@code wanted}, {@code missing-person})
 * @param authorisationRef reference of the authorisation (warrant, order), 1–256 code points
 * @param authorisedBy principal id of the authorising officer
 * @param validFrom first instant the entry may match
 * @param validUntil instant from which it may no longer match; after {@code validFrom}
 * @param templates the subject's templates, 1–16
 * @param sourceImageDigest SHA-256 of the source image the templates were derived from
 */
public record WatchlistEntryAuthorized(
        String entry,
        String subject,
        String category,
        String authorisationRef,
        String authorisedBy,
        Timestamp validFrom,
        Timestamp validUntil,
        List<Template> templates,
        Sha256Digest sourceImageDigest)
        implements WatchlistEntry {

    private static final Set<String> FIELDS = Set.of("entry", "subject", "category", "authorisationRef",
            "authorisedBy", "validFrom", "validUntil", "templates", "sourceImageDigest");

    public WatchlistEntryAuthorized {
        templates = List.copyOf(Values.present("$.templates", templates));
        EntryFields shared = new EntryFields(entry, subject, category, authorisationRef, authorisedBy,
                Values.present("$.validFrom", validFrom), Values.present("$.validUntil", validUntil));
        int n = templates.size();
        Values.present("$.sourceImageDigest", sourceImageDigest);
        Values.unchecked(() -> check("$", shared, n));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static WatchlistEntryAuthorized fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        EntryFields shared = EntryFields.read(o);
        JsonArray array = Fields.array(o, "templates", 1, MAX_TEMPLATES);
        check(o.path(), shared, array.size());
        List<Template> templates = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            templates.add(Template.fromJson(Fields.objectAt(array, i)));
        }
        Sha256Digest source = Fields.digest(o, "sourceImageDigest");
        return new WatchlistEntryAuthorized(shared.entry(), shared.subject(), shared.category(),
                shared.authorisationRef(), shared.authorisedBy(), shared.validFrom(), shared.validUntil(), templates,
                source);
    }

    private static void check(String at, EntryFields shared, int templateCount) throws InvalidEventException {
        shared.check(at);
        Values.range(at + ".templates.length", templateCount, 1, MAX_TEMPLATES);
    }

    private EntryFields shared() {
        return new EntryFields(entry, subject, category, authorisationRef, authorisedBy, validFrom, validUntil);
    }

    @Override
    public int templateCount() {
        return templates.size();
    }

    @Override
    public JsonObject toJson() {
        JsonArray.Builder array = JsonArray.builder();
        for (Template t : templates) {
            array.add(t.toJson());
        }
        return shared().putInto(JsonObject.builder())
                .put("templates", array.build())
                .put("sourceImageDigest", sourceImageDigest.hex())
                .build();
    }
}
