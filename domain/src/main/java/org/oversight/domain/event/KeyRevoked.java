package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.crypto.KeyId;
import org.oversight.domain.json.JsonObject;

/**
 * Revokes one of a principal's keys from this event's leaf index on (docs/format.md §4.3).
 * Stream {@code principal/<principal>}, seq ≥ 1. Signed by an authority.
 *
 * @param principal the principal's id (equals the stream id)
 * @param keyId the revoked key, which must be enrolled for {@code principal}
 * @param reason why, 1–1024 code points
 */
public record KeyRevoked(String principal, KeyId keyId, String reason) implements EventPayload {
    private static final Set<String> FIELDS = Set.of("principal", "keyId", "reason");

    public KeyRevoked {
        String p = principal;
        String r = reason;
        Values.present("$.keyId", keyId);
        Values.unchecked(() -> check("$", p, r));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static KeyRevoked fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String principal = Fields.string(o, "principal");
        String reason = Fields.string(o, "reason");
        KeyId keyId = Fields.keyId(o, "keyId");
        check(o.path(), principal, reason);
        return new KeyRevoked(principal, keyId, reason);
    }

    private static void check(String at, String principal, String reason) throws InvalidEventException {
        Values.identifier(at + ".principal", principal);
        Values.text(at + ".reason", reason, 1024);
    }

    @Override
    public EventType type() {
        return EventType.KEY_REVOKED;
    }

    @Override
    public StreamId stream() {
        return StreamId.principal(principal);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("principal", principal)
                .put("keyId", keyId.hex())
                .put("reason", reason)
                .build();
    }
}
