package org.oversight.ops.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.oversight.domain.checkpoint.MalformedCheckpointException;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonParser;
import org.oversight.domain.json.JsonValue;
import org.oversight.domain.note.MalformedNoteException;

/**
 * A client of the ledger's HTTP API (docs/ledger.md §3). Every error answer becomes a
 * {@link LedgerProblemException} carrying the RFC 9457 problem; an answer that is not what the API
 * documents (unparseable body, an event that does not parse) is an {@link IOException}, like a
 * broken connection. Thread-safe (the JDK {@link HttpClient} is).
 */
public final class LedgerClient {
    /** Largest {@code count} of one {@code GET /v1/entries}. */
    public static final int MAX_ENTRIES_PER_PAGE = 1000;

    private static final long POLL_MILLIS = 200;
    private static final JsonLimits RESPONSE_LIMITS = new JsonLimits(64, 256 << 20);

    private final URI base;
    private final Optional<String> token;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param base the ledger's base URL, e.g. {@code http://127.0.0.1:8080}
     * @param token the bearer token {@code ovt.<id>.<secret>}, or empty for the public endpoints only
     * @param timeout per-request timeout (an export of a large log needs a generous one)
     */
    public LedgerClient(URI base, Optional<String> token, Duration timeout) {
        String b = Objects.requireNonNull(base, "base").toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.token = Objects.requireNonNull(token, "token");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI base() {
        return base;
    }

    /** {@code POST /v1/events}: submits one event. Resubmitting the same bytes answers the same receipt. */
    public Receipt submit(SignedEvent event) throws IOException, LedgerProblemException, InterruptedException {
        JsonObject o = object("POST /v1/events", post("v1/events", event.leafBytes()));
        return receipt(o);
    }

    /**
     * {@code POST /v1/events/batch}: submits events in one all-or-nothing transaction.
     *
     * @return one receipt per event, in order
     * @throws IllegalArgumentException if {@code events} is empty
     */
    public List<Receipt> submitBatch(List<SignedEvent> events)
            throws IOException, LedgerProblemException, InterruptedException {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("batch of 0 events");
        }
        JsonObject o = object("POST /v1/events/batch", post("v1/events/batch", batchBody(events)));
        List<Receipt> out = new ArrayList<>();
        try {
            JsonArray results = o.requireArray("results");
            for (int i = 0; i < results.size(); i++) {
                out.add(receipt(results.requireObject(i)));
            }
        } catch (JsonException e) {
            throw new IOException("POST /v1/events/batch: unexpected answer: " + e.getMessage(), e);
        }
        if (out.size() != events.size()) {
            throw new IOException("POST /v1/events/batch: " + out.size() + " receipts for " + events.size() + " events");
        }
        return out;
    }

