package org.oversight.domain.event;

/** Why an epoch's close keeps a record (docs/format.md §4.9; rules R5(d), R5(e)). */
public enum KeepReason {
    /** A {@code MatchProposed} before the close names the detection. */
    MATCH("match"),
    /**
     * A retrospective search found it (format.md §4.10): an accepted {@code RetrospectiveSearchPerformed}
     * before the close lists it as a hit, and that search was not destroyed before the close (rules
     * R4, R5(d)); the kept record's {@code caseRef} is the search's.
     */
    RETROSPECTIVE_SEARCH("retrospective-search"),
    /**
     * The kept record is a live schema-2 watchlist entry's sealed enrolment record (format.md
     * §4.9, §12.7): the entry was not withdrawn before the close and its {@code validUntil} is
     * after the close's time; the kept record's reference names the entry's leaf, its
     * {@code caseRef} is the entry's {@code authorisationRef} and its {@code retainUntil} the
     * entry's {@code validUntil} (rule R5(d)).
     */
    WATCHLIST_ENTRY("watchlist-entry");

    private final String wireName;

    KeepReason(String wireName) {
        this.wireName = wireName;
    }

    /** The reason as written in JSON. */
    public String wireName() {
        return wireName;
    }

    /**
     * The reason with this wire name.
     *
     * @throws InvalidEventException naming {@code path} if there is none
     */
    public static KeepReason fromWireName(String path, String name) throws InvalidEventException {
        for (KeepReason r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        throw new InvalidEventException(path, name, "not one of match, retrospective-search, watchlist-entry");
    }
}
