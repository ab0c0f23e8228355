package org.oversight.ledger.vault;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.MalformedRecordException;
import org.oversight.domain.principal.KeyRecord;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.ingest.IngestController;
import org.oversight.ledger.ingest.JsonContentType;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import org.oversight.recognition.pipeline.EnrolmentCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /v1/vault/enrolments/{entry}} (officer): stores a schema-1 watchlist entry's enrolment
 * record (format.md §12.7; a schema-2 entry's record is its sealed blob, 404 here) — the aligned crops its templates were derived from — after checking it on
 * arrival, in this order (the first failure decides, nothing is stored):
 * <ol>
 *   <li>the path names an identifier (400 {@code malformed-request}), the body is JSON (415), at
 *       most {@link EnrolmentRecord#MAX_BYTES} (413), a canonical enrolment record (400
 *       {@code invalid-enrolment}) for this entry (400 {@code invalid-enrolment});</li>
 *   <li>the entry has an accepted {@code WatchlistEntryAuthorized} (404 {@code not-found}) signed by
 *       a key of the caller's principal (403 {@code forbidden}: only the enrolling officer submits);</li>
 *   <li>the entry's data are not already due for erasure, and the record was not erased (409
 *       {@code record-erased});</li>
 *   <li>one crop per template, each template the entry's, each crop deriving it bit for bit with
 *       the recognition network ({@link EnrolmentCheck}; 422 {@code enrolment-mismatch});</li>
 *   <li>a different record already stored for the entry is refused (409 {@code enrolment-conflict});
 *       the same bytes again answer 200 with {@code Oversight-Duplicate: true}.</li>
 * </ol>
 * The record is never served except through a recorded disclosure ({@code POST /v1/vault/disclosures}
 * with a schema-2 {@code RecordDisclosed} naming the entry).
 */
@RestController
@ConditionalOnPostgresLog
public class EnrolmentController {
    private static final Logger LOG = LoggerFactory.getLogger(EnrolmentController.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final VaultStore store;
    private final VaultEnrolments enrolments;
    private final LedgerRegistry registry;
    private final VaultProperties properties;
    private final java.time.Clock clock;

    public EnrolmentController(VaultStore store, VaultEnrolments enrolments, LedgerRegistry registry,
            VaultProperties properties, java.time.Clock clock) {
        this.store = store;
        this.enrolments = enrolments;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    @PutMapping(path = "/v1/vault/enrolments/{entry}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> put(@PathVariable String entry, HttpServletRequest request)
            throws IOException, ProblemException {
        if (!IDENTIFIER.matcher(entry).matches()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "entry: '" + entry
                    + "' is not an identifier (1-128 of [A-Za-z0-9._:-])");
        }
        JsonContentType.require(request.getContentType());
        byte[] body = IngestController.readBody(request, EnrolmentRecord.MAX_BYTES, "enrolment record");
        EnrolmentRecord record;
        try {
            record = EnrolmentRecord.parse(body);
        } catch (MalformedRecordException e) {
            throw new ProblemException(ProblemType.INVALID_ENROLMENT, "body: " + e.getMessage(), e);
        }
        if (!record.entry().equals(entry)) {
            throw new ProblemException(ProblemType.INVALID_ENROLMENT, "body.entry: the record is for entry "
                    + record.entry() + " but the path names " + entry);
        }
        if (enrolments.isSealed(entry)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "entry: " + entry + " is a sealed (schema-2) entry: its"
                    + " enrolment record is the sealed blob its leaf commits to (PUT /v1/vault/blobs/{blobDigest}"
                    + " before the entry), not stored here");
        }
        VaultEnrolments.LoggedEntry logged = enrolments.entry(entry).orElseThrow(() -> new ProblemException(
                ProblemType.NOT_FOUND, "entry: " + entry + " has no accepted WatchlistEntryAuthorized in the log"));
        String caller = request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName();
        Optional<KeyRecord> signer = registry.key(logged.signer());
        if (signer.isEmpty() || !signer.get().owner().equals(caller)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "entry: " + entry + " was authorised by "
                    + signer.map(KeyRecord::owner).orElse("an unknown key") + "; only that officer submits its"
                    + " enrolment record, not " + caller);
        }
        if (!clock.instant().isBefore(VaultEnrolments.eraseAt(logged, properties.getKeptRetention()))) {
            throw new ProblemException(ProblemType.RECORD_ERASED, "entry: " + entry + " ended at " + logged.end()
                    + " and its retention has passed: its enrolment data are not stored");
        }
        Optional<VaultStore.StoredEnrolment> stored = store.enrolment(entry);
        if (stored.isPresent() && stored.get().erased()) {
            throw new ProblemException(ProblemType.RECORD_ERASED, "entry: " + entry
                    + "'s enrolment record was erased and is not stored again");
        }
        if (stored.isPresent() && !Arrays.equals(stored.get().bytes().orElseThrow(), body)) {
            throw new ProblemException(ProblemType.ENROLMENT_CONFLICT, "entry: " + entry + " already has another"
                    + " enrolment record (SHA-256 " + Sha256Digest.hash(stored.get().bytes().get()).hex() + ")");
        }
        if (stored.isEmpty()) {
            Optional<String> mismatch = EnrolmentCheck.mismatch(enrolments.deriver(), record, logged.authorisation());
            if (mismatch.isPresent()) {
                throw new ProblemException(ProblemType.ENROLMENT_MISMATCH, "body." + mismatch.get());
            }
        }
        VaultStore.PutOutcome outcome = store.putEnrolment(entry, body);
        if (outcome == VaultStore.PutOutcome.ERASED) {
            throw new ProblemException(ProblemType.RECORD_ERASED, "entry: " + entry
                    + "'s enrolment record was erased and is not stored again");
        }
        boolean created = outcome == VaultStore.PutOutcome.STORED;
        if (created) {
            LOG.info("enrolment record of entry {} stored ({} crop(s), checked against its templates) by {}", entry,
                    record.crops().size(), caller);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("entry", entry);
        view.put("crops", record.crops().size());
        view.put("digest", Sha256Digest.hash(body).hex());
        view.put("eraseAt", VaultEnrolments.eraseAt(logged, properties.getKeptRetention()).toString());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .header("Oversight-Duplicate", Boolean.toString(!created)).body(view);
    }
}
