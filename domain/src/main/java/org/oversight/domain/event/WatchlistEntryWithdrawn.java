package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.json.JsonObject;

/**
 * Withdraws a watchlist entry from this event's leaf index on (docs/format.md §4.6): no match
 * against it may be proposed afterwards. Stream {@code watchlist/<entry>}, seq ≥ 1. Signed by an
 * officer or authority.
 *
 * @param entry the id (equals the stream id)
 * @param reason why, 1–1024 code points
 */
public record WatchlistEntryWithdrawn(String entry, String reason) implements EventPayload {
    private static final Set<String> FIELDS = Set.of("entry", "reason");

    public WatchlistEntryWithdrawn {
        String id = entry;
        String r = reason;
        Values.unchecked(() -> check("$", id, r));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static WatchlistEntryWithdrawn fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String id = Fields.string(o, "entry");
        String reason = Fields.string(o, "reason");
        check(o.path(), id, reason);
        return new WatchlistEntryWithdrawn(id, reason);
    }

    private static void check(String at, String id, String reason) throws InvalidEventException {
        Values.identifier(at + ".entry", id);
        Values.text(at + ".reason", reason, 1024);
    }

    @Override
    public EventType type() {
        return EventType.WATCHLIST_ENTRY_WITHDRAWN;
    }

    @Override
    public StreamId stream() {
        return StreamId.watchlist(entry);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("entry", entry)
                .put("reason", reason)
                .build();
    }
}
