package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.json.JsonObject;

/**
 * An officer asks for a retrospective search (docs/format.md §4.10, rule R4): past detections
 * captured in {@code [captureFrom, captureUntil)} searched for watchlist entry {@code entry}. Stream
 * {@code search/<search>}, seq 0 only. Signed by an officer.
 *
 * @param search the search id (equals the stream id)
 * @param entry the watchlist entry searched for; authorised and not withdrawn before this event,
 *     valid at its header time (a rule, R4(a))
 * @param captureFrom the first capture time searched
 * @param captureUntil capture times before this are searched; after {@code captureFrom}
 * @param caseRef the case reference, text(256); the case a record kept for this search is kept for
 * @param reason why, text(1024)
 */
public record RetrospectiveSearchRequested(String search, String entry, Timestamp captureFrom,
        Timestamp captureUntil, String caseRef, String reason) implements EventPayload {
    private static final Set<String> FIELDS = Set.of("search", "entry", "captureFrom", "captureUntil", "caseRef",
            "reason");

    public RetrospectiveSearchRequested {
        Values.present("$.captureFrom", captureFrom);
        Values.present("$.captureUntil", captureUntil);
        String s = search;
        String e = entry;
        Timestamp f = captureFrom;
        Timestamp u = captureUntil;
        String c = caseRef;
        String r = reason;
        Values.unchecked(() -> check("$", s, e, f, u, c, r));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static RetrospectiveSearchRequested fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String search = Fields.identifier(o, "search");
        String entry = Fields.identifier(o, "entry");
        Timestamp from = Fields.timestamp(o, "captureFrom");
        Timestamp until = Fields.timestamp(o, "captureUntil");
        String caseRef = Fields.text(o, "caseRef", 256);
        String reason = Fields.text(o, "reason", 1024);
        check(o.path(), search, entry, from, until, caseRef, reason);
        return new RetrospectiveSearchRequested(search, entry, from, until, caseRef, reason);
    }

    private static void check(String at, String search, String entry, Timestamp from, Timestamp until,
            String caseRef, String reason) throws InvalidEventException {
        Values.identifier(at + ".search", search);
        Values.identifier(at + ".entry", entry);
        if (until.compareTo(from) <= 0) {
            throw new InvalidEventException(at + ".captureUntil", until.text(), "not after captureFrom " + from.text());
        }
        Values.text(at + ".caseRef", caseRef, 256);
        Values.text(at + ".reason", reason, 1024);
    }

    /** Whether {@code captureTime} is in the searched window {@code [captureFrom, captureUntil)}. */
    public boolean covers(Timestamp captureTime) {
        return captureTime.compareTo(captureFrom) >= 0 && captureTime.compareTo(captureUntil) < 0;
    }

    @Override
    public EventType type() {
        return EventType.RETROSPECTIVE_SEARCH_REQUESTED;
    }

    @Override
    public StreamId stream() {
        return StreamId.search(search);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("search", search)
                .put("entry", entry)
                .put("captureFrom", captureFrom.text())
                .put("captureUntil", captureUntil.text())
                .put("caseRef", caseRef)
                .put("reason", reason)
                .build();
    }
}
