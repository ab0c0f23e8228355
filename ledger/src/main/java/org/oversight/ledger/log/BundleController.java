package org.oversight.ledger.log;

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.bundle.BundleBuildException;
import org.oversight.domain.bundle.BundleBuilder;
import org.oversight.domain.bundle.BundleLeaf;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.bundle.LeafSource;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.ledger.vault.VaultRecords;
import org.springframework.beans.factory.ObjectProvider;
import org.oversight.domain.event.StreamId;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.witness.CheckpointCosignatures;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.oversight.ledger.sequencer.LeafKey;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.StoredHashSource;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import org.oversight.recognition.projection.SnapshotProofs;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The court evidence bundle of one match (docs/format.md §11), anchored to the latest signed
 * checkpoint. The bundle carries the detection and watchlist entry templates, so every served
 * bundle is recorded by {@link BiometricReadAudit}, once per biometric leaf it carries.
 *
 * <p>A match on a sealed (schema-2) detection whose record a {@code RecordDisclosed} with purpose
 * {@code evidence-bundle} released, and which the vault still holds, gets a version-2 bundle
 * carrying that record (crop, template, landmarks) and the disclosure (format.md §11.6); if a
 * {@code RecordDisclosed} with purpose {@code evidence-bundle} also names the candidate entry and
 * the vault holds its enrolment record, the bundle carries the enrolment crop closest to the probe
 * and that disclosure too; for a schema-2 candidate entry it carries the entry's whole sealed
 * enrolment record ({@code records.entryRecord}, opened by the vault) with that crop, or neither if
 * the vault no longer holds it (the court's verifier then says the score was not re-derived).
 * Other bundles are version 1.
 */
@RestController
@ConditionalOnPostgresLog
public class BundleController {
    private final LeafStore store;
    private final Checkpointer checkpointer;
    private final CheckpointCosignatures cosignatures;
    private final BiometricReadAudit audit;
    private final ObjectProvider<VaultRecords> vault;
    private final ObjectProvider<org.oversight.ledger.vault.VaultEnrolments> enrolments;

    public BundleController(LeafStore store, Checkpointer checkpointer, BiometricReadAudit audit,
            CheckpointCosignatures cosignatures, ObjectProvider<VaultRecords> vault,
            ObjectProvider<org.oversight.ledger.vault.VaultEnrolments> enrolments) {
        this.vault = vault;
        this.enrolments = enrolments;
        this.cosignatures = cosignatures;
        this.store = store;
        this.checkpointer = checkpointer;
        this.audit = audit;
    }

    /**
     * @throws ProblemException {@code not-found} if the match id is invalid, unknown, or its proposal
     *     is not yet under the latest signed checkpoint; {@code internal} if the log under the
     *     checkpoint cannot give a bundle (a broken invariant, logged with the builder's reason)
     */
    @GetMapping(path = "/v1/matches/{matchId}/bundle", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> bundle(@PathVariable String matchId, Principal principal) throws ProblemException {
        StreamId stream;
        try {
            stream = StreamId.match(matchId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "matchId: '" + matchId + "' is not a match id");
        }
        long proposalLeaf = store.keyAt(stream.text(), 0).map(LeafKey::index).orElseThrow(() ->
                new ProblemException(ProblemType.NOT_FOUND, "matchId: no match '" + matchId + "'"));
        SignedCheckpoint checkpoint = cosignatures.preferQuorum(checkpointer.latest()
                .filter(c -> c.checkpoint().size() > proposalLeaf)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "matchId: match '" + matchId
                        + "' at leaf " + proposalLeaf + " is not yet covered by a signed checkpoint")), proposalLeaf);
        long size = checkpoint.checkpoint().size();
        EvidenceBundle bundle;
        try {
            bundle = BundleBuilder.build(new PagedLeafSource(store, size), new StoredHashSource(store, size),
                    checkpoint, matchId, SnapshotProofs.INSTANCE, new BundleBuilder.RecordVault() {
                        /** The schema-2 candidate's record, opened once for both the record and its crop. */
                        private Optional<org.oversight.domain.seal.SealedEnrolmentRecord> sealed = Optional.empty();

                        @Override
                        public Optional<BiometricRecord> record(DetectionRef detection, SignedEvent event) {
                            return disclosedRecord(detection, event);
                        }

                        @Override
                        public Optional<org.oversight.domain.seal.SealedEnrolmentRecord> enrolmentRecord(
                                SignedEvent entry) {
                            sealed = sealedEnrolment(entry);
                            return sealed;
                        }

                        @Override
                        public Optional<org.oversight.domain.bundle.BundleRecords.EnrolmentCrop> enrolment(String entry,
                                BiometricRecord probe) {
                            return disclosedEnrolment(entry, probe, sealed.map(
                                    org.oversight.domain.seal.SealedEnrolmentRecord::enrolment));
                        }
                    });
        } catch (BundleBuildException e) {
            throw new ProblemException(ProblemType.INTERNAL, "evidence bundle of match '" + matchId
                    + "' cannot be built at checkpoint size " + size + ": " + e.getMessage(), e);
        }
        String resource = "/v1/matches/" + matchId + "/bundle";
        for (BundleLeaf leaf : bundle.events()) {
            if (TileController.isBiometric(leaf.leafBytes())) {
                audit.record(principal.getName(), resource, leaf.leafIndex());
            }
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(bundle.toBytes());
    }

    /**
     * The sealed record of a match's detection, which the builder asks for only when a
     * {@code RecordDisclosed} with purpose {@code evidence-bundle} under the checkpoint releases it
     * (format.md §11.6): from the vault, if it still holds it (kept by the epoch's close, not yet
     * destroyed); otherwise the bundle is version 1.
     */
    private Optional<BiometricRecord> disclosedRecord(DetectionRef detection, SignedEvent event) {
        VaultRecords records = vault.getIfAvailable();
        if (records == null) {
            return Optional.empty();
        }
        return records.open(event) instanceof VaultRecords.Record r ? Optional.of(r.record()) : Optional.empty();
    }

    /**
     * The enrolment crop of the candidate entry, which the builder asks for only when a
     * {@code RecordDisclosed} with purpose {@code evidence-bundle} names the entry (and, for a
     * schema-2 entry, only after the vault opened its sealed enrolment record, which the bundle then
     * carries too, format.md §11.6): the crop of that record, or of a schema-1 entry's stored one,
     * whose template is closest to the probe's.
     */
    private Optional<org.oversight.domain.bundle.BundleRecords.EnrolmentCrop> disclosedEnrolment(String entry,
            BiometricRecord probe, Optional<org.oversight.domain.seal.EnrolmentRecord> sealed) {
        org.oversight.ledger.vault.VaultEnrolments e = enrolments.getIfAvailable();
        Optional<org.oversight.domain.seal.EnrolmentRecord> record = sealed.isPresent() ? sealed
                : e == null ? Optional.empty() : e.record(entry);
        return record.flatMap(r -> {
            java.util.OptionalInt i = org.oversight.recognition.pipeline.EnrolmentCheck.closestCrop(r,
                    probe.template());
            return i.isEmpty() ? Optional.empty() : Optional.of(new org.oversight.domain.bundle.BundleRecords
                    .EnrolmentCrop(entry, i.getAsInt(), r.crops().get(i.getAsInt()).alignedCrop()));
        });
    }

    /**
     * A schema-2 entry's sealed enrolment record (crops, templates, nonce), opened by the vault against
     * the entry's leaf {@code entry} while it holds it (epoch key, or the case wrap of the kept
     * record); empty once erased or destroyed, or if the vault cannot open it.
     */
    private Optional<org.oversight.domain.seal.SealedEnrolmentRecord> sealedEnrolment(SignedEvent entry) {
        VaultRecords records = vault.getIfAvailable();
        if (records == null) {
            return Optional.empty();
        }
        return records.openEnrolment(entry) instanceof VaultRecords.Enrolment r ? Optional.of(r.record())
                : Optional.empty();
    }

    /**
     * Leaves read a page at a time: the builder scans every leaf under the checkpoint in order, so
     * one query per page instead of one per leaf.
     */
    static final class PagedLeafSource implements LeafSource {
        static final int PAGE = 512;

        private final LeafStore store;
        private final long size;
        private long pageStart = -1;
        private List<StoredLeaf> page = List.of();

        PagedLeafSource(LeafStore store, long size) {
            this.store = store;
            this.size = size;
        }

        @Override
        public byte[] leaf(long index) throws BundleBuildException {
            if (index < 0 || index >= size) {
                throw new BundleBuildException("leaf index " + index + " outside [0, " + size + ")");
            }
            long start = index - index % PAGE;
            if (start != pageStart) {
                page = store.leaves(start, (int) Math.min(PAGE, size - start));
                pageStart = start;
            }
            int offset = (int) (index - start);
            if (offset >= page.size() || page.get(offset).index() != index) {
                throw new BundleBuildException("leaf " + index + " is not stored");
            }
            return page.get(offset).leaf().leafBytes();
        }
    }
}
