package org.oversight.verifier.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.policy.TrustedTime;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.CompactRange;
import org.oversight.domain.merkle.rfc6962.ConsistencyProof;
import org.oversight.domain.merkle.rfc6962.HashSourceException;
import org.oversight.domain.merkle.rfc6962.ProofGenerator;
import org.oversight.domain.merkle.rfc6962.ProofRequestException;
import org.oversight.domain.merkle.rfc6962.Rfc6962Hashing;
import org.oversight.recognition.projection.SealedRecordSource;
import org.oversight.verifier.report.Finding;

/**
 * The audit's ordered pass ({@link LeafReplay}: replay, rules, projection) fed a batch of leaves at a
 * time as the log grows — the live auditor behind {@code verifier witness}. It holds the whole
 * accepted-event state in memory (plus the leaf hashes in a temporary file); it is not persisted:
 * a witness persists the leaves it verified and replays them through a new instance on restart.
 *
 * <p>A batch is first hashed into a copy of the tree ({@link #rootWith}) so that a caller can check
 * it against a signed root before anything is replayed; {@link #append} then replays it. The
 * findings of {@link #append} are exactly those a whole-log {@link LogAuditor} run reports at those
 * leaves, and {@link #overdueDecisions} those its projection replay would report as missing at the
 * current size. Not thread-safe.
 */
public final class IncrementalAudit implements AutoCloseable {
    private final LeafHashFile hashes;
    private final LeafReplay replay;
    private final LeafPreparer preparer = new LeafPreparer();
    private final CompactRange range = CompactRange.empty();
    /** The detections of the last {@link #append} that rule R11 judges (a delay is in force at them). */
    private final List<Detection> appended = new ArrayList<>();

    private record Detection(long leaf, String eventId, Timestamp captureTime) {}

    /** The epochs whose {@code ErasureEpochClosed} the last {@link #append} accepted. */
    private final List<String> closed = new ArrayList<>();

    /** @param projectionGraceLeaves as for {@link LogAuditor#PROJECTION_GRACE_LEAVES} (≥ 0) */
    public IncrementalAudit(long projectionGraceLeaves) throws IOException {
        this(projectionGraceLeaves, SealedRecordSource.NONE);
    }

    /**
     * @param projectionGraceLeaves as for {@link LogAuditor#PROJECTION_GRACE_LEAVES} (≥ 0)
     * @param records where the projection replay gets the records of sealed detections (a witness's
     *     own: its epoch keys and the vault's blobs)
     */
    public IncrementalAudit(long projectionGraceLeaves, SealedRecordSource records) throws IOException {
        this.hashes = LeafHashFile.createTemporary();
        this.replay = new LeafReplay(hashes, projectionGraceLeaves, records);
        replay.onEpochClosed(closed::add);
        replay.onDetection((leaf, eventId, capture, delay) -> {
            if (delay.isPresent()) {
                appended.add(new Detection(leaf, eventId, capture));
            }
        });
    }

    /**
     * Also tells {@code observer} every accepted event and its leaf, in leaf order, as {@link #append}
     * replays it (after the rules and the projection replay saw it).
     */
    public void onAccepted(java.util.function.ObjLongConsumer<org.oversight.domain.event.SignedEvent> observer) {
        replay.onAccepted(observer);
    }

    /** Leaves replayed so far. */
    public long size() {
        return range.size();
    }

    /** The RFC 9162 root over the leaves replayed so far. */
    public Sha256Digest root() {
        return range.root();
    }

    /** The root the tree would have with {@code leaves} appended; changes nothing. */
    public Sha256Digest rootWith(List<byte[]> leaves) {
        CompactRange copy = range.copy();
        for (byte[] leaf : leaves) {
            copy.append(Rfc6962Hashing.leafHash(leaf));
        }
        return copy.root();
    }

    /**
     * Replays {@code leaves} as leaves {@link #size()} onwards.
     *
     * @return the violations found at them, in log order (empty: all of them passed every check)
     * @throws IOException if the leaf-hash file cannot be written
     */
    public List<Finding> append(List<byte[]> leaves) throws IOException {
        appended.clear();
        closed.clear();
        List<Finding> findings = new ArrayList<>();
        for (int from = 0; from < leaves.size(); from += LogAuditor.DEFAULT_BATCH) {
            PreparedLeaf[] prepared = preparer.prepare(leaves.subList(from, Math.min(leaves.size(),
                    from + LogAuditor.DEFAULT_BATCH)));
            for (PreparedLeaf p : prepared) {
                long leaf = range.size();
                range.append(p.leafHash());
                hashes.append(p.leafHash());
                replay.replay(p, leaf, findings::add);
            }
        }
        return findings;
    }

    /**
     * R11's right bound ({@link TrustedTime#capturedBefore}) for the detections of the last
     * {@link #append} that R11 judges, against the time of the cosignature about to be made.
     *
     * @param witnessSeconds the cosignature's timestamp
     * @param witnessTime names it in a violation
     */
    public List<Finding> capturedBefore(long witnessSeconds, String witnessTime) {
        List<Finding> findings = new ArrayList<>();
        for (Detection d : appended) {
            TrustedTime.capturedBefore(d.leaf(), d.eventId(), d.captureTime(), witnessSeconds, witnessTime)
                    .map(PolicyFindings::of).ifPresent(findings::add);
        }
        return findings;
    }

    /** The epochs closed ({@code ErasureEpochClosed} accepted) in the leaves of the last {@link #append}. */
    public List<String> epochsClosed() {
        return List.copyOf(closed);
    }

    /** Derived match decisions whose proposal is overdue at the current size (see {@link ProjectionAudit#overdue}). */
    public List<Finding> overdueDecisions() {
        return replay.projection().overdue(range.size());
    }

    /**
     * The consistency proof from {@code size1} to the current size, computed from the replayed
     * leaves (evidence when a checkpoint of size {@code size1} disagrees with them).
     */
    public ConsistencyProof consistencyProof(long size1) throws ProofRequestException, HashSourceException {
        return ProofGenerator.consistencyProof(hashes, size1, range.size());
    }

    /**
     * A one-line summary: events accepted, decisions derived and agreeing, and the detections searched
     * without a sealed record they needed (their own, or an active entry's enrolment record), whose
     * decisions were therefore not re-derived.
     */
    public String summary() {
        ProjectionAudit p = replay.projection();
        return range.size() + " leaves, " + replay.accepted() + " events accepted; " + p.derived()
                + " match decisions derived, " + p.logged() + " MatchProposed, " + p.agreeing() + " agree; "
                + p.withheldDetections() + " detections not searched for want of a sealed record";
    }

    @Override
    public void close() {
        hashes.close();
    }
}
