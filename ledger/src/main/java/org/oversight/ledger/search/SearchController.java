package org.oversight.ledger.search;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.oversight.domain.bundle.IndexedEvent;
import org.oversight.domain.event.RetrospectiveSearchAuthorized;
import org.oversight.domain.event.RetrospectiveSearchDestroyed;
import org.oversight.domain.event.RetrospectiveSearchPerformed;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.principal.KeyRecord;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.engine.SearchLog;
import org.oversight.ledger.security.Role;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.vault.SearchResultStore;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/searches/{search}}: a retrospective search's state and results (docs/ledger.md
 * "Retrospective searches"). Read by the officer who signed its request or by an authority (who
 * decides whether to authorise it); 403 {@code forbidden} for anyone else, 404 {@code not-found} for
 * a search not in the log, 410 {@code search-destroyed} once it was destroyed (not authorised by its
 * deadline: its results are gone). The hits name detections, their scores, cameras and capture
 * times, never a biometric value: records are read only through a recorded disclosure.
 */
@RestController
@ConditionalOnPostgresLog
public class SearchController {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final SearchLog log;
    private final LedgerRegistry registry;
    private final SearchResultStore results;

    public SearchController(LeafStore leaves, LedgerRegistry registry, SearchResultStore results) {
        this.log = new SearchLog(leaves);
        this.registry = registry;
        this.results = results;
    }

    @GetMapping(path = "/v1/searches/{search}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> search(@PathVariable("search") String id, HttpServletRequest request)
            throws ProblemException {
        if (!IDENTIFIER.matcher(id).matches()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "search: '" + id + "' is not an identifier");
        }
        SearchLog.Search s = log.search(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "search: no RetrospectiveSearchRequested for search " + id + " in the log"));
        String caller = request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName();
        String requester = registry.key(s.requested().event().header().signer()).map(KeyRecord::owner).orElse("");
        if (!request.isUserInRole(Role.AUTHORITY.name()) && !caller.equals(requester)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "search " + id + " was requested by " + requester
                    + "; its results go to that officer and to authorities, not to " + caller);
        }
        if (s.destroyed()) {
            IndexedEvent z = s.ended().orElseThrow();
            throw new ProblemException(ProblemType.SEARCH_DESTROYED, "search " + id + " was destroyed at leaf "
                    + z.leafIndex() + ": " + ((RetrospectiveSearchDestroyed) z.event().payload()).reason());
        }
        RetrospectiveSearchRequested r = (RetrospectiveSearchRequested) s.requested().event().payload();
        JsonObject.Builder b = JsonObject.builder().put("search", id).put("entry", r.entry())
                .put("captureFrom", r.captureFrom().toString()).put("captureUntil", r.captureUntil().toString())
                .put("caseRef", r.caseRef()).put("requestedBy", requester)
                .put("requestedAt", s.requested().leafIndex());
        if (s.performed().isEmpty()) {
            b.put("state", "requested");
        } else {
            IndexedEvent p = s.performed().get();
            RetrospectiveSearchPerformed performed = (RetrospectiveSearchPerformed) p.event().payload();
            Instant deadline = log.deadline(p);
            b.put("state", s.ended().isPresent() ? "authorised" : "performed").put("performedAt", p.leafIndex())
                    .put("deadline", org.oversight.domain.event.Timestamp.ofEpochMillis(deadline.toEpochMilli())
                            .toString())
                    .put("searched", performed.searched()).put("threshold", performed.threshold())
                    .put("modelId", performed.modelId());
            s.ended().ifPresent(a -> b.put("authorisedAt", a.leafIndex()).put("authorisationRef",
                    ((RetrospectiveSearchAuthorized) a.event().payload()).authorisationRef()));
            b.put("hits", hits(id, p.leafIndex()));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store")
                .body(CanonicalJson.encode(b.build()));
    }

    /** The stored results' hits (detection, score, camera, capture time). */
    private org.oversight.domain.json.JsonValue hits(String id, long performedLeaf) throws ProblemException {
        Optional<SearchResultStore.Stored> stored = results.get(id);
        if (stored.isEmpty()) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "search " + id + " was performed at leaf "
                    + performedLeaf + " but its results are not stored yet; retry");
        }
        if (stored.get().destroyed()) {
            throw new ProblemException(ProblemType.SEARCH_DESTROYED, "search " + id + ": its results are destroyed");
        }
        try {
            return CanonicalJson.parseCanonicalObject(stored.get().results().orElseThrow()).require("hits");
        } catch (JsonException e) {
            throw new IllegalStateException("stored results of search " + id + " do not parse: " + e.getMessage(), e);
        }
    }
}
