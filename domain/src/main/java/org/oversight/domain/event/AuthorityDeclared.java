package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.json.JsonObject;

/**
 * Declares an authority principal and its first key (docs/format.md §4.3). Stream
 * {@code principal/<principal>}, seq 0 only. Either self-signed by {@code publicKey} during
 * genesis, or signed by an already declared authority (§5.4).
 *
 * @param principal the new principal's id (an identifier; equals the stream id)
 * @param name a human-readable name of the authority, 1–256 code points
 * @param publicKey the authority's first key, enrolled with role {@code authority}
 */
public record AuthorityDeclared(String principal, String name, Ed25519PublicKey publicKey) implements EventPayload {
    private static final Set<String> FIELDS = Set.of("principal", "name", "publicKey");

    public AuthorityDeclared {
        String p = principal;
        String n = name;
        Values.present("$.publicKey", publicKey);
        Values.unchecked(() -> check("$", p, n));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static AuthorityDeclared fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String principal = Fields.string(o, "principal");
        String name = Fields.string(o, "name");
        check(o.path(), principal, name);
        return new AuthorityDeclared(principal, name, Fields.publicKey(o, "publicKey"));
    }

    private static void check(String at, String principal, String name) throws InvalidEventException {
        Values.identifier(at + ".principal", principal);
        Values.text(at + ".name", name, 256);
    }

    @Override
    public EventType type() {
        return EventType.AUTHORITY_DECLARED;
    }

    @Override
    public StreamId stream() {
        return StreamId.principal(principal);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("principal", principal)
                .put("name", name)
                .put("publicKey", publicKey.toText())
                .build();
    }
}
