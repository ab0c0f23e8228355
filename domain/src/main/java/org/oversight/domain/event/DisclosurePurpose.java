package org.oversight.domain.event;

/** Why sealed records are disclosed (docs/format.md §4.9); which role may disclose for which is a rule. */
public enum DisclosurePurpose {
    /** A reviewer views the records to review a match. */
    REVIEW("review"),
    /** An evidence bundle carries them to a court. */
    EVIDENCE_BUNDLE("evidence-bundle"),
    /** An auditor's vault export. */
    AUDIT("audit");

    private final String wireName;

    DisclosurePurpose(String wireName) {
        this.wireName = wireName;
    }

    /** The purpose as written in JSON. */
    public String wireName() {
        return wireName;
    }

    /**
     * The purpose with this wire name.
     *
     * @throws InvalidEventException naming {@code path} if there is none
     */
    public static DisclosurePurpose fromWireName(String path, String name) throws InvalidEventException {
        for (DisclosurePurpose p : values()) {
            if (p.wireName.equals(name)) {
                return p;
            }
        }
        throw new InvalidEventException(path, name, "not one of review, evidence-bundle, audit");
    }
}
