package org.oversight.domain.principal;

import java.util.Objects;
import org.oversight.domain.event.Role;

/**
 * A declared principal.
 *
 * @param id the principal id
 * @param role its one role
 * @param declaredAt leaf index of the event that created it
 * @param selfDeclared whether it is a genesis authority (self-signed {@code AuthorityDeclared})
 */
public record PrincipalRecord(String id, Role role, long declaredAt, boolean selfDeclared) {
    public PrincipalRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
    }
}
