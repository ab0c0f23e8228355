package org.oversight.domain.event;

/** Why an epoch's close keeps a record (docs/format.md §4.10; rule R5(d)). */
public enum KeepReason {
    /** A {@code MatchProposed} before the close names the detection. */
    MATCH("match"),
    /** An authorised retrospective search found it (reserved for rule R4). */
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
