package org.oversight.domain.event;

import org.oversight.domain.json.JsonObject;

/**
 * The members both schemas of {@code WatchlistEntryAuthorized} share (docs/format.md §4.6): entry,
 * subject, category, authorisation reference, authorising officer and validity window. Read, checked
 * and written here once for {@link WatchlistEntryAuthorized} (schema 1) and
 * {@link SealedWatchlistEntryAuthorized} (schema 2); each schema adds its own members around them.
 */
record EntryFields(String entry, String subject, String category, String authorisationRef, String authorisedBy,
        Timestamp validFrom, Timestamp validUntil) {

    /**
     * Reads the shared members of a payload object, in this order (the first missing or mistyped one
     * is reported); their values are checked by {@link #check}.
     *
     * @throws InvalidEventException naming the path and value of the first missing or mistyped member
     */
    static EntryFields read(JsonObject o) throws InvalidEventException {
        return new EntryFields(Fields.string(o, "entry"), Fields.string(o, "subject"), Fields.string(o, "category"),
                Fields.string(o, "authorisationRef"), Fields.string(o, "authorisedBy"),
                Fields.timestamp(o, "validFrom"), Fields.timestamp(o, "validUntil"));
    }

    /**
     * Checks the shared members' values.
     *
     * @param at the payload's path ({@code $} or the object's)
     * @throws InvalidEventException naming the path and value of the first invalid member
     */
    void check(String at) throws InvalidEventException {
        Values.identifier(at + ".entry", entry);
        Values.identifier(at + ".subject", subject);
        Values.token(at + ".category", category);
        Values.text(at + ".authorisationRef", authorisationRef, 256);
        Values.identifier(at + ".authorisedBy", authorisedBy);
        if (validUntil.compareTo(validFrom) <= 0) {
            throw new InvalidEventException(at + ".validUntil", validUntil.text(), "not after validFrom "
                    + validFrom.text());
        }
    }

    /** Writes the shared members into {@code b}. */
    JsonObject.Builder putInto(JsonObject.Builder b) {
        return b.put("entry", entry)
                .put("subject", subject)
                .put("category", category)
                .put("authorisationRef", authorisationRef)
                .put("authorisedBy", authorisedBy)
                .put("validFrom", validFrom.text())
                .put("validUntil", validUntil.text());
    }
}
