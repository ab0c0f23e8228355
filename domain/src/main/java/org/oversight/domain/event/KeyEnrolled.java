package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.json.JsonObject;

/**
 * Enrols a key for a principal (docs/format.md §4.3). Stream {@code principal/<principal>}; at
 * seq 0 it creates the principal with {@code role}, later it adds a key to it (the role must then
 * equal the principal's role). Signed by an authority. Role {@code camera} is never enrolled this
 * way (camera keys come from {@link CameraRegistered}); role {@code authority} only adds a key to an
 * existing authority (new authorities are declared by {@link AuthorityDeclared}).
 *
 * @param principal the principal's id (equals the stream id)
 * @param role the principal's role; not {@code camera}
 * @param publicKey the enrolled key
 */
public record KeyEnrolled(String principal, Role role, Ed25519PublicKey publicKey) implements EventPayload {
    private static final Set<String> FIELDS = Set.of("principal", "role", "publicKey");

    public KeyEnrolled {
        String p = principal;
        Role r = Values.present("$.role", role);
        Values.present("$.publicKey", publicKey);
        Values.unchecked(() -> check("$", p, r));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static KeyEnrolled fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String principal = Fields.string(o, "principal");
        Role role = Role.fromWireName(Fields.path(o, "role"), Fields.string(o, "role"));
        check(o.path(), principal, role);
        return new KeyEnrolled(principal, role, Fields.publicKey(o, "publicKey"));
    }

    private static void check(String at, String principal, Role role) throws InvalidEventException {
        Values.identifier(at + ".principal", principal);
        if (role == Role.CAMERA) {
            throw new InvalidEventException(at + ".role", role.wireName(),
                    "camera keys are registered by CameraRegistered, not enrolled");
        }
    }

    @Override
    public EventType type() {
        return EventType.KEY_ENROLLED;
    }

    @Override
    public StreamId stream() {
        return StreamId.principal(principal);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("principal", principal)
                .put("role", role.wireName())
                .put("publicKey", publicKey.toText())
                .build();
    }
}
