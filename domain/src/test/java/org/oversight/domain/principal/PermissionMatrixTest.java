package org.oversight.domain.principal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.StreamKind;

/**
 * The matrix of docs/format.md §4.2 (and the sealed-record types of §4.9 and the search types of §4.10), written out
 * independently and compared cell by cell, for every stream kind including {@code epoch},
 * {@code disclosure} and {@code search}.
 */
class PermissionMatrixTest {
    private static final Map<EventType, Set<Role>> EXPECTED = Map.ofEntries(
            Map.entry(EventType.AUTHORITY_DECLARED, EnumSet.of(Role.AUTHORITY)),
            Map.entry(EventType.KEY_ENROLLED, EnumSet.of(Role.AUTHORITY)),
            Map.entry(EventType.KEY_REVOKED, EnumSet.of(Role.AUTHORITY)),
            Map.entry(EventType.RECOGNITION_POLICY_SET, EnumSet.of(Role.AUTHORITY)),
            Map.entry(EventType.CAMERA_REGISTERED, EnumSet.of(Role.AUTHORITY, Role.OFFICER)),
            Map.entry(EventType.CAMERA_DECOMMISSIONED, EnumSet.of(Role.AUTHORITY, Role.OFFICER)),
            Map.entry(EventType.WATCHLIST_ENTRY_AUTHORIZED, EnumSet.of(Role.OFFICER)),
            Map.entry(EventType.WATCHLIST_ENTRY_WITHDRAWN, EnumSet.of(Role.AUTHORITY, Role.OFFICER)),
            Map.entry(EventType.FACE_DETECTED, EnumSet.of(Role.CAMERA)),
            Map.entry(EventType.MATCH_PROPOSED, EnumSet.of(Role.ENGINE)),
            Map.entry(EventType.MATCH_REVIEWED, EnumSet.of(Role.REVIEWER)),
            Map.entry(EventType.MATCH_ACTIONED, EnumSet.of(Role.OFFICER)),
            Map.entry(EventType.ERASURE_EPOCH_OPENED, EnumSet.of(Role.AUTHORITY)),
            Map.entry(EventType.ERASURE_EPOCH_CLOSED, EnumSet.of(Role.ENGINE)),
            Map.entry(EventType.KEPT_RECORDS_DESTROYED, EnumSet.of(Role.ENGINE)),
            Map.entry(EventType.RECORD_DISCLOSED, EnumSet.of(Role.AUTHORITY, Role.OFFICER, Role.REVIEWER)),
            Map.entry(EventType.RETROSPECTIVE_SEARCH_REQUESTED, EnumSet.of(Role.OFFICER)),
            Map.entry(EventType.RETROSPECTIVE_SEARCH_PERFORMED, EnumSet.of(Role.ENGINE)),
            Map.entry(EventType.RETROSPECTIVE_SEARCH_AUTHORIZED, EnumSet.of(Role.AUTHORITY)),
            Map.entry(EventType.RETROSPECTIVE_SEARCH_DESTROYED, EnumSet.of(Role.ENGINE)));

    private static StreamId streamOf(StreamKind kind) {
        return kind == StreamKind.POLICY ? StreamId.RECOGNITION_POLICY : new StreamId(kind, "x-1");
    }

    @Test
    void everyCellMatchesTheSpec() {
        List<String> wrong = new ArrayList<>();
        for (EventType type : EventType.values()) {
            for (Role role : Role.values()) {
                for (StreamKind kind : StreamKind.values()) {
                    boolean expected = EXPECTED.get(type).contains(role) && kind == type.streamKind();
                    if (PermissionMatrix.mayEmit(role, type, streamOf(kind)) != expected) {
                        wrong.add(role.wireName() + " " + type.wireName() + " in " + kind.wireName());
                    }
                }
            }
            assertThat(PermissionMatrix.signersOf(type)).isEqualTo(EXPECTED.get(type));
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void logRoleSignsNoEvents() {
        for (EventType type : EventType.values()) {
            assertThat(PermissionMatrix.signersOf(type)).doesNotContain(Role.LOG);
        }
    }
}
