package org.oversight.ledger.security;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/credentials} (operator only): issue, list and revoke API credentials while the
 * ledger runs. An issued token is in the answer once and nowhere else.
 */
@RestController
public class CredentialsController {
    static final String PATH = "/v1/admin/credentials";

    private final CredentialRegistry registry;

    public CredentialsController(CredentialRegistry registry) {
        this.registry = registry;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ApiCredential c : registry.list()) {
            Map<String, Object> view = view(c);
            view.put("expired", registry.expired(c));
            out.add(view);
        }
        return Map.of("credentials", out);
    }

    /** Body: {@code {"principal": "alice", "roles": ["auditor"], "expiresAt": "2027-01-31T00:00:00Z"}}. */
    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> issue(@RequestBody Map<String, Object> body)
            throws ProblemException, IOException {
        if (!(body.get("principal") instanceof String principal)) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "principal: a string is required");
        }
        Set<Role> roles = roles(body.get("roles"));
        Optional<Instant> expiresAt = expiresAt(body.get("expiresAt"));
        for (String key : body.keySet()) {
            if (!Set.of("principal", "roles", "expiresAt").contains(key)) {
                throw new ProblemException(ProblemType.MALFORMED_REQUEST, "unknown member '" + key
                        + "' (principal, roles, expiresAt)");
            }
        }
        CredentialsFile.Issued issued;
        try {
            issued = registry.issue(principal, roles, expiresAt);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, e.getMessage());
        }
        Map<String, Object> view = view(issued.credential());
        view.put("token", issued.token());
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    @DeleteMapping(path = PATH + "/{tokenId}")
    public ResponseEntity<Void> revoke(@PathVariable String tokenId) throws ProblemException, IOException {
        if (!registry.revoke(tokenId)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "tokenId: no credential '" + tokenId + "'");
        }
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> view(ApiCredential c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tokenId", c.tokenId());
        view.put("principal", c.principal());
        view.put("roles", c.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().toList());
        view.put("expiresAt", c.expiresAt().map(Instant::toString).orElse(null));
        return view;
    }

    private static Set<Role> roles(Object value) throws ProblemException {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "roles: a non-empty array of "
                    + "auditor, officer, reviewer, operator is required");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object r : list) {
            try {
                roles.add(Role.valueOf(String.valueOf(r).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ProblemType.MALFORMED_REQUEST, "roles: unknown role '" + r + "'");
            }
        }
        return roles;
    }

    private static Optional<Instant> expiresAt(Object value) throws ProblemException {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(String.valueOf(value)));
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "expiresAt: '" + value + "' is not an ISO-8601"
                    + " instant such as 2027-01-31T00:00:00Z");
        }
    }
}
