package org.oversight.ledger.vault;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.export.RecordsFile;
import org.oversight.domain.export.RecordsFileWriter;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.policy.DisclosureRules;
import org.oversight.domain.policy.PolicyRule;
import org.oversight.domain.policy.RuleViolation;
import org.oversight.domain.principal.KeyRecord;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.ingest.IngestController;
import org.oversight.ledger.ingest.IngestLimits;
import org.oversight.ledger.ingest.IngestResult;
import org.oversight.ledger.ingest.IngestService;
import org.oversight.ledger.ingest.JsonContentType;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/vault/disclosures}: the only way to read sealed records in clear outside the
 * engine (docs/ledger.md "Vault"). The body is a signed {@code RecordDisclosed}; the ledger checks
 * that the caller's credential principal IS the event's signer principal (403
 * {@code disclosure-required} otherwise, nothing appended) and that the vault can open every record
 * it names (409 {@code record-erased} / 422 {@code record-not-stored} otherwise, nothing appended),
 * appends it through the normal ingest path (every rule applies: role, purpose, use after erasure),
 * and answers the records as a records file ({@code application/x-oversight-records}, format.md
 * §10.1): the detections' records, then, for a schema-2 disclosure, the enrolment records of the
 * entries it names (409 {@code record-erased} / 422 {@code record-not-stored} if the vault no
 * longer or never held one, nothing appended). Resubmitting the same disclosure answers the same records and appends nothing.
 */
@RestController
@ConditionalOnPostgresLog
public class DisclosureController {
    private static final Logger LOG = LoggerFactory.getLogger(DisclosureController.class);
    static final String RECORDS_MEDIA_TYPE = "application/x-oversight-records";

    private final IngestService ingest;
    private final IngestLimits limits;
    private final LedgerRegistry registry;
    private final LeafStore leaves;
    private final VaultRecords records;
    private final VaultStore store;

    public DisclosureController(IngestService ingest, IngestLimits limits, LedgerRegistry registry, LeafStore leaves,
            VaultRecords records, VaultStore store) {
        this.store = store;
        this.ingest = ingest;
        this.limits = limits;
        this.registry = registry;
        this.leaves = leaves;
        this.records = records;
    }

