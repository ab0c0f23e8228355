package org.oversight.ledger.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntry;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.policy.MatchState;
import org.oversight.ledger.review.MatchFeed.MatchView;
import org.oversight.ledger.review.MatchFeed.PolicyAt;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.oversight.ledger.sequencer.LeafKey;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.StreamTip;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read endpoints for reviewers, officers and integrators (docs/ledger.md §3.3): the feed of matches
 * by state, one match with what a reviewer needs to judge it (no templates: the response carries no
 * biometric data), and a stream's head, so that nobody has to scan {@code /v1/entries} to write the
 * next event of a stream.
 */
@RestController
@ConditionalOnPostgresLog
@Tag(name = "review", description = "Matches by state, one match for review, stream heads (docs/ledger.md §3.3)")
public class ReviewController {
    /** Most matches one feed page returns. */
    public static final int MAX_LIMIT = 200;
    static final int DEFAULT_LIMIT = 50;
    private static final ObjectMapper LEAF_READER = new ObjectMapper();

    private final MatchFeed feed;
    private final LeafStore store;
    private final Sequencer sequencer;

    public ReviewController(MatchFeed feed, LeafStore store, Sequencer sequencer) {
        this.feed = feed;
        this.store = store;
        this.sequencer = sequencer;
    }

    /**
     * {@code GET /v1/matches?state=pending&after=-1&limit=50}: the matches in {@code state}, ordered
     * by their proposal's leaf index; {@code after} is the cursor (a proposal leaf index; the
     * previous page's {@code next}).
     */
    @GetMapping(path = "/v1/matches", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Matches in one state, by proposal leaf",
            description = "pending: not actioned, fewer than N confirmations and fewer than N rejections; confirmed: not"
                    + " actioned, at least N confirmations; rejected: not actioned, fewer than N confirmations, at least N"
                    + " rejections; actioned: a MatchActioned exists. N = max(2, reviewersRequired of the policy in force"
                    + " at the detection and of the policy in force now); each reviewer principal's first review counts."
                    + " 400 problem malformed-request for a bad state, cursor or limit.")
    public Map<String, Object> matches(
            @Parameter(description = "pending, confirmed, rejected or actioned") @RequestParam String state,
            @Parameter(description = "cursor: return matches whose proposal leaf index is greater (the previous page's next)")
            @RequestParam(defaultValue = "-1") long after,
            @Parameter(description = "1-200") @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) throws ProblemException {
        MatchState s = MatchState.fromWireName(state).orElseThrow(() -> new ProblemException(
                ProblemType.MALFORMED_REQUEST, "state '" + state + "' is not one of pending, confirmed, rejected, actioned"));
        if (after < -1) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "after " + after + " must be >= -1 (a leaf index)");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "limit " + limit + " must be in [1, " + MAX_LIMIT + "]");
        }
        MatchFeed.Page page = feed.page(s, after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", s.wireName());
        body.put("treeSize", page.treeSize());
        List<Map<String, Object>> items = new ArrayList<>();
        for (MatchView v : page.matches()) {
            items.add(summary(v));
        }
        body.put("matches", items);
        body.put("next", page.next().orElse(null));
        return body;
    }

    /** {@code GET /v1/matches/{matchId}}: one match, its context and its reviews. */
    @GetMapping(path = "/v1/matches/{matchId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One match: state, score, camera, warrant, policy, reviews and actions (no biometric data)",
            description = "400 problem for an invalid id, 404 problem not-found for a match never proposed.")
    public Map<String, Object> match(@PathVariable String matchId) throws ProblemException {
        try {
            StreamId.match(matchId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "matchId '" + printable(matchId) + "' is not 1-128 characters of [A-Za-z0-9._:-]");
        }
        MatchView v = feed.match(matchId).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "matchId: no match '" + matchId + "' has been proposed"));
        Map<String, Object> body = summary(v);
        MatchProposed p = v.proposal();
        Map<String, Object> proposal = new LinkedHashMap<>();
        proposal.put("leafIndex", v.proposalLeaf());
        proposal.put("eventHash", v.proposalHash());
        proposal.put("time", v.proposalTime());
        proposal.put("modelId", p.modelId());
        proposal.put("engineVersion", p.engineVersion());
        proposal.put("watchlistSize", p.watchlistSnapshot().size());
        body.put("proposal", proposal);

        Map<String, Object> det = detection(p);
        body.put("detection", det);

        body.put("camera", camera((String) det.get("camera"), v.treeSize()));
        body.put("entry", entry(p.candidateEntry(), v.treeSize()));
        body.put("policy", v.policyAtDetection().map(ReviewController::policy).orElse(null));
        List<Map<String, Object>> reviews = new ArrayList<>();
        for (MatchFeed.Review r : v.reviews()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("leafIndex", r.leafIndex());
            m.put("principal", r.principal());
            m.put("verdict", r.verdict().wireName());
            m.put("rationale", r.rationale());
            m.put("time", r.time());
            m.put("counted", r.counted());
            reviews.add(m);
        }
        body.put("reviews", reviews);
        List<Map<String, Object>> actions = new ArrayList<>();
        for (MatchFeed.Action a : v.actions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("leafIndex", a.leafIndex());
            m.put("principal", a.principal());
            m.put("action", a.action());
            m.put("reference", a.reference());
            m.put("time", a.time());
            actions.add(m);
        }
        body.put("actions", actions);
        return body;
    }

    /**
     * {@code GET /v1/streams/{kind}/{id}/head}: {@code nextSeq} (the number of events the stream
     * has under the committed tree) and {@code last} (the event hash of its last one, null when
     * {@code nextSeq} is 0) — the {@code seq} and {@code prev} of the stream's next event.
     */
    @GetMapping(path = "/v1/streams/{kind}/{id}/head", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A stream's head: nextSeq and last (the seq and prev of its next event)",
            description = "Under the committed tree; last is null while nextSeq is 0. 400 problem for an unknown kind or"
                    + " an invalid id.")
    public Map<String, Object> head(@PathVariable String kind, @PathVariable String id) throws ProblemException {
        StreamId stream;
        try {
            stream = StreamId.parse("stream", kind + "/" + id);
        } catch (InvalidEventException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "stream '" + printable(kind + "/" + id)
                    + "': " + e.getMessage());
        }
        long size = sequencer.committed().size();
        Optional<StreamTip> last = store.lastOfStream(stream.text(), size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stream", stream.text());
        body.put("treeSize", size);
        body.put("nextSeq", last.map(t -> t.seq() + 1).orElse(0L));
        body.put("last", last.map(k -> k.hash().hex()).orElse(null));
        return body;
    }

    /**
     * {@code GET /v1/keys/{keyId}}: a principal's key as the log records it — principal, role, the
     * leaf that enrolled it and the leaf that revoked it (null while valid). Lets a signer see that
     * an authority enrolled its key; camera device keys are not principal keys (404).
     */
    @GetMapping(path = "/v1/keys/{keyId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A principal's key: principal, role, enrolledAt and revokedAt leaf indices",
            description = "400 problem for a key id that is not 32 lowercase hex digits, 404 problem not-found for a key"
                    + " never enrolled for a principal.")
    public Map<String, Object> key(@PathVariable String keyId) throws ProblemException {
        if (!keyId.matches("[0-9a-f]{32}")) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "keyId '" + printable(keyId) + "' is not 32 lowercase hex digits");
        }
        MatchFeed.SignerKey k = feed.key(keyId).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "keyId: no principal key " + keyId + " has been enrolled"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("keyId", k.keyId());
        body.put("principal", k.principal());
        body.put("role", k.role());
        body.put("enrolledAt", k.enrolledAt());
        body.put("revokedAt", k.revokedAt().orElse(null));
        return body;
    }

    private static Map<String, Object> summary(MatchView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("match", v.match());
        m.put("state", v.state().wireName());
        m.put("proposalLeaf", v.proposalLeaf());
        m.put("detectionLeaf", v.proposal().detection().leafIndex());
        m.put("candidateEntry", v.proposal().candidateEntry());
        m.put("score", v.proposal().score());
        m.put("threshold", v.proposal().threshold());
        m.put("confirmations", v.confirmations());
        m.put("confirmationsRequired", v.confirmationsRequired());
        List<Map<String, Object>> verdicts = new ArrayList<>();
        for (MatchFeed.Review r : v.reviews()) {
            if (r.counted()) {
                verdicts.add(Map.of("principal", r.principal(), "verdict", r.verdict().wireName()));
            }
        }
        m.put("verdicts", verdicts);
        m.put("actions", v.actions().size());
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("nextSeq", v.nextSeq());
        head.put("last", v.lastHash());
        m.put("head", head);
        return m;
    }

    /**
     * The detection's camera, capture time and what binds its crop: {@code alignedCropDigest} for a
     * schema-1 {@code FaceDetected}, {@code commitment} ({@code sealed.commitment}) for a sealed one
     * (issue #12), null otherwise. Read from the committed leaf's JSON members by name, so it serves
     * both schemas; no template or landmark leaves this method.
     */
    private Map<String, Object> detection(MatchProposed p) {
        long index = p.detection().leafIndex();
        List<StoredLeaf> leaves = store.leaves(index, 1);
        if (leaves.isEmpty()) {
            throw new IllegalStateException("detection leaf " + index + " is not stored");
        }
        JsonNode payload;
        try {
            payload = LEAF_READER.readTree(leaves.get(0).leaf().leafBytes()).path("payload");
        } catch (IOException e) {
            throw new IllegalStateException("committed leaf " + index + " is not JSON: " + e.getMessage(), e);
        }
        Map<String, Object> det = new LinkedHashMap<>();
        det.put("leafIndex", index);
        det.put("eventHash", p.detection().eventHash().hex());
        det.put("camera", payload.path("camera").asText(null));
        det.put("captureTime", payload.path("captureTime").asText(null));
        det.put("alignedCropDigest", payload.path("alignedCropDigest").asText(null));
        det.put("commitment", payload.path("sealed").path("commitment").asText(null));
        return det;
    }

    private static Map<String, Object> policy(PolicyAt p) {
        RecognitionPolicySet s = p.policy();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("leafIndex", p.leafIndex());
        m.put("threshold", s.threshold());
        m.put("reviewersRequired", s.reviewersRequired());
        Map<String, Object> accuracy = new LinkedHashMap<>();
        accuracy.put("fpirPpm", s.accuracy().fpirPpm());
        accuracy.put("watchlistSize", s.accuracy().watchlistSize());
        accuracy.put("documentDigest", s.accuracy().documentDigest().hex());
        m.put("accuracy", accuracy);
        return m;
    }

    private Map<String, Object> camera(String cameraId, long size) {
        StreamId stream = StreamId.camera(cameraId);
        Optional<LeafKey> registered = store.keyAt(stream.text(), 0).filter(k -> k.index() < size);
        if (registered.isEmpty()) {
            return null; // a detection is accepted only from a registered camera; kept total for safety
        }
        CameraRegistered c = payload(registered.get().index(), CameraRegistered.class);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("camera", cameraId);
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("description", c.location().description());
        location.put("latitudeE7", c.location().latitudeE7());
        location.put("longitudeE7", c.location().longitudeE7());
        m.put("location", location);
        m.put("purpose", c.purpose());
        m.put("legalBasis", c.legalBasis());
        m.put("decommissioned", store.keyAt(stream.text(), 1).filter(k -> k.index() < size).isPresent());
        return m;
    }

    private Map<String, Object> entry(String entryId, long size) {
        StreamId stream = StreamId.watchlist(entryId);
        Optional<LeafKey> authorised = store.keyAt(stream.text(), 0).filter(k -> k.index() < size);
        if (authorised.isEmpty()) {
            return null; // an unauthorised candidate is a finding for the audit (R3); shown as absent
        }
        WatchlistEntry w = payload(authorised.get().index(), WatchlistEntry.class);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry", entryId);
        m.put("leafIndex", authorised.get().index());
        m.put("subject", w.subject());
        m.put("category", w.category());
        m.put("authorisationRef", w.authorisationRef());
        m.put("authorisedBy", w.authorisedBy());
        m.put("validFrom", w.validFrom().text());
        m.put("validUntil", w.validUntil().text());
        m.put("sourceImageDigest", w.sourceImageDigest().hex());
        m.put("templateCount", w.templateCount());
        if (w instanceof WatchlistEntryAuthorized clear) {
            // Digests only (the templates stay in the log): the console checks a disclosed enrolment
            // record's templates against them before it draws the enrolment crop.
            m.put("templateDigests", clear.templates().stream()
                    .map(t -> org.oversight.domain.crypto.Sha256Digest.hash(t.data()).hex()).toList());
        } else if (w instanceof SealedWatchlistEntryAuthorized sealed) {
            // Schema 2: no template in the leaf; the vault checked the disclosed record against this
            // commitment (RecordOpener.openEnrolment) before answering it.
            m.put("sealed", Map.of("commitment", sealed.sealed().commitment().hex(), "epoch", sealed.sealed().epoch()));
        }
        m.put("withdrawn", store.keyAt(stream.text(), 1).filter(k -> k.index() < size).isPresent());
        return m;
    }

    private <T> T payload(long leafIndex, Class<T> type) {
        List<StoredLeaf> leaves = store.leaves(leafIndex, 1);
        if (leaves.isEmpty()) {
            throw new IllegalStateException("leaf " + leafIndex + " is not stored");
        }
        try {
            Object payload = SignedEvent.parse(leaves.get(0).leaf().leafBytes()).payload();
            if (!type.isInstance(payload)) {
                throw new IllegalStateException("leaf " + leafIndex + " is a " + payload.getClass().getSimpleName()
                        + ", not a " + type.getSimpleName());
            }
            return type.cast(payload);
        } catch (InvalidEventException e) {
            throw new IllegalStateException("committed leaf " + leafIndex + " does not parse: " + e.getMessage(), e);
        }
    }

    /** The value with control characters as {@code \\uXXXX}, truncated, for a one-line detail. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 140; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.length() > 140 ? b + "…" : b.toString();
    }
}
