package org.oversight.ledger.ingest;

import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonValue;
import org.oversight.domain.json.NonCanonicalJsonException;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/events}: one signed envelope, the body being its canonical JSON bytes.
 * {@code POST /v1/events/batch}: a canonical JSON array of envelopes, accepted all or nothing.
 * Answers {@code {eventId, eventHash, leafIndex}} per event; a resubmitted event gets the same
 * answer (header {@code Oversight-Duplicate: true}) and is stored once. Both take only
 * {@code Content-Type: application/json} ({@link JsonContentType}); anything else is a 415 problem.
 */
@RestController
@ConditionalOnPostgresLog
public class IngestController {
    static final String DUPLICATE_HEADER = "Oversight-Duplicate";

    private final IngestService ingest;
    private final IngestLimits limits;

    public IngestController(IngestService ingest, IngestLimits limits) {
        this.ingest = ingest;
        this.limits = limits;
    }

    @PostMapping(path = "/v1/events", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> submit(HttpServletRequest request)
            throws IOException, ProblemException, EventRejectedException {
        JsonContentType.require(request.getContentType());
        byte[] body = readBody(request, limits.maxEventBytes(), "event");
        IngestResult r = ingest.submit(List.of(parse(body, ""))).get(0);
        return ResponseEntity.ok().header(DUPLICATE_HEADER, Boolean.toString(r.duplicate())).body(view(r));
    }

    @PostMapping(path = "/v1/events/batch", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> submitBatch(HttpServletRequest request)
            throws IOException, ProblemException, EventRejectedException {
        JsonContentType.require(request.getContentType());
        byte[] body = readBody(request, limits.maxBatchBytes(), "batch");
        List<SignedEvent> fast = parseFast(body);
        List<SignedEvent> events = fast != null ? fast : parseBatch(body);
        List<Map<String, Object>> results = new ArrayList<>();
        for (IngestResult r : ingest.submit(events)) {
            results.add(view(r));
        }
        return ResponseEntity.ok(Map.of("results", results));
    }

    /**
     * The batch's envelopes, each parsed once from its slice of the body ({@link BatchBodySplitter});
     * null if anything is off, and then {@link #parseBatch} decides (and names the problem).
     */
    private List<SignedEvent> parseFast(byte[] body) {
        Optional<List<byte[]>> slices = BatchBodySplitter.split(body, limits.maxBatchEvents());
        if (slices.isEmpty()) {
            return null;
        }
        List<SignedEvent> events = new ArrayList<>(slices.get().size());
        for (byte[] slice : slices.get()) {
            if (slice.length > limits.maxEventBytes()) {
                return null;
            }
            try {
                events.add(SignedEvent.parse(slice));
            } catch (InvalidEventException e) {
                return null;
            }
        }
        return events;
    }

    /** Parses the whole body as canonical JSON, then each element: the reference path, with every problem named. */
    private List<SignedEvent> parseBatch(byte[] body) throws ProblemException {
        JsonValue value;
        try {
            value = CanonicalJson.parseCanonical(body, new JsonLimits(JsonLimits.DEFAULT.maxDepth(), body.length));
        } catch (NonCanonicalJsonException e) {
            throw new ProblemException(ProblemType.NON_CANONICAL, "$: batch body is not canonical JSON: " + e.getMessage());
        } catch (JsonException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "$: batch body is not JSON: " + e.getMessage());
        }
        if (!(value instanceof JsonArray array)) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "$: batch body must be a JSON array of envelopes");
        }
        if (array.size() == 0) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "$: batch is empty");
        }
        if (array.size() > limits.maxBatchEvents()) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "$: batch has " + array.size()
                    + " events, limit " + limits.maxBatchEvents());
        }
        List<SignedEvent> events = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            byte[] bytes = CanonicalJson.encode(array.get(i));
            if (bytes.length > limits.maxEventBytes()) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "events[" + i + "]: " + bytes.length
                        + " bytes, limit " + limits.maxEventBytes());
            }
            events.add(parse(bytes, "events[" + i + "]"));
        }
        return events;
    }

    private static Map<String, Object> view(IngestResult r) {
        return Map.of("eventId", r.eventId(), "eventHash", r.eventHash(), "leafIndex", r.leafIndex());
    }

    public static SignedEvent parse(byte[] bytes, String where) throws ProblemException {
        try {
            return SignedEvent.parse(bytes);
        } catch (InvalidEventException e) {
            String prefix = where.isEmpty() ? "" : where + " ";
            if (e.getCause() instanceof NonCanonicalJsonException) {
                throw new ProblemException(ProblemType.NON_CANONICAL, prefix + e.getMessage(), e);
            }
            throw new ProblemException(ProblemType.INVALID_EVENT, prefix + e.getMessage(), e);
        }
    }

    /** Reads at most {@code limit} bytes; more is a 413 problem (checked on Content-Length first). */
    public static byte[] readBody(HttpServletRequest request, int limit, String what) throws IOException, ProblemException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "Content-Length: " + declared + " bytes for one "
                    + what + ", limit " + limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "body: more than " + limit + " bytes for one "
                        + what);
            }
            if (body.length == 0) {
                throw new ProblemException(ProblemType.MALFORMED_REQUEST, "body: empty");
            }
            return body;
        }
    }
}
