package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.json.JsonObject;

/**
 * The engine destroyed a retrospective search's results and the data it unsealed, on the record
 * (docs/format.md §4.10; rule R4(d)). Stream {@code search/<search>}, seq 2 only: it ends the
 * stream. Signed by the engine.
 *
 * @param search the search id (equals the stream id)
 * @param reason why, text(1024) (e.g. not authorised by its deadline)
 */
public record RetrospectiveSearchDestroyed(String search, String reason) implements EventPayload {
    private static final Set<String> FIELDS = Set.of("search", "reason");

    public RetrospectiveSearchDestroyed {
        String s = search;
        String r = reason;
        Values.unchecked(() -> check("$", s, r));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static RetrospectiveSearchDestroyed fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String search = Fields.identifier(o, "search");
        String reason = Fields.text(o, "reason", 1024);
        check(o.path(), search, reason);
        return new RetrospectiveSearchDestroyed(search, reason);
    }

    private static void check(String at, String search, String reason) throws InvalidEventException {
        Values.identifier(at + ".search", search);
        Values.text(at + ".reason", reason, 1024);
    }

    @Override
    public EventType type() {
        return EventType.RETROSPECTIVE_SEARCH_DESTROYED;
    }

    @Override
    public StreamId stream() {
        return StreamId.search(search);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder().put("search", search).put("reason", reason).build();
    }
}
