package org.oversight.domain.event;

/**
 * A stream name {@code <kind>/<id>} (docs/format.md §5.1). The id is an identifier (1–128
 * characters of {@code [A-Za-z0-9._:-]}); the policy stream is exactly {@code policy/recognition}.
 * Ordered by wire form, so maps keyed by stream iterate deterministically.
 */
public record StreamId(StreamKind kind, String id) implements Comparable<StreamId> {
    /** The id of the only policy stream in v1. */
    public static final String RECOGNITION_POLICY_ID = "recognition";

    /** The recognition policy stream {@code policy/recognition}. */
    public static final StreamId RECOGNITION_POLICY = new StreamId(StreamKind.POLICY, RECOGNITION_POLICY_ID);

    /**
     * @throws IllegalArgumentException if {@code id} is not an identifier, or if {@code kind} is
     *     POLICY and {@code id} is not {@code recognition}
     */
    public StreamId {
        if (!Values.isIdentifier(id)) {
            throw new IllegalArgumentException("stream id \"" + id + "\" is not 1-128 chars of [A-Za-z0-9._:-]");
        }
        if (kind == StreamKind.POLICY && !RECOGNITION_POLICY_ID.equals(id)) {
            throw new IllegalArgumentException("policy stream id \"" + id + "\" != \"recognition\"");
        }
    }

    /** {@code principal/<id>}. */
    public static StreamId principal(String principalId) {
        return new StreamId(StreamKind.PRINCIPAL, principalId);
    }

    /** {@code camera/<id>}. */
    public static StreamId camera(String cameraId) {
        return new StreamId(StreamKind.CAMERA, cameraId);
    }

    /** {@code detections/<cameraId>}. */
    public static StreamId detections(String cameraId) {
        return new StreamId(StreamKind.DETECTIONS, cameraId);
    }

    /** {@code watchlist/<entryId>}. */
    public static StreamId watchlist(String entryId) {
        return new StreamId(StreamKind.WATCHLIST, entryId);
    }

    /** {@code match/<matchId>}. */
    public static StreamId match(String matchId) {
        return new StreamId(StreamKind.MATCH, matchId);
    }

    /** {@code epoch/<id>}. */
    public static StreamId epoch(String epochId) {
        return new StreamId(StreamKind.EPOCH, epochId);
    }

    /** {@code disclosure/<id>}. */
    public static StreamId disclosure(String disclosureId) {
        return new StreamId(StreamKind.DISCLOSURE, disclosureId);
    }

    /** {@code search/<id>}. */
    public static StreamId search(String searchId) {
        return new StreamId(StreamKind.SEARCH, searchId);
    }

    /**
     * Parses {@code <kind>/<id>}.
     *
     * @param path JSON path used in the error message
     * @throws InvalidEventException if the kind is unknown or the id invalid
     */
    public static StreamId parse(String path, String text) throws InvalidEventException {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new InvalidEventException(path, text, "stream name has no '/'");
        }
        StreamKind kind = StreamKind.fromWireName(text.substring(0, slash));
        if (kind == null) {
            throw new InvalidEventException(path, text, "unknown stream kind");
        }
        String id = text.substring(slash + 1);
        if (!Values.isIdentifier(id)) {
            throw new InvalidEventException(path, text, "stream id is not 1-128 chars of [A-Za-z0-9._:-]");
        }
        if (kind == StreamKind.POLICY && !RECOGNITION_POLICY_ID.equals(id)) {
            throw new InvalidEventException(path, text, "the only policy stream is policy/recognition");
        }
        return new StreamId(kind, id);
    }

    /** The wire form {@code <kind>/<id>}. */
    public String text() {
        return kind.wireName() + "/" + id;
    }

    @Override
    public int compareTo(StreamId o) {
        // Same result as text().compareTo(o.text()), without building either string: streams are
        // compared on every map lookup of the replay.
        String kindName = kind.wireName();
        String otherKindName = o.kind.wireName();
        if (kindName.equals(otherKindName)) {
            return id.compareTo(o.id);
        }
        int length = kindName.length() + 1 + id.length();
        int otherLength = otherKindName.length() + 1 + o.id.length();
        for (int i = 0, n = Math.min(length, otherLength); i < n; i++) {
            char c = charOfText(kindName, id, i);
            char d = charOfText(otherKindName, o.id, i);
            if (c != d) {
                return c - d;
            }
        }
        return length - otherLength;
    }

    private static char charOfText(String kindName, String id, int i) {
        if (i < kindName.length()) {
            return kindName.charAt(i);
        }
        return i == kindName.length() ? '/' : id.charAt(i - kindName.length() - 1);
    }

    @Override
    public String toString() {
        return text();
    }
}
