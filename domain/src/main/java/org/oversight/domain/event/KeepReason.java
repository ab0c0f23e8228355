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
    RETROSPECTIVE_SEARCH("retrospective-search");

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
        throw new InvalidEventException(path, name, "not one of match, retrospective-search");
    }
}
