package org.oversight.domain.bundle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.KeyId;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraDecommissioned;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.Detection;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.RecordOpener;
import org.oversight.domain.seal.RecordOpeningException;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.KeyRevoked;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.merkle.rfc6962.HashSource;
import org.oversight.domain.merkle.rfc6962.HashSourceException;
import org.oversight.domain.merkle.rfc6962.ProofGenerator;
import org.oversight.domain.merkle.rfc6962.ProofRequestException;

/**
 * Builds the evidence bundle of one match from a log (docs/format.md §11.2). Pure: reads leaves and
 * hashes, never a clock; the same log, checkpoint and match give the same bytes.
 *
 * <p>It reads every leaf under the checkpoint once (a bundle needs the enrolment and revocation
 * events of every signer, which can be anywhere), parses each, and keeps only principal, camera,
 * policy and watchlist positions plus the match's stream, so memory stays small.
 */
public final class BundleBuilder {
    private BundleBuilder() {}

    /**
     * The bundle of match {@code matchId} in the log of {@code checkpoint}'s size.
     *
     * @param leaves the log's leaves
     * @param tree the log's hashes, for the inclusion proofs
     * @param checkpoint the signed checkpoint to anchor to; its root must be the tree's at its size
     * @param matchId the match id
     * @param prover the watchlist snapshot prover (the recognition module's)
     * @param alignedCrop the detection's aligned crop to carry, if any
     * @throws BundleBuildException if the checkpoint does not match the tree, a leaf is unreadable or
     *     not an event, the match, its detection, candidate entry, policy, camera or a signer's
     *     enrolment is not in the log under the checkpoint
     */
    public static EvidenceBundle build(LeafSource leaves, HashSource tree, SignedCheckpoint checkpoint, String matchId,
            SnapshotProver prover, Optional<byte[]> alignedCrop) throws BundleBuildException {
        return build(leaves, tree, checkpoint, matchId, prover, alignedCrop, null);
    }

    /**
     * The version-2 bundle of match {@code matchId} (docs/format.md §11.6): the version-1 events
     * plus every accepted-looking {@code RecordDisclosed} under the checkpoint with purpose
     * {@code evidence-bundle} that names the match's detection, and if {@code records} has an
     * enrolment crop or a sealed enrolment record every such one that names the candidate entry
     * (and, closed under signers, their signers' enrolments), and {@code records}.
     *
     * @throws BundleBuildException as {@link #build(LeafSource, HashSource, SignedCheckpoint, String,
     *     SnapshotProver, Optional)}, and if the probe record is not the match's detection's (other
     *     detection, or its commitment is not the leaf's {@code sealed.commitment}), the enrolment
     *     crop is not the candidate entry's, the sealed enrolment record is carried for a schema-1
     *     entry or does not open the entry leaf ({@code RecordOpener.checkEnrolment}), a schema-2
     *     entry's crop is carried without that record or is not one of its crops, or no such
     *     {@code RecordDisclosed} releases the record (or, for an enrolment crop or record, the entry)
     */
    public static EvidenceBundle build(LeafSource leaves, HashSource tree, SignedCheckpoint checkpoint, String matchId,
            SnapshotProver prover, BundleRecords records) throws BundleBuildException {
        return build(leaves, tree, checkpoint, matchId, prover, Optional.empty(),
                Objects.requireNonNull(records, "records"));
    }

    /**
     * Where a builder may get a sealed detection's record: the ledger's vault. Asked only for the
     * match's detection, only if it is sealed and a {@code RecordDisclosed} with purpose
     * {@code evidence-bundle} under the checkpoint names it.
     */
    @FunctionalInterface
    public interface RecordVault {
        /** The detection's record, checked by the caller to open the leaf, or empty if the vault no longer has it. */
        Optional<BiometricRecord> record(DetectionRef detection, SignedEvent event);