    @PostMapping(path = "/v1/vault/disclosures")
    public ResponseEntity<byte[]> disclose(HttpServletRequest request)
            throws IOException, ProblemException, EventRejectedException {
        JsonContentType.require(request.getContentType());
        SignedEvent event = IngestController.parse(IngestController.readBody(request, limits.maxEventBytes(), "event"),
                "");
        if (!(event.payload() instanceof RecordDisclosed disclosed)) {
            throw new ProblemException(ProblemType.DISCLOSURE_REQUIRED, "body: a " + event.type().wireName()
                    + " is not a RecordDisclosed; sealed records are read only through a recorded disclosure");
        }
        String caller = request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName();
        Optional<KeyRecord> signer = registry.key(event.header().signer());
        if (signer.isPresent() && !signer.get().owner().equals(caller)) {
            throw new ProblemException(ProblemType.DISCLOSURE_REQUIRED, "header.signer: the disclosure is signed by "
                    + signer.get().owner() + " but the credential is " + caller + "; records go only to their signer");
        }
        if (signer.isPresent()) {
            // R5(c), judged by the rule book's own code over the log (not the vault's tables, which
            // the closer updates later): a record erased by its epoch's close, or destroyed, is never
            // disclosed again, even while its ciphertext still waits for the witnesses.
            for (RuleViolation v : DisclosureRules.check(disclosed, Long.MAX_VALUE, event.header().eventId(),
                    signer.get(), logView(), true)) {
                if (v.rule() == PolicyRule.R5) {
                    throw new ProblemException(ProblemType.RECORD_ERASED, "payload.records: " + v.found());
                }
                if (v.rule() == PolicyRule.R_DISCLOSURE && v.expected().startsWith("an accepted WatchlistEntryAuthorized")) {
                    // R-disclosure for entries: an enrolment record exists only for an authorised entry.
                    throw new ProblemException(ProblemType.WATCHLIST_AUTHORISATION, "payload.entries: " + v.found());
                }
            }
        }
        List<RecordsFile.Entry> opened = new ArrayList<>();
        for (DetectionRef ref : disclosed.records()) {
            opened.add(new RecordsFile.Entry(ref, open(ref)));
        }
        List<Enrolled> enrolled = new ArrayList<>();
        for (int i = 0; i < disclosed.disclosedEntries().size(); i++) {
            enrolled.add(openEnrolment(disclosed.disclosedEntries().get(i), i));
        }
        // An unknown signer gets ingest's own problem (unknown-signer), after which nothing is answered.
        IngestResult result = ingest.submit(List.of(event)).get(0);
        if (signer.isEmpty()) {
            throw new IllegalStateException("disclosure " + event.header().eventId() + " accepted without a known signer");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordsFileWriter writer = new RecordsFileWriter(out, event.eventHash());
        for (RecordsFile.Entry e : opened) {
            writer.write(e);
        }
        for (Enrolled e : enrolled) {
            e.writeTo(writer);
        }
        LOG.info("disclosure {} ({}, case {}) of {} record(s) and {} enrolment record(s) to {} at leaf {}",
                disclosed.disclosure(), disclosed.purpose().wireName(), disclosed.caseRef(), opened.size(),
                enrolled.size(), caller, result.leafIndex());
        return ResponseEntity.ok().header("Content-Type", RECORDS_MEDIA_TYPE).header("Cache-Control", "no-store")
                .header("Oversight-Leaf-Index", Long.toString(result.leafIndex())).body(out.toByteArray());
    }

    /** The log as the rule book sees it: accepted leaves by index, an epoch's stream in order. */
    private DisclosureRules.LogView logView() {
        org.oversight.ledger.ingest.CommittedLeaves committed = new org.oversight.ledger.ingest.CommittedLeaves(leaves);
        return DisclosureRules.viewOver(committed::at, epoch -> committed.stream(StreamId.epoch(epoch)),
                entry -> committed.stream(StreamId.watchlist(entry)));
    }

    /** An entry's disclosed enrolment record: a schema-1 entry's stored record or a schema-2 entry's sealed one. */
    private interface Enrolled {
        void writeTo(RecordsFileWriter writer) throws IOException;
    }

    /**
     * The enrolment record of {@code entry} (the disclosure's {@code entries[index]}): for a
     * schema-2 entry, its sealed record opened by the vault against the entry's leaf (epoch key, or
     * the case-key wrap once kept; erased once the close did not keep it or it was destroyed); for a
     * schema-1 entry, the record its officer stored.
     */
    private Enrolled openEnrolment(String entry, int index) throws ProblemException {
        Optional<StoredLeaf> leaf = leaves.keyAt(StreamId.watchlist(entry).text(), 0)
                .flatMap(k -> leaves.findByHash(k.hash()));
        SignedEvent authorised = leaf.isEmpty() ? null : IngestController.parse(leaf.get().leaf().leafBytes(), "");
        if (authorised != null && authorised.payload() instanceof SealedWatchlistEntryAuthorized) {
            VaultRecords.Opened o = records.openEnrolment(authorised);
            if (o instanceof VaultRecords.Enrolment r) {
                return writer -> writer.writeSealedEnrolment(r.record());
            }
            String where = "payload.entries[" + index + "]: the sealed enrolment record of entry " + entry + ": ";
            if (o instanceof VaultRecords.Erased e) {
                throw new ProblemException(ProblemType.RECORD_ERASED, where + e.detail());
            }
            if (o instanceof VaultRecords.Withheld w) {
                throw new ProblemException(ProblemType.RECORD_NOT_STORED, where + w.detail());
            }
            throw new ProblemException(ProblemType.RECORD_NOT_STORED, where + "it does not open: "
                    + VaultRecords.describe(((VaultRecords.Failed) o).cause()));
        }
        EnrolmentRecord record = storedEnrolment(entry, index);
        return writer -> writer.writeEnrolment(record);
    }

    /** The vault's stored enrolment record of the schema-1 {@code entry}. */
    private EnrolmentRecord storedEnrolment(String entry, int index) throws ProblemException {
        Optional<VaultStore.StoredEnrolment> stored = store.enrolment(entry);
        if (stored.isPresent() && stored.get().erased()) {
            throw new ProblemException(ProblemType.RECORD_ERASED, "payload.entries[" + index + "]: the enrolment"
                    + " record of entry " + entry + " was erased (the entry ended and its retention passed)");
        }
        if (stored.isEmpty()) {
            throw new ProblemException(ProblemType.RECORD_NOT_STORED, "payload.entries[" + index + "]: the vault"
                    + " holds no enrolment record of entry " + entry + " (PUT /v1/vault/enrolments/" + entry
                    + " by the enrolling officer)");
        }
        try {
            return EnrolmentRecord.parse(stored.get().bytes().orElseThrow());
        } catch (org.oversight.domain.seal.MalformedRecordException e) {
            throw new IllegalStateException("stored enrolment record of " + entry + " does not parse: "
                    + e.getMessage(), e);
        }
    }

    private org.oversight.domain.seal.BiometricRecord open(DetectionRef ref) throws ProblemException {
        StoredLeaf leaf = leaves.findByHash(ref.eventHash().digest()).filter(l -> l.index() == ref.leafIndex())
                .orElseThrow(() -> new ProblemException(ProblemType.RECORD_NOT_STORED, "payload.records: no detection "
                        + ref.eventHash().hex() + " at leaf " + ref.leafIndex()));
        SignedEvent detection = IngestController.parse(leaf.leaf().leafBytes(), "");
        if (!(detection.payload() instanceof SealedFaceDetected)) {
            throw new ProblemException(ProblemType.RECORD_NOT_STORED, "payload.records: leaf " + ref.leafIndex()
                    + " is not a sealed (schema-2) detection");
        }
        VaultRecords.Opened o = records.open(detection);
        if (o instanceof VaultRecords.Record r) {
            return r.record();
        }
        if (o instanceof VaultRecords.Erased e) {
            throw new ProblemException(ProblemType.RECORD_ERASED, "payload.records: leaf " + ref.leafIndex() + ": "
                    + e.detail());
        }
        if (o instanceof VaultRecords.Withheld w) {
            throw new ProblemException(ProblemType.RECORD_NOT_STORED, "payload.records: leaf " + ref.leafIndex() + ": "
                    + w.detail());
        }
        throw new ProblemException(ProblemType.RECORD_NOT_STORED, "payload.records: leaf " + ref.leafIndex()
                + ": the sealed record does not open: " + VaultRecords.describe(((VaultRecords.Failed) o).cause()));
    }
}
