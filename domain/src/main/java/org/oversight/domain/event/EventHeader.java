package org.oversight.domain.event;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.oversight.domain.crypto.KeyId;
import org.oversight.domain.json.JsonNull;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonValue;

/**
 * The header of a signed event (docs/format.md §3.2).
 *
 * <p>Invariants, checked on construction and parsing: {@code eventId} is an identifier;
 * {@code schema} is one of the type's schema versions; {@code stream}'s kind is the type's stream kind;
 * {@code seq} is in 0–2^53−1 and allowed for the type (seq 0 only for stream-opening types);
 * {@code prev} is absent iff {@code seq == 0}.
 *
 * @param eventId the id chosen by the emitter, 1–128 chars of {@code [A-Za-z0-9._:-]}; replays are
 *     decided by the event hash, not by this id
 * @param type the event type
 * @param schema the payload schema version
 * @param stream the stream the event belongs to
 * @param seq its position in the stream, gapless from 0
 * @param prev the event hash of the stream's previous event; empty iff {@code seq == 0}
 * @param time the emitter's clock when it signed, informational only
 * @param signer the id of the signing key
 */
public record EventHeader(
        String eventId,
        EventType type,
        int schema,
        StreamId stream,
        long seq,
        Optional<EventHash> prev,
        Timestamp time,
        KeyId signer) {
    static final Set<String> FIELDS = Set.of("eventId", "type", "schema", "stream", "seq", "prev", "time", "signer");

    public EventHeader {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(prev, "prev");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(signer, "signer");
        String id = eventId;
        int sch = schema;
        long s = seq;
        Optional<EventHash> pr = prev;
        Values.unchecked(() -> check("$.header", id, type, sch, stream, s, pr));
    }

    /**
     * Reads and validates a header object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static EventHeader fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String eventId = Fields.string(o, "eventId");
        EventType type = EventType.fromWireName(Fields.path(o, "type"), Fields.string(o, "type"));
        int schema = (int) Fields.integer(o, "schema", 1, Integer.MAX_VALUE);
        StreamId stream = StreamId.parse(Fields.path(o, "stream"), Fields.string(o, "stream"));
        long seq = Fields.integer(o, "seq", 0, JsonNumber.MAX_SAFE_INTEGER);
        Optional<EventHash> prev = prev(o);
        check(o.path(), eventId, type, schema, stream, seq, prev);
        Timestamp time = Fields.timestamp(o, "time");
        KeyId signer = Fields.keyId(o, "signer");
        return new EventHeader(eventId, type, schema, stream, seq, prev, time, signer);
    }

    private static Optional<EventHash> prev(JsonObject o) throws InvalidEventException {
        Optional<JsonValue> v = o.get("prev");
        if (v.isPresent() && v.get() == JsonNull.INSTANCE) {
            return Optional.empty();
        }
        return Optional.of(Fields.eventHash(o, "prev"));
    }

    private static void check(String at, String eventId, EventType type, int schema, StreamId stream, long seq,
            Optional<EventHash> prev) throws InvalidEventException {
        Values.identifier(at + ".eventId", eventId);
        if (!type.supportsSchema(schema)) {
            throw new InvalidEventException(at + ".schema", schema,
                    "schema version of " + type.wireName() + " must be "
                    + (type.schemas().size() == 1 ? type.schemas().get(0) : "one of " + type.schemas()));
        }
        if (stream.kind() != type.streamKind()) {
            throw new InvalidEventException(at + ".stream", stream.text(),
                    type.wireName() + " belongs in a " + type.streamKind().wireName() + "/ stream");
        }
        Values.range(at + ".seq", seq, 0, JsonNumber.MAX_SAFE_INTEGER);
        if (!type.placement().allows(seq)) {
            throw new InvalidEventException(at + ".seq", seq, type.wireName() + " may stand only at "
                    + type.placement().describe());
        }
        if (seq == 0 && prev.isPresent()) {
            throw new InvalidEventException(at + ".prev", prev.get().hex(), "must be null at seq 0");
        }
        if (seq > 0 && prev.isEmpty()) {
            throw new InvalidEventException(at + ".prev", "null", "must be the previous event's hash at seq " + seq);
        }
    }

    /** The header as a JSON object. */
    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder()
                .put("eventId", eventId)
                .put("type", type.wireName())
                .put("schema", schema)
                .put("stream", stream.text())
                .put("seq", seq)
                .put("time", time.text())
                .put("signer", signer.hex());
        if (prev.isPresent()) {
            b.put("prev", prev.get().hex());
        } else {
            b.putNull("prev");
        }
        return b.build();
    }
}