    /**
     * {@code PUT /v1/vault/blobs/{sha256(blob)}} (camera, operator or officer credential): stores a sealed
     * blob in the vault; idempotent (storing the same bytes again changes nothing).
     *
     * @return the blob's digest, which the detection's {@code sealed.blobDigest} must name
     */
    public String putBlob(byte[] blob) throws IOException, LedgerProblemException, InterruptedException {
        String digest = org.oversight.domain.crypto.Sha256Digest.hash(blob).hex();
        String path = "v1/vault/blobs/" + digest;
        HttpRequest request = builder(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build();
        send("PUT /" + path, request);
        return digest;
    }

    /**
     * A sealed detection, or a sealed watchlist entry (the enrolling officer's credential; blob and
     * payload from the domain's {@code EnrolmentSealer}): {@link #putBlob} its sealed blob first,
     * then {@link #submit} the event (the ledger accepts a schema-2 {@code FaceDetected} or
     * {@code WatchlistEntryAuthorized} only once its blob is stored; an entry's blob is also opened
     * and its crops re-derived before the entry is admitted).
     */
    public Receipt submitSealed(SignedEvent event, byte[] blob)
            throws IOException, LedgerProblemException, InterruptedException {
        putBlob(blob);
        return submit(event);
    }

    /** Most blobs the client sends in one {@code POST /v1/vault/blobs} (the ledger's default limit). */
    public static final int MAX_BATCH_BLOBS = 1000;
    /** Largest body the client sends in one {@code POST /v1/vault/blobs} (the ledger's default limit). */
    public static final int MAX_BATCH_BLOB_BYTES = 64 << 20;

    /**
     * {@code POST /v1/vault/blobs} (camera, operator or officer credential, as the {@code PUT}): stores
     * sealed blobs, each request one transaction, all or nothing; idempotent (storing the same bytes
     * again changes nothing). Each blob is held to its stream's limit, as by the {@code PUT}: a
     * detection's to 1 MiB, a watchlist entry's enrolment record's to 8,650,752 bytes (the ledger's
     * defaults).
     * Lists longer than {@link #MAX_BATCH_BLOBS} blobs or {@link #MAX_BATCH_BLOB_BYTES} bytes are
     * sent in several requests, in order; if one fails, the earlier ones stay stored, and sending
     * the whole list again is safe.
     *
     * @return the blobs' digests, in order, as the vault filed them (checked against the client's own)
     * @throws IllegalArgumentException if {@code blobs} is empty
     */
    public List<String> putBlobs(List<byte[]> blobs) throws IOException, LedgerProblemException, InterruptedException {
        if (blobs.isEmpty()) {
            throw new IllegalArgumentException("putBlobs of 0 blobs");
        }
        List<String> digests = new ArrayList<>(blobs.size());
        int from = 0;
        while (from < blobs.size()) {
            int to = from;
            long bytes = 2;
            while (to < blobs.size() && to - from < MAX_BATCH_BLOBS
                    && (to == from || bytes + blobs.get(to).length + 1 <= MAX_BATCH_BLOB_BYTES)) {
                bytes += blobs.get(to).length + 1;
                to++;
            }
            digests.addAll(putBlobChunk(blobs.subList(from, to)));
            from = to;
        }
        return digests;
    }

    private List<String> putBlobChunk(List<byte[]> blobs) throws IOException, LedgerProblemException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('[');
        List<String> expected = new ArrayList<>(blobs.size());
        for (int i = 0; i < blobs.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(blobs.get(i));
            expected.add(org.oversight.domain.crypto.Sha256Digest.hash(blobs.get(i)).hex());
        }
        body.write(']');
        JsonObject o = object("POST /v1/vault/blobs", post("v1/vault/blobs", body.toByteArray()));
        try {
            JsonArray results = o.requireArray("results");
            if (results.size() != blobs.size()) {
                throw new IOException("POST /v1/vault/blobs: " + results.size() + " results for " + blobs.size()
                        + " blobs");
            }
            for (int i = 0; i < results.size(); i++) {
                String digest = results.requireObject(i).requireString("blobDigest");
                if (!digest.equals(expected.get(i))) {
                    throw new IOException("POST /v1/vault/blobs: blobs[" + i + "] filed under " + digest
                            + ", but its bytes hash to " + expected.get(i));
                }
            }
        } catch (JsonException e) {
            throw new IOException("POST /v1/vault/blobs: unexpected answer: " + e.getMessage(), e);
        }
        return expected;
    }

    /**
     * Sealed detections in one batch: every blob is stored first ({@link #putBlobs}: one request
     * per 1,000 blobs, idempotent), then the events are submitted all or nothing.
     */
    public List<Receipt> submitSealedBatch(List<SignedEvent> events, List<byte[]> blobs)
            throws IOException, LedgerProblemException, InterruptedException {
        if (!blobs.isEmpty()) {
            putBlobs(blobs);
        }
        return submitBatch(events);
    }