        /**
         * The enrolment crop of {@code entry} to carry beside {@code probe} (the vault picks the
         * template the probe scored against), or empty if the vault has none. Asked only if the
         * probe record is carried and a {@code RecordDisclosed} with purpose {@code evidence-bundle}
         * under the checkpoint names the entry in its {@code entries}.
         */
        default Optional<BundleRecords.EnrolmentCrop> enrolment(String entry, BiometricRecord probe) {
            return Optional.empty();
        }

        /**
         * The sealed enrolment record of the schema-2 entry authorised by {@code entry} (opened by the
         * vault; the builder checks it opens the leaf's commitment), or empty if the vault no longer
         * has it. Asked, before {@link #enrolment}, only if the candidate entry is schema 2, the probe
         * record is carried and a {@code RecordDisclosed} with purpose {@code evidence-bundle} under
         * the checkpoint names the entry in its {@code entries}; without it no enrolment crop is asked
         * for (a sealed entry's crop proves nothing without the record that commits to it).
         */
        default Optional<SealedEnrolmentRecord> enrolmentRecord(SignedEvent entry) {
            return Optional.empty();
        }
    }

    /**
     * The bundle the ledger serves: version 2 with the probe's record from {@code vault} when the
     * match's detection is sealed, a {@code RecordDisclosed} with purpose {@code evidence-bundle}
     * releases its record and the vault still has it; otherwise version 1 (a sealed detection's
     * bundle then cannot show its score, and the verifier says so).
     *
     * @throws BundleBuildException as {@link #build(LeafSource, HashSource, SignedCheckpoint, String,
     *     SnapshotProver, BundleRecords)}
     */
    public static EvidenceBundle build(LeafSource leaves, HashSource tree, SignedCheckpoint checkpoint, String matchId,
            SnapshotProver prover, RecordVault vault) throws BundleBuildException {
        return build(leaves, tree, checkpoint, matchId, prover, Optional.empty(), null,
                Objects.requireNonNull(vault, "vault"));
    }

    private static EvidenceBundle build(LeafSource leaves, HashSource tree, SignedCheckpoint checkpoint,
            String matchId, SnapshotProver prover, Optional<byte[]> alignedCrop, BundleRecords records)
            throws BundleBuildException {
        return build(leaves, tree, checkpoint, matchId, prover, alignedCrop, records, null);
    }

