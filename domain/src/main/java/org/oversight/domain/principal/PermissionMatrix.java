package org.oversight.domain.principal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.StreamId;

/**
 * Which role may sign which event type (docs/format.md §4.2), as data. The same roles sign every
 * schema version of a type (a schema-2 {@code FaceDetected} is signed by its camera's device key). The log role signs no
 * events, only checkpoints.
 */
public final class PermissionMatrix {
    private static final Map<EventType, Set<Role>> SIGNERS = new EnumMap<>(EventType.class);

    static {
        allow(EventType.AUTHORITY_DECLARED, Role.AUTHORITY);
        allow(EventType.KEY_ENROLLED, Role.AUTHORITY);
        allow(EventType.KEY_REVOKED, Role.AUTHORITY);
        allow(EventType.RECOGNITION_POLICY_SET, Role.AUTHORITY);
        allow(EventType.CAMERA_REGISTERED, Role.AUTHORITY, Role.OFFICER);
        allow(EventType.CAMERA_DECOMMISSIONED, Role.AUTHORITY, Role.OFFICER);
        allow(EventType.WATCHLIST_ENTRY_AUTHORIZED, Role.OFFICER);
        allow(EventType.WATCHLIST_ENTRY_WITHDRAWN, Role.OFFICER, Role.AUTHORITY);
        allow(EventType.FACE_DETECTED, Role.CAMERA);
        allow(EventType.MATCH_PROPOSED, Role.ENGINE);
        allow(EventType.MATCH_REVIEWED, Role.REVIEWER);
        allow(EventType.MATCH_ACTIONED, Role.OFFICER);
        allow(EventType.ERASURE_EPOCH_OPENED, Role.AUTHORITY);
        allow(EventType.ERASURE_EPOCH_CLOSED, Role.ENGINE);
        allow(EventType.KEPT_RECORDS_DESTROYED, Role.ENGINE);
        allow(EventType.RECORD_DISCLOSED, Role.AUTHORITY, Role.OFFICER, Role.REVIEWER);
        allow(EventType.RETROSPECTIVE_SEARCH_REQUESTED, Role.OFFICER);
        allow(EventType.RETROSPECTIVE_SEARCH_PERFORMED, Role.ENGINE);
        allow(EventType.RETROSPECTIVE_SEARCH_AUTHORIZED, Role.AUTHORITY);
        allow(EventType.RETROSPECTIVE_SEARCH_DESTROYED, Role.ENGINE);
        for (EventType t : EventType.values()) {
            if (!SIGNERS.containsKey(t)) {
                throw new ExceptionInInitializerError("no signer roles for " + t);
            }
        }
    }

    private PermissionMatrix() {}

    private static void allow(EventType type, Role first, Role... more) {
        SIGNERS.put(type, Collections.unmodifiableSet(EnumSet.of(first, more)));
    }

    /** The roles that may sign {@code type}, in declaration order. */
    public static Set<Role> signersOf(EventType type) {
        return SIGNERS.get(Objects.requireNonNull(type, "type"));
    }

    /**
     * Whether a key of {@code role} may sign an event of {@code type} in {@code stream}: the
     * matrix allows the role and the stream is of the type's kind. (That a camera key signs only
     * its own camera's detections is a binding the {@link PrincipalRegistry} checks.)
     */
    public static boolean mayEmit(Role role, EventType type, StreamId stream) {
        return signersOf(type).contains(role) && stream.kind() == type.streamKind();
    }
}