    /**
     * {@code GET /v1/vault/blobs/{digest}} (witness or auditor credential): the sealed blob
     * (ciphertext and wrapped keys); empty if the vault never stored it. An erased blob is a
     * {@link LedgerProblemException} with problem type {@code erased} (404).
     */
    public Optional<byte[]> blob(String digest) throws IOException, LedgerProblemException, InterruptedException {
        String path = "v1/vault/blobs/" + URLEncoder.encode(digest, StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = http.send(get(path), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 404
                && Problem.parse(r.statusCode(), r.body()).rule().filter("not-found"::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(check("GET /" + path, r.statusCode(), r.body()));
    }

    /** The vault's recipient for an epoch: what an authority puts in {@code ErasureEpochOpened}. */
    public record VaultEpochKey(String epoch, String recipient, String publicKey) {}

    /**
     * {@code POST /v1/vault/epochs/{epoch}/key} (operator or authority credential): the vault's
     * X25519 public key for the epoch (text form {@code x25519:…}), generated on the first call and
     * the same on every later one.
     */
    public VaultEpochKey vaultEpochKey(String epoch) throws IOException, LedgerProblemException, InterruptedException {
        String path = "v1/vault/epochs/" + URLEncoder.encode(epoch, StandardCharsets.UTF_8) + "/key";
        JsonObject o = object("POST /" + path, post(path, new byte[0]));
        try {
            return new VaultEpochKey(o.requireString("epoch"), o.requireString("recipient"),
                    o.requireString("publicKey"));
        } catch (JsonException e) {
            throw new IOException("POST /" + path + ": unexpected answer: " + e.getMessage(), e);
        }
    }

    /**
     * {@code PUT /v1/vault/enrolments/{entry}} (the enrolling officer's credential; schema-1 entries
     * only — a schema-2 entry's record is its sealed blob, {@link #submitSealed}): stores the
     * entry's canonical enrolment record (docs/format.md §12.7: the aligned crops its templates were
     * derived from, each with its template), after its {@code WatchlistEntryAuthorized} is accepted.
     * The vault checks that every crop derives the entry's template bit for bit; idempotent.
     */
    public void putEnrolment(String entry, byte[] enrolmentRecord)
            throws IOException, LedgerProblemException, InterruptedException {
        String path = "v1/vault/enrolments/" + URLEncoder.encode(entry, StandardCharsets.UTF_8);
        HttpRequest request = builder(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(enrolmentRecord)).build();
        send("PUT /" + path, request);
    }

    /**
     * {@code POST /v1/vault/disclosures}: submits a signed {@code RecordDisclosed} (signed by the
     * principal whose credential this client holds) and returns the disclosed records as a records
     * file ({@code application/x-oversight-records}, docs/format.md §10.1): a header line, one
     * detection record per line, then (schema 2) the enrolment records of the entries it names.
     */
    public byte[] disclose(SignedEvent recordDisclosed)
            throws IOException, LedgerProblemException, InterruptedException {
        return post("v1/vault/disclosures", recordDisclosed.leafBytes());
    }

    /**
     * A retrospective search as {@code GET /v1/searches/{id}} answers it (docs/ledger.md
     * "Retrospective searches").
     *
     * @param state {@code requested}, {@code performed} or {@code authorised}
     * @param searched how many detections were searched (0 while requested)
     * @param deadline when it must be authorised by (empty while requested)
     * @param hits the hits, in leaf order
     */
    public record SearchResults(String search, String state, long searched, Optional<String> deadline,
            List<SearchHitSeen> hits) {
        public SearchResults {
            hits = List.copyOf(hits);
        }
    }

    /** One hit of a search: the detection, its score, camera and capture time. */
    public record SearchHitSeen(long leafIndex, String eventHash, long score, String camera, String captureTime) {}

    /**
     * {@code GET /v1/searches/{id}} (the requesting officer's or an authority's credential). A search
     * destroyed for want of authorisation is a {@link LedgerProblemException} with problem type
     * {@code search-destroyed} (410).
     */
    public SearchResults search(String id) throws IOException, LedgerProblemException, InterruptedException {
        String path = "v1/searches/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        String what = "GET /" + path;
        JsonObject o = object(what, send(what, get(path)));
        try {
            List<SearchHitSeen> hits = new ArrayList<>();
            if (o.has("hits")) {
                JsonArray a = o.requireArray("hits");
                for (int i = 0; i < a.size(); i++) {
                    JsonObject h = a.requireObject(i);
                    JsonObject d = h.requireObject("detection");
                    hits.add(new SearchHitSeen(d.requireLong("leafIndex"), d.requireString("eventHash"),
                            h.requireLong("score"), h.requireString("camera"), h.requireString("captureTime")));
                }
            }
            return new SearchResults(o.requireString("search"), o.requireString("state"),
                    o.has("searched") ? o.requireLong("searched") : 0,
                    o.has("deadline") ? Optional.of(o.requireString("deadline")) : Optional.empty(), hits);
        } catch (JsonException e) {
            throw new IOException(what + ": unexpected answer: " + e.getMessage(), e);
        }
    }

    /** A reviewer's counted verdict on a match (the principal's first review). */
    public record MatchVerdict(String principal, String verdict) {}

    /**
     * One match of the feed, with no biometric data: its id, state ({@code pending},
     * {@code confirmed}, {@code rejected} or {@code actioned}), where its proposal and detection
     * stand in the log, the candidate entry, score and threshold (lower is more alike), the
     * confirmations counted and needed, the counted verdicts and the number of actions.
     */
    public record MatchSummary(String match, String state, long proposalLeaf, long detectionLeaf, String candidateEntry,
            long score, long threshold, long confirmations, long confirmationsRequired, List<MatchVerdict> verdicts,
            long actions) {
        public MatchSummary {
            verdicts = List.copyOf(verdicts);
        }
    }

    /**
     * One page of the feed: the matches in {@code state} with a proposal leaf above the request's
     * cursor, in leaf order, as of {@code treeSize}; {@code next} is the cursor of the next page
     * (empty on the last).
     */
    public record MatchPage(String state, long treeSize, List<MatchSummary> matches, OptionalLong next) {
        public MatchPage {
            matches = List.copyOf(matches);
        }
    }

    /**
     * A match in full: its summary and the ledger's whole view of it ({@code proposal},
     * {@code detection}, {@code camera}, {@code entry}, {@code policy}, {@code reviews},
     * {@code actions}; docs/console.md and the OpenAPI description name every member).
     */
    public record MatchDetail(MatchSummary summary, JsonObject view) {}

    /**
     * {@code GET /v1/matches?state=&after=&limit=} (any credential): one page of the match feed,
     * so an integrator need not scan {@code /v1/entries}.
     *
     * @param after a proposal leaf index (the previous page's {@code next}), or -1 for the first page
     * @param limit 1–200
     */
    public MatchPage matches(String state, long after, int limit)
            throws IOException, LedgerProblemException, InterruptedException {
        String path = "v1/matches?state=" + URLEncoder.encode(state, StandardCharsets.UTF_8) + "&after=" + after
                + "&limit=" + limit;
        JsonObject o = object("GET /" + path, send("GET /" + path, get(path)));
        try {
            List<MatchSummary> matches = new ArrayList<>();
            JsonArray a = o.requireArray("matches");
            for (int i = 0; i < a.size(); i++) {
                matches.add(summary(a.requireObject(i)));
            }
            OptionalLong next = o.get("next").filter(v -> !(v instanceof org.oversight.domain.json.JsonNull)).isPresent()
                    ? OptionalLong.of(o.requireLong("next")) : OptionalLong.empty();
            return new MatchPage(o.requireString("state"), o.requireLong("treeSize"), matches, next);
        } catch (JsonException e) {
            throw new IOException("GET /" + path + ": unexpected answer: " + e.getMessage(), e);
        }
    }

    /**
     * {@code GET /v1/matches/{match}} (any credential): one match in full; empty if no such match
     * was proposed (404 {@code not-found}).
     */
    public Optional<MatchDetail> match(String match) throws IOException, LedgerProblemException, InterruptedException {
        String path = "v1/matches/" + URLEncoder.encode(match, StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = http.send(get(path), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 404
                && Problem.parse(r.statusCode(), r.body()).rule().filter("not-found"::equals).isPresent()) {
            return Optional.empty();
        }
        JsonObject o = object("GET /" + path, check("GET /" + path, r.statusCode(), r.body()));
        try {
            return Optional.of(new MatchDetail(summary(o), o));
        } catch (JsonException e) {
            throw new IOException("GET /" + path + ": unexpected answer: " + e.getMessage(), e);
        }
    }

    private static MatchSummary summary(JsonObject o) throws JsonException {
        List<MatchVerdict> verdicts = new ArrayList<>();
        JsonArray v = o.requireArray("verdicts");
        for (int i = 0; i < v.size(); i++) {
            JsonObject r = v.requireObject(i);
            verdicts.add(new MatchVerdict(r.requireString("principal"), r.requireString("verdict")));
        }
        return new MatchSummary(o.requireString("match"), o.requireString("state"), o.requireLong("proposalLeaf"),
                o.requireLong("detectionLeaf"), o.requireString("candidateEntry"), o.requireLong("score"),
                o.requireLong("threshold"), o.requireLong("confirmations"), o.requireLong("confirmationsRequired"),
                verdicts, o.requireLong("actions"));
    }

    /** {@code GET /v1/keys}: the log key. */
    public PublishedKey logKey() throws IOException, LedgerProblemException, InterruptedException {
        return key("log");
    }

    /** {@code GET /v1/keys}: the engine key (to enrol with role {@code engine}). */
    public PublishedKey engineKey() throws IOException, LedgerProblemException, InterruptedException {
        return key("engine");
    }

    /** {@code GET /checkpoint}: the latest signed checkpoint, parsed but NOT verified. */
    public SignedCheckpoint checkpoint() throws IOException, LedgerProblemException, InterruptedException {
        byte[] note = send("GET /checkpoint", get("checkpoint"));
        try {
            return SignedCheckpoint.parse(note);
        } catch (MalformedNoteException | MalformedCheckpointException e) {
            throw new IOException("GET /checkpoint: not a signed checkpoint: " + e.getMessage(), e);
        }
    }

    /** {@code GET /actuator/health} answers 200 (the ledger is up and its checkpointer healthy). */
    public boolean healthy() throws InterruptedException {
        try {
            HttpResponse<byte[]> r = http.send(get("actuator/health"), HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code GET /actuator/prometheus} (role operator): the value of the first sample of
     * {@code name} (e.g. {@code oversight_engine_position}), empty if the ledger exposes none.
     */
    public OptionalDouble metric(String name) throws IOException, LedgerProblemException, InterruptedException {
        String text = new String(send("GET /actuator/prometheus", get("actuator/prometheus")), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.startsWith(name) && line.length() > name.length()
                    && (line.charAt(name.length()) == ' ' || line.charAt(name.length()) == '{')) {
                String value = line.substring(line.lastIndexOf(' ') + 1);
                try {
                    return OptionalDouble.of(Double.parseDouble(value));
                } catch (NumberFormatException e) {
                    throw new IOException("GET /actuator/prometheus: bad sample '" + line + "'", e);
                }
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * {@code GET /v1/entries}: up to {@code count} leaves from {@code start}.
     *
     * @throws IllegalArgumentException if {@code start < 0} or {@code count} is not in [1, 1000]
     */
    public EntryPage entries(long start, int count) throws IOException, LedgerProblemException, InterruptedException {
        if (start < 0 || count < 1 || count > MAX_ENTRIES_PER_PAGE) {
            throw new IllegalArgumentException("start " + start + " must be >= 0 and count " + count + " in [1, "
                    + MAX_ENTRIES_PER_PAGE + "]");
        }
        String what = "GET /v1/entries?start=" + start + "&count=" + count;
        JsonObject o = object(what, send(what, get("v1/entries?start=" + start + "&count=" + count)));
        try {
            JsonArray a = o.requireArray("entries");
            List<LogEntry> entries = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                entries.add(entry(a.requireObject(i)));
            }
            return new EntryPage(o.requireLong("treeSize"), entries);
        } catch (JsonException | InvalidEventException e) {
            throw new IOException(what + ": unexpected answer: " + e.getMessage(), e);
        }
    }

    /**
     * Every leaf from {@code start} to the committed size at the time of the last page read, page
     * by page ({@link #MAX_ENTRIES_PER_PAGE} at a time). Meant for small logs: it holds them all.
     */
    public List<LogEntry> entriesFrom(long start) throws IOException, LedgerProblemException, InterruptedException {
        List<LogEntry> out = new ArrayList<>();
        long next = start;
        while (true) {
            EntryPage page = entries(next, MAX_ENTRIES_PER_PAGE);
            out.addAll(page.entries());
            next += page.entries().size();
            if (page.entries().isEmpty() || next >= page.treeSize()) {
                return out;
            }
        }
    }

    /**
     * Polls {@code GET /checkpoint} until the ledger has signed one of at least {@code size} leaves.
     *
     * @throws IOException if none has within {@code timeout} (naming the latest size seen)
     */
    public SignedCheckpoint awaitCheckpoint(long size, Duration timeout)
            throws IOException, LedgerProblemException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SignedCheckpoint cp = checkpoint();
            if (cp.checkpoint().size() >= size) {
                return cp;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no checkpoint of size >= " + size + " within " + timeout.toSeconds()
                        + " s (latest " + cp.checkpoint().size() + ")");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** {@code GET /v1/events/{eventId}}; empty if the ledger has no such event (404). */
    public Optional<LogEntry> event(String eventId) throws IOException, LedgerProblemException, InterruptedException {
        String what = "GET /v1/events/" + eventId;
        HttpResponse<byte[]> r = http.send(get("v1/events/" + URLEncoder.encode(eventId, StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        byte[] body = check(what, r.statusCode(), r.body());
        try {
            return Optional.of(entry(object(what, body)));
        } catch (JsonException | InvalidEventException e) {
            throw new IOException(what + ": unexpected answer: " + e.getMessage(), e);
        }
    }

    /**
     * {@code GET /v1/export}: streams the log export (docs/format.md §10) into {@code file}
     * (written to a temporary sibling first, then moved, so a failed download leaves no partial file).
     *
     * @return the number of bytes written
     */
    public long exportTo(Path file) throws IOException, LedgerProblemException, InterruptedException {
        return download("GET /v1/export", get("v1/export"), file);
    }

    /** {@code GET /v1/matches/{matchId}/bundle}: the match's evidence bundle into {@code file}. */
    public long bundleTo(String matchId, Path file) throws IOException, LedgerProblemException, InterruptedException {
        String path = "v1/matches/" + URLEncoder.encode(matchId, StandardCharsets.UTF_8) + "/bundle";
        return download("GET /" + path, get(path), file);
    }

    /** The canonical JSON array of the events' leaf bytes (a batch body; still canonical). */
    public static byte[] batchBody(List<SignedEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(events.get(i).leafBytes());
        }
        out.write(']');
        return out.toByteArray();
    }

    private PublishedKey key(String which) throws IOException, LedgerProblemException, InterruptedException {
        JsonObject o = object("GET /v1/keys", send("GET /v1/keys", get("v1/keys")));
        try {
            JsonObject k = o.requireObject(which);
            return new PublishedKey(k.requireString("keyName"), k.requireString("verifierKey"),
                    Ed25519PublicKey.parseText(k.requireString("publicKey")));
        } catch (JsonException | MalformedKeyException e) {
            throw new IOException("GET /v1/keys: unexpected answer: " + e.getMessage(), e);
        }
    }

    private long download(String what, HttpRequest request, Path file)
            throws IOException, LedgerProblemException, InterruptedException {
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                check(what, r.statusCode(), in.readAllBytes());
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
            try {
                long n = Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return n;
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static LogEntry entry(JsonObject o) throws JsonException, InvalidEventException {
        long leaf = o.requireLong("leafIndex");
        SignedEvent e = SignedEvent.parse(CanonicalJson.encode(o.requireObject("event")));
        return new LogEntry(leaf, e);
    }

    private static Receipt receipt(JsonObject o) throws IOException {
        try {
            return new Receipt(o.requireString("eventId"), o.requireString("eventHash"), o.requireLong("leafIndex"));
        } catch (JsonException e) {
            throw new IOException("unexpected receipt " + o + ": " + e.getMessage(), e);
        }
    }

    private static JsonObject object(String what, byte[] body) throws IOException {
        try {
            JsonValue v = JsonParser.parse(body, RESPONSE_LIMITS);
            if (v instanceof JsonObject o) {
                return o;
            }
            throw new IOException(what + ": answer is not a JSON object");
        } catch (JsonException e) {
            throw new IOException(what + ": answer is not JSON: " + e.getMessage(), e);
        }
    }

    private byte[] post(String path, byte[] body) throws IOException, LedgerProblemException, InterruptedException {
        HttpRequest request = builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return send("POST /" + path, request);
    }

    private HttpRequest get(String path) {
        return builder(path).GET().build();
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b;
    }

    private byte[] send(String what, HttpRequest request) throws IOException, LedgerProblemException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return check(what, r.statusCode(), r.body());
    }

    private static byte[] check(String what, int status, byte[] body) throws LedgerProblemException {
        if (status / 100 != 2) {
            throw new LedgerProblemException(what, Problem.parse(status, body));
        }
        return body;
    }
}