    private static EvidenceBundle build(LeafSource leaves, HashSource tree, SignedCheckpoint checkpoint,
            String matchId, SnapshotProver prover, Optional<byte[]> alignedCrop, BundleRecords records,
            RecordVault vault) throws BundleBuildException {
        Objects.requireNonNull(leaves, "leaves");
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(matchId, "matchId");
        Objects.requireNonNull(prover, "prover");
        Checkpoint cp = checkpoint.checkpoint();
        long size = cp.size();
        Sha256Digest root = root(tree, size);
        if (!root.equals(cp.rootHash())) {
            throw new BundleBuildException("checkpoint root " + cp.rootHash() + " != tree root " + root + " at size "
                    + size);
        }
        Scan scan = Scan.of(leaves, size, StreamId.match(matchId));
        if (scan.match.isEmpty() || scan.match.get(0).event().type() != EventType.MATCH_PROPOSED) {
            throw new BundleBuildException("match " + matchId + " has no MatchProposed under checkpoint size " + size);
        }
        IndexedEvent proposedAt = scan.match.get(0);
        MatchProposed proposed = (MatchProposed) proposedAt.event().payload();
        IndexedEvent detection = detection(leaves, proposed, size);
        Detection detected = (Detection) detection.event().payload();

        TreeMap<Long, IndexedEvent> included = new TreeMap<>();
        include(included, detection);
        for (IndexedEvent e : scan.match) {
            include(included, e);
        }
        List<IndexedEvent> watchlistBefore = new ArrayList<>();
        IndexedEvent authorisation = null;
        for (long leaf : scan.watchlist) {
            if (leaf >= detection.leafIndex()) {
                break;
            }
            IndexedEvent e = read(leaves, leaf);
            watchlistBefore.add(e);
            if (e.event().stream().id().equals(proposed.candidateEntry())) {
                include(included, e);
                if (e.event().type() == EventType.WATCHLIST_ENTRY_AUTHORIZED) {
                    authorisation = e;
                }
            }
        }
        // A withdrawal after the detection does not affect the match, but one before an action does (R3).
        for (long leaf : scan.watchlist) {
            IndexedEvent e = read(leaves, leaf);
            if (leaf >= detection.leafIndex() && e.event().stream().id().equals(proposed.candidateEntry())) {
                include(included, e);
            }
        }
        if (authorisation == null) {
            throw new BundleBuildException("entry " + proposed.candidateEntry() + " is not authorised before the"
                    + " detection at leaf " + detection.leafIndex());
        }
        IndexedEvent policy = null;
        for (IndexedEvent p : scan.policies) {
            if (p.leafIndex() < detection.leafIndex()) {
                policy = p;
            }
        }
        if (policy == null) {
            throw new BundleBuildException("no recognition policy before the detection at leaf " + detection.leafIndex());
        }
        include(included, policy);
        // Later policies up to the match's last event may raise the confirmations an action needs (R1).
        long lastMatchLeaf = scan.match.get(scan.match.size() - 1).leafIndex();
        for (IndexedEvent p : scan.policies) {
            if (p.leafIndex() > detection.leafIndex() && p.leafIndex() < lastMatchLeaf) {
                include(included, p);
            }
        }
        for (IndexedEvent e : scan.keyEvents) {
            if (e.event().payload() instanceof CameraRegistered r && r.camera().equals(detected.camera())) {
                include(included, e);
            }
        }
        if (detected instanceof SealedFaceDetected sealed) {
            // The epoch's opening makes the detection acceptable (R5(a)); its close and destructions say
            // whether the record was kept, and for how long (R5, R8).
            StreamId epoch = StreamId.epoch(sealed.sealed().epoch());
            for (IndexedEvent e : scan.epochEvents) {
                if (e.event().stream().equals(epoch)) {
                    include(included, e);
                }
            }
        }
        List<IndexedEvent> releasing = new ArrayList<>();
        for (IndexedEvent d : scan.disclosures) {
            RecordDisclosed rd = (RecordDisclosed) d.event().payload();
            if (rd.purpose() == DisclosurePurpose.EVIDENCE_BUNDLE && rd.records().contains(proposed.detection())) {
                releasing.add(d);
            }
        }
        List<IndexedEvent> releasingEntry = new ArrayList<>();
        for (IndexedEvent d : scan.disclosures) {
            RecordDisclosed rd = (RecordDisclosed) d.event().payload();
            if (rd.purpose() == DisclosurePurpose.EVIDENCE_BUNDLE
                    && rd.disclosedEntries().contains(proposed.candidateEntry())) {
                releasingEntry.add(d);
            }
        }
        if (records == null && vault != null && detected instanceof SealedFaceDetected && !releasing.isEmpty()) {
            Optional<BiometricRecord> found = vault.record(proposed.detection(), detection.event());
            if (found.isPresent()) {
                Optional<SealedEnrolmentRecord> entryRecord = Optional.empty();
                Optional<BundleRecords.EnrolmentCrop> enrolment = Optional.empty();
                boolean sealedEntry = authorisation.event().payload() instanceof SealedWatchlistEntryAuthorized;
                if (!releasingEntry.isEmpty()) {
                    if (sealedEntry) {
                        entryRecord = vault.enrolmentRecord(authorisation.event());
                    }
                    // A sealed entry's crop goes only with the record that commits to it.
                    if (entryRecord.isPresent() || !sealedEntry) {
                        enrolment = vault.enrolment(proposed.candidateEntry(), found.get());
                    }
                }
                records = new BundleRecords(proposed.detection(), found.get(), enrolment, entryRecord);
            }
        }
        if (records != null) {
            checkRecords(records, proposed, detection, authorisation);
            releasing.forEach(d -> include(included, d));
            if (releasing.isEmpty()) {
                throw new BundleBuildException("no RecordDisclosed with purpose evidence-bundle under checkpoint size "
                        + size + " names the detection at leaf " + detection.leafIndex()
                        + ": its record cannot go into a bundle without a disclosure on the record");
            }
            if (records.enrolment().isPresent() || records.entryRecord().isPresent()) {
                releasingEntry.forEach(d -> include(included, d));
                if (releasingEntry.isEmpty()) {
                    throw new BundleBuildException("no RecordDisclosed with purpose evidence-bundle under checkpoint"
                            + " size " + size + " names entry " + proposed.candidateEntry() + " in its entries: its"
                            + " enrolment crop cannot go into a bundle without a disclosure on the record");
                }
            }
        }
        closeOverSigners(included, scan.keyEvents);
        includeGenesisPrefix(included, leaves);

        List<BundleLeaf> bundleLeaves = new ArrayList<>(included.size());
        for (IndexedEvent e : included.values()) {
            bundleLeaves.add(new BundleLeaf(e.event().leafBytes(), proof(tree, e.leafIndex(), size)));
        }
        // The projection also ends a schema-2 entry at the close that erased or the destruction that
        // destroyed its enrolment record (format.md §9.8): the snapshot is computed over those too.
        List<IndexedEvent> projectedBefore = new ArrayList<>(watchlistBefore);
        for (IndexedEvent e : scan.epochEvents) {
            if (e.leafIndex() < detection.leafIndex() && e.event().type() != EventType.ERASURE_EPOCH_OPENED) {
                projectedBefore.add(e);
            }
        }
        projectedBefore.sort(Comparator.comparingLong(IndexedEvent::leafIndex));
        SnapshotProof snapshot = prover.prove(projectedBefore, detection, proposed.candidateEntry());
        return records == null ? new EvidenceBundle(matchId, checkpoint, bundleLeaves, snapshot, alignedCrop)
                : EvidenceBundle.v2(matchId, checkpoint, bundleLeaves, snapshot, records);
    }

