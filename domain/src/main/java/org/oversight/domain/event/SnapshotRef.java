package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.json.JsonObject;

/**
 * The watchlist snapshot a match was computed against (docs/format.md §4.8): the root hash and
 * size of the active watchlist as the recognition module defines it (docs/format.md §9).
 *
 * @param root the snapshot's root hash
 * @param size number of active entries, 1 to 2^31−1 (a match needs at least one)
 */
public record SnapshotRef(Sha256Digest root, long size) {
    private static final Set<String> FIELDS = Set.of("root", "size");

    public SnapshotRef {
        Values.present("$.root", root);
        long s = size;
        Values.unchecked(() -> Values.range("$.size", s, 1, Integer.MAX_VALUE));
    }

    /**
     * Reads and validates a snapshot reference object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static SnapshotRef fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        Sha256Digest root = Fields.digest(o, "root");
        long size = Fields.integer(o, "size", 1, Integer.MAX_VALUE);
        return new SnapshotRef(root, size);
    }

    /** The reference as a JSON object. */
    public JsonObject toJson() {
        return JsonObject.builder().put("root", root.hex()).put("size", size).build();
    }
}
