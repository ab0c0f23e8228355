package org.oversight.domain.event;

/** A reviewer's verdict on a proposed match (docs/format.md §4.8). */
public enum Verdict {
    /** The reviewer confirms the candidate is the person detected. */
    CONFIRM("confirm"),
    /** The reviewer rejects the match. */
    REJECT("reject"),
    /** The reviewer cannot tell. */
    INCONCLUSIVE("inconclusive");

    private final String wireName;

    Verdict(String wireName) {
        this.wireName = wireName;
    }

    /** The verdict as written in JSON. */
    public String wireName() {
        return wireName;
    }

    /**
     * The verdict with this wire name.
     *
     * @throws InvalidEventException naming {@code path} if there is none
     */
    public static Verdict fromWireName(String path, String name) throws InvalidEventException {
        for (Verdict v : values()) {
            if (v.wireName.equals(name)) {
                return v;
            }
        }
        throw new InvalidEventException(path, name, "not one of confirm, reject, inconclusive");
    }
}