    private static void checkRecords(BundleRecords records, MatchProposed proposed, IndexedEvent detection,
            IndexedEvent authorisation) throws BundleBuildException {
        if (!records.probeDetection().equals(proposed.detection())) {
            throw new BundleBuildException("the probe record is for the detection " + records.probeDetection().toJson()
                    + ", not the match's " + proposed.detection().toJson());
        }
        if (!(detection.event().payload() instanceof SealedFaceDetected sealed)) {
            throw new BundleBuildException("the detection at leaf " + detection.leafIndex()
                    + " is schema 1 (its template is in the leaf): it has no sealed record to carry");
        }
        if (!sealed.sealed().commitment().equals(records.probe().commitment())) {
            throw new BundleBuildException("the probe record's commitment " + records.probe().commitment().hex()
                    + " != the leaf's sealed.commitment " + sealed.sealed().commitment().hex());
        }
        if (records.enrolment().isPresent() && !records.enrolment().get().entry().equals(proposed.candidateEntry())) {
            throw new BundleBuildException("the enrolment crop is for entry " + records.enrolment().get().entry()
                    + ", not the candidate entry " + proposed.candidateEntry());
        }
        boolean sealedEntry = authorisation.event().payload() instanceof SealedWatchlistEntryAuthorized;
        if (records.entryRecord().isPresent()) {
            if (!(authorisation.event().payload() instanceof SealedWatchlistEntryAuthorized leaf)) {
                throw new BundleBuildException("the candidate entry " + proposed.candidateEntry() + " at leaf "
                        + authorisation.leafIndex() + " is schema 1 (its templates are in the leaf): it has no sealed"
                        + " enrolment record to carry");
            }
            SealedEnrolmentRecord entryRecord = records.entryRecord().get();
            try {
                RecordOpener.checkEnrolment(entryRecord, leaf);
            } catch (RecordOpeningException e) {
                throw new BundleBuildException("the sealed enrolment record does not open the entry leaf at leaf "
                        + authorisation.leafIndex() + ": " + e.getMessage(), e);
            }
            if (records.enrolment().isPresent()) {
                BundleRecords.EnrolmentCrop crop = records.enrolment().get();
                if (crop.template() >= entryRecord.crops().size() || !java.util.Arrays.equals(crop.alignedCrop(),
                        entryRecord.crops().get(crop.template()).alignedCrop())) {
                    throw new BundleBuildException("the enrolment crop (template " + crop.template() + ") is not"
                            + " crop " + crop.template() + " of the entry's sealed enrolment record");
                }
            }
        } else if (sealedEntry && records.enrolment().isPresent()) {
            throw new BundleBuildException("the candidate entry " + proposed.candidateEntry() + " is schema 2: its"
                    + " enrolment crop goes into a bundle only with its sealed enrolment record, which commits to it");
        }
    }

