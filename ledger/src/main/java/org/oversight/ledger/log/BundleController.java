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
 * and that disclosure too. Other bundles are version 1.
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
                        @Override
                        public Optional<BiometricRecord> record(DetectionRef detection, SignedEvent event) {
                            return disclosedRecord(detection, event);
                        }

                        @Override
                        public Optional<org.oversight.domain.bundle.BundleRecords.EnrolmentCrop> enrolment(String entry,
                                BiometricRecord probe) {
                            return disclosedEnrolment(entry, probe);
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
     * {@code RecordDisclosed} with purpose {@code evidence-bundle} names the entry: the crop of the
     * vault's enrolment record (a schema-2 entry's sealed one, or a schema-1 entry's stored one)
     * whose template is closest to the probe's, if the vault still holds it.
     */
    private Optional<org.oversight.domain.bundle.BundleRecords.EnrolmentCrop> disclosedEnrolment(String entry,
            BiometricRecord probe) {
        org.oversight.ledger.vault.VaultEnrolments e = enrolments.getIfAvailable();
        if (e == null) {
            return Optional.empty();
        }
        Optional<org.oversight.domain.seal.EnrolmentRecord> record = e.isSealed(entry)
                ? sealedEnrolment(entry) : e.record(entry);
        return record.flatMap(r -> {
            java.util.OptionalInt i = org.oversight.recognition.pipeline.EnrolmentCheck.closestCrop(r,
                    probe.template());
            return i.isEmpty() ? Optional.empty() : Optional.of(new org.oversight.domain.bundle.BundleRecords
                    .EnrolmentCrop(entry, i.getAsInt(), r.crops().get(i.getAsInt()).alignedCrop()));
        });
    }

    /**
     * A schema-2 entry's enrolment record (its crops and templates), opened by the vault against the
     * entry's leaf while it holds it (epoch key, or the case wrap of the kept record).
     */
    private Optional<org.oversight.domain.seal.EnrolmentRecord> sealedEnrolment(String entry) {
        VaultRecords records = vault.getIfAvailable();
        Optional<LeafKey> key = store.keyAt(StreamId.watchlist(entry).text(), 0);
        if (records == null || key.isEmpty()) {
            return Optional.empty();
        }
        SignedEvent event;
        try {
            event = SignedEvent.parse(store.findByHash(key.get().hash()).orElseThrow().leaf().leafBytes());
        } catch (org.oversight.domain.event.InvalidEventException x) {
            throw new IllegalStateException("committed leaf " + key.get().index() + " does not parse: " + x.getMessage(),
                    x);
        }
        return records.openEnrolment(event) instanceof VaultRecords.Enrolment r ? Optional.of(r.record().enrolment())
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
