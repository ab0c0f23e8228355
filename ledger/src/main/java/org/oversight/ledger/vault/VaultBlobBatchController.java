package org.oversight.ledger.vault;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonValue;
import org.oversight.domain.json.NonCanonicalJsonException;
import org.oversight.domain.seal.MalformedSealedBlobException;
import org.oversight.domain.seal.SealedBlob;
import org.oversight.ledger.ingest.BatchBodySplitter;
import org.oversight.ledger.ingest.IngestController;
import org.oversight.ledger.ingest.JsonContentType;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/vault/blobs} (camera, operator, officer: the {@code PUT}'s roles): many sealed blobs in one request, stored in one
 * transaction, all or nothing (docs/ledger.md §12.2). The body is a canonical JSON array of sealed
 * blobs, each exactly the body {@code PUT /v1/vault/blobs/{digest}} takes; each is filed under the
 * SHA-256 of its canonical bytes, which the answer returns in order.
 *
 * <p>Why: one {@code PUT} per detection costs an HTTP request, a transaction and a commit (an fsync)
 * per blob, which held sealed batch ingest to a few hundred detections per second; a batch of blobs
 * costs one of each, like the event batch that follows it.
 *
 * <p>Guarantees, the same as the {@code PUT}'s: every blob is checked (its stream's size limit by the
 * {@code PUT}'s own {@link VaultBlobLimits} — {@code oversight.vault.max-blob-bytes} for a detection's,
 * {@code oversight.vault.max-watchlist-blob-bytes} for a watchlist entry's enrolment record —, a
 * canonical sealed blob, its epoch has a live vault key)
 * before anything is stored; a blob that was erased is never stored again (409
 * {@code record-erased}); a problem names the blob by its index ({@code blobs[i]}) and nothing of the
 * request is stored. Storing the same blobs again changes nothing and answers {@code duplicate: true}
 * for each (idempotent resubmission after a lost answer).
 */
@RestController
@ConditionalOnPostgresLog
public class VaultBlobBatchController {
    private final VaultStore store;
    private final VaultProperties properties;
    private final VaultBlobLimits limits;

    public VaultBlobBatchController(VaultStore store, VaultProperties properties) {
        this.store = store;
        this.properties = properties;
        this.limits = new VaultBlobLimits(properties);
    }

    @PostMapping(path = "/v1/vault/blobs", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> putAll(HttpServletRequest request) throws IOException, ProblemException {
        JsonContentType.require(request.getContentType());
        byte[] body = IngestController.readBody(request, properties.getMaxBatchBytes(), "blob batch");
        List<byte[]> slices = BatchBodySplitter.split(body, properties.getMaxBatchBlobs()).orElse(null);
        List<SealedBlob> headers = slices == null ? null : fastParse(slices);
        if (headers == null) {
            slices = referenceSlices(body);
            headers = new ArrayList<>(slices.size());
            for (int i = 0; i < slices.size(); i++) {
                headers.add(limits.parse(slices.get(i), "blobs[" + i + "]"));
            }
        }
        Map<String, Integer> epochsChecked = new HashMap<>();
        List<VaultStore.NewBlob> blobs = new ArrayList<>(slices.size());
        for (int i = 0; i < slices.size(); i++) {
            SealedBlob header = headers.get(i);
            if (epochsChecked.putIfAbsent(header.epoch(), i) == null) {
                requireLiveEpoch(header.epoch(), i);
            }
            blobs.add(new VaultStore.NewBlob(Sha256Digest.hash(slices.get(i)), slices.get(i), header.epoch(),
                    header.stream().text(), header.seq()));
        }
        List<VaultStore.PutOutcome> outcomes = store.putBlobs(blobs);
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) == VaultStore.PutOutcome.ERASED) {
                throw new ProblemException(ProblemType.RECORD_ERASED, "blobs[" + i + "]: " + blobs.get(i).digest().hex()
                        + " was erased; nothing of the batch was stored");
            }
        }
        List<Map<String, Object>> results = new ArrayList<>(blobs.size());
        for (int i = 0; i < blobs.size(); i++) {
            VaultStore.NewBlob b = blobs.get(i);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("blobDigest", b.digest().hex());
            view.put("epoch", b.epoch());
            view.put("stream", b.stream());
            view.put("seq", b.seq());
            view.put("duplicate", outcomes.get(i) != VaultStore.PutOutcome.STORED);
            results.add(view);
        }
        return ResponseEntity.ok(Map.of("results", results));
    }

    /**
     * The blobs the {@link BatchBodySplitter} found when every slice is within the size limit and a
     * canonical sealed blob (each parsed once); null otherwise, and then {@link #referenceSlices}
     * decides and names the problem (the splitter's contract).
     */
    private List<SealedBlob> fastParse(List<byte[]> slices) {
        List<SealedBlob> headers = new ArrayList<>(slices.size());
        for (byte[] slice : slices) {
            if (slice.length > limits.readLimit()) {
                return null;
            }
            SealedBlob blob;
            try {
                blob = SealedBlob.parse(slice);
            } catch (MalformedSealedBlobException e) {
                return null;
            }
            if (!limits.within(blob, slice.length)) {
                return null;
            }
            headers.add(blob);
        }
        return headers;
    }

    /** The whole body as canonical JSON, then each element's canonical bytes: every problem named. */
    private List<byte[]> referenceSlices(byte[] body) throws ProblemException {
        JsonValue value;
        try {
            value = CanonicalJson.parseCanonical(body, new JsonLimits(JsonLimits.DEFAULT.maxDepth(), body.length));
        } catch (NonCanonicalJsonException e) {
            throw new ProblemException(ProblemType.INVALID_BLOB, "$: the blob batch is not canonical JSON: "
                    + e.getMessage(), e);
        } catch (JsonException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "$: the blob batch is not JSON: " + e.getMessage(),
                    e);
        }
        if (!(value instanceof JsonArray array)) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "$: the body must be a JSON array of sealed blobs");
        }
        if (array.size() == 0) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "$: the blob batch is empty");
        }
        if (array.size() > properties.getMaxBatchBlobs()) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "$: the batch has " + array.size()
                    + " blobs, limit " + properties.getMaxBatchBlobs() + " (oversight.vault.max-batch-blobs)");
        }
        List<byte[]> slices = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            slices.add(CanonicalJson.encode(array.get(i)));
        }
        return slices;
    }

    private void requireLiveEpoch(String epoch, int i) throws ProblemException {
        VaultStore.EpochKey key = store.epochKey(epoch).orElseThrow(() -> new ProblemException(
                ProblemType.UNKNOWN_EPOCH, "blobs[" + i + "]: epoch '" + epoch + "' has no vault key (POST /v1/vault/epochs/"
                + epoch + "/key first)"));
        if (key.destroyed()) {
            throw new ProblemException(ProblemType.EPOCH_CLOSED, "blobs[" + i + "]: epoch '" + epoch
                    + "' is closed; its vault key is destroyed and it takes no more records");
        }
    }
}