    private static void include(TreeMap<Long, IndexedEvent> included, IndexedEvent e) {
        included.putIfAbsent(e.leafIndex(), e);
    }

    /**
     * Adds, until nothing changes, the enrolment and every revocation of each included event's
     * signer, and for each included {@code KeyEnrolled} of role authority its principal's
     * {@code AuthorityDeclared}.
     */
    private static void closeOverSigners(TreeMap<Long, IndexedEvent> included, List<IndexedEvent> keyEvents)
            throws BundleBuildException {
        TreeSet<String> done = new TreeSet<>();
        TreeSet<String> declared = new TreeSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (IndexedEvent e : new ArrayList<>(included.values())) {
                // An authority key enrolled by another authority: §5.4 needs its principal's declaration.
                if (e.event().payload() instanceof KeyEnrolled ke && ke.role() == Role.AUTHORITY
                        && declared.add(ke.principal())) {
                    for (IndexedEvent k : keyEvents) {
                        if (k.event().payload() instanceof AuthorityDeclared a && a.principal().equals(ke.principal())
                                && k.leafIndex() < e.leafIndex() && !included.containsKey(k.leafIndex())) {
                            include(included, k);
                            changed = true;
                        }
                    }
                }
                KeyId signer = e.event().header().signer();
                if (!done.add(signer.hex())) {
                    continue;
                }
                changed = true;
                boolean enrolled = false;
                String camera = null;
                for (IndexedEvent k : keyEvents) {
                    Object p = k.event().payload();
                    boolean enrols = p instanceof AuthorityDeclared a && a.publicKey().keyId().equals(signer)
                            || p instanceof KeyEnrolled ke && ke.publicKey().keyId().equals(signer)
                            || p instanceof CameraRegistered r && r.devicePublicKey().keyId().equals(signer);
                    if (enrols) {
                        include(included, k);
                        enrolled = true;
                        if (p instanceof CameraRegistered r) {
                            camera = r.camera();
                        }
                    } else if (p instanceof KeyRevoked kr && kr.keyId().equals(signer)) {
                        include(included, k);
                    }
                }
                if (camera != null) {
                    for (IndexedEvent k : keyEvents) {
                        if (k.event().payload() instanceof CameraDecommissioned d && d.camera().equals(camera)) {
                            include(included, k);
                        }
                    }
                }
                if (!enrolled) {
                    throw new BundleBuildException("signer key " + signer + " of leaf " + e.leafIndex()
                            + " is never enrolled under the checkpoint");
                }

            }
        }
    }

    /**
     * A self-signed declaration is a trust anchor only if every leaf before it is a declaration
     * (§5.4), which only the leaves themselves show: include them all.
     */
    private static void includeGenesisPrefix(TreeMap<Long, IndexedEvent> included, LeafSource leaves)
            throws BundleBuildException {
        long last = -1;
        for (IndexedEvent e : included.values()) {
            if (e.event().payload() instanceof AuthorityDeclared a
                    && a.publicKey().keyId().equals(e.event().header().signer())) {
                last = e.leafIndex();
            }
        }
        for (long i = 0; i < last; i++) {
            if (!included.containsKey(i)) {
                include(included, read(leaves, i));
            }
        }
    }

    private static IndexedEvent detection(LeafSource leaves, MatchProposed proposed, long size)
            throws BundleBuildException {
        long leaf = proposed.detection().leafIndex();
        if (leaf >= size) {
            throw new BundleBuildException("detection leaf " + leaf + " >= checkpoint size " + size);
        }
        IndexedEvent e = read(leaves, leaf);
        if (!e.event().eventHash().equals(proposed.detection().eventHash())
                || e.event().type() != EventType.FACE_DETECTED) {
            throw new BundleBuildException("leaf " + leaf + " is not the FaceDetected " + proposed.detection().eventHash()
                    + " the match names");
        }
        return e;
    }

    static IndexedEvent read(LeafSource leaves, long index) throws BundleBuildException {
        try {
            return new IndexedEvent(index, SignedEvent.parse(leaves.leaf(index)));
        } catch (InvalidEventException e) {
            throw new BundleBuildException("leaf " + index + " is not an event: " + e.getMessage(), e);
        }
    }

    private static Sha256Digest root(HashSource tree, long size) throws BundleBuildException {
        try {
            return ProofGenerator.root(tree, size);
        } catch (ProofRequestException | HashSourceException e) {
            throw new BundleBuildException("no root at size " + size + ": " + e.getMessage(), e);
        }
    }

    private static org.oversight.domain.merkle.rfc6962.InclusionProof proof(HashSource tree, long leaf, long size)
            throws BundleBuildException {
        try {
            return ProofGenerator.inclusionProof(tree, leaf, size);
        } catch (ProofRequestException | HashSourceException e) {
            throw new BundleBuildException("no inclusion proof for leaf " + leaf + " at size " + size + ": "
                    + e.getMessage(), e);
        }
    }

    /** What one pass over the log keeps. */
    private static final class Scan {
        final List<IndexedEvent> keyEvents = new ArrayList<>();
        final List<IndexedEvent> policies = new ArrayList<>();
        final List<Long> watchlist = new ArrayList<>();
        final List<IndexedEvent> match = new ArrayList<>();
        final List<IndexedEvent> disclosures = new ArrayList<>();
        final List<IndexedEvent> epochEvents = new ArrayList<>();

        static Scan of(LeafSource leaves, long size, StreamId matchStream) throws BundleBuildException {
            Scan s = new Scan();
            for (long i = 0; i < size; i++) {
                IndexedEvent e = read(leaves, i);
                switch (e.event().type()) {
                    case AUTHORITY_DECLARED, KEY_ENROLLED, KEY_REVOKED, CAMERA_REGISTERED, CAMERA_DECOMMISSIONED ->
                            s.keyEvents.add(e);
                    case RECOGNITION_POLICY_SET -> s.policies.add(e);
                    case WATCHLIST_ENTRY_AUTHORIZED, WATCHLIST_ENTRY_WITHDRAWN -> s.watchlist.add(i);
                    case RECORD_DISCLOSED -> s.disclosures.add(e);
                    case ERASURE_EPOCH_OPENED, ERASURE_EPOCH_CLOSED, KEPT_RECORDS_DESTROYED -> s.epochEvents.add(e);
                    default -> {
                        if (e.event().stream().equals(matchStream)) {
                            s.match.add(e);
                        }
                    }
                }
            }
            return s;
        }
    }
}
