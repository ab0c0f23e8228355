package org.oversight.domain.event;

/** The kinds of stream (docs/format.md §5.1); the wire form is {@link #wireName()}. */
public enum StreamKind {
    /** {@code principal/<principalId>}: a principal's declaration, key enrolments and revocations. */
    PRINCIPAL("principal"),
    /** {@code policy/recognition}: the recognition policy history (the only policy stream in v1). */
    POLICY("policy"),
    /** {@code camera/<cameraId>}: a camera's registration and decommissioning. */
    CAMERA("camera"),
    /** {@code detections/<cameraId>}: the faces one camera detected, signed by its device key. */
    DETECTIONS("detections"),
    /** {@code watchlist/<entryId>}: one watchlist entry's authorisation and withdrawal. */
    WATCHLIST("watchlist"),
    /** {@code match/<matchId>}: one match case: proposal, reviews, action. */
    MATCH("match"),
    /** {@code epoch/<epochId>}: one erasure epoch: opened, closed, kept records destroyed (format.md §12). */
    EPOCH("epoch"),
    /** {@code disclosure/<disclosureId>}: one disclosure of sealed records (format.md §12). */
    DISCLOSURE("disclosure"),
    /** {@code search/<searchId>}: one retrospective search: requested, performed, authorised or destroyed (format.md §4.10). */
    SEARCH("search");

    private final String wireName;

    StreamKind(String wireName) {
        this.wireName = wireName;
    }

    /** The kind as written before the {@code /} in a stream name. */
    public String wireName() {
        return wireName;
    }

    /** The kind with this wire name, or null. */
    static StreamKind fromWireName(String name) {
        for (StreamKind k : values()) {
            if (k.wireName.equals(name)) {
                return k;
            }
        }
        return null;
    }
}
