package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.json.JsonObject;

/**
 * An authority authorises a performed retrospective search after the fact (docs/format.md §4.10;
 * rule R4(c): before the search's deadline). Stream {@code search/<search>}, seq 2 only: it ends the
 * stream. Signed by an authority.
 *
 * @param search the search id (equals the stream id)
 * @param authorisationRef reference of the order authorising it, text(256)
 */
public record RetrospectiveSearchAuthorized(String search, String authorisationRef) implements EventPayload {
    private static final Set<String> FIELDS = Set.of("search", "authorisationRef");

    public RetrospectiveSearchAuthorized {
        String s = search;
        String a = authorisationRef;
        Values.unchecked(() -> check("$", s, a));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static RetrospectiveSearchAuthorized fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String search = Fields.identifier(o, "search");
        String ref = Fields.text(o, "authorisationRef", 256);
        check(o.path(), search, ref);
        return new RetrospectiveSearchAuthorized(search, ref);
    }

    private static void check(String at, String search, String authorisationRef) throws InvalidEventException {
        Values.identifier(at + ".search", search);
        Values.text(at + ".authorisationRef", authorisationRef, 256);
    }

    @Override
    public EventType type() {
        return EventType.RETROSPECTIVE_SEARCH_AUTHORIZED;
    }

    @Override
    public StreamId stream() {
        return StreamId.search(search);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder().put("search", search).put("authorisationRef", authorisationRef).build();
    }
}
