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
        String e = entry;
        String s = subject;
        String c = category;
        String r = authorisationRef;
        String b = authorisedBy;
        Timestamp from = Values.present("$.validFrom", validFrom);
        Timestamp until = Values.present("$.validUntil", validUntil);
        int n = templates.size();
        Values.present("$.sourceImageDigest", sourceImageDigest);
        Values.unchecked(() -> check("$", e, s, c, r, b, from, until, n));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static WatchlistEntryAuthorized fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String entry = Fields.string(o, "entry");
        String subject = Fields.string(o, "subject");
        String category = Fields.string(o, "category");
        String ref = Fields.string(o, "authorisationRef");
        String by = Fields.string(o, "authorisedBy");
        Timestamp from = Fields.timestamp(o, "validFrom");
        Timestamp until = Fields.timestamp(o, "validUntil");
        JsonArray array = Fields.array(o, "templates", 1, MAX_TEMPLATES);
        check(o.path(), entry, subject, category, ref, by, from, until, array.size());
        List<Template> templates = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            templates.add(Template.fromJson(Fields.objectAt(array, i)));
        }
        Sha256Digest source = Fields.digest(o, "sourceImageDigest");
        return new WatchlistEntryAuthorized(entry, subject, category, ref, by, from, until, templates, source);
    }

    private static void check(String at, String entry, String subject, String category, String ref, String by,
            Timestamp from, Timestamp until, int templateCount) throws InvalidEventException {
        checkShared(at, entry, subject, category, ref, by, from, until);
        Values.range(at + ".templates.length", templateCount, 1, MAX_TEMPLATES);
    }

    /** The checks of the members both schemas share (schema 2 runs them too). */
    static void checkShared(String at, String entry, String subject, String category, String ref, String by,
            Timestamp from, Timestamp until) throws InvalidEventException {
        Values.identifier(at + ".entry", entry);
        Values.identifier(at + ".subject", subject);
        Values.token(at + ".category", category);
        Values.text(at + ".authorisationRef", ref, 256);
        Values.identifier(at + ".authorisedBy", by);
        if (until.compareTo(from) <= 0) {
            throw new InvalidEventException(at + ".validUntil", until.text(), "not after validFrom " + from.text());
        }
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
        return JsonObject.builder()
                .put("entry", entry)
                .put("subject", subject)
                .put("category", category)
                .put("authorisationRef", authorisationRef)
                .put("authorisedBy", authorisedBy)
                .put("validFrom", validFrom.text())
                .put("validUntil", validUntil.text())
                .put("templates", array.build())
                .put("sourceImageDigest", sourceImageDigest.hex())
                .build();
    }
}
