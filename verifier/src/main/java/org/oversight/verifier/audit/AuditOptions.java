package org.oversight.verifier.audit;

import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.checkpoint.WitnessQuorum;
import org.oversight.verifier.trust.AuthorityKeys;

/**
 * How a {@link LogAuditor} audits: every choice besides the log's key and origin. Start from
 * {@link #defaults()} and change what differs; none of the choices changes the report except as
 * stated (parallelism and batch size never do).
 *
 * @param parallelism threads that parse and pre-verify signatures of batches of leaves ahead of the
 *     ordered pass (1: the whole audit runs on the calling thread); ≥ 1
 * @param batchSize leaves per parallel batch; ≥ 1
 * @param projectionGraceLeaves leaves at the end of the log whose detections may still await their
 *     proposals (docs/rules.md, "Projection replay"); ≥ 0
 * @param authorityKeys the authorities' keys to check genesis against (R-genesis); empty: trusted
 *     on first use, and the report says so
 * @param witnesses the witness quorum the checkpoint must carry (R10's witness part, needed for R11);
 *     empty: cosignatures are not checked
 * @param records the sealed records the auditor was given (records files); empty: none
 */
public record AuditOptions(int parallelism, int batchSize, long projectionGraceLeaves,
        Optional<AuthorityKeys> authorityKeys, Optional<WitnessQuorum> witnesses, Optional<DisclosedRecords> records) {
    public AuditOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism " + parallelism + " < 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " < 1");
        }
        if (projectionGraceLeaves < 0) {
            throw new IllegalArgumentException("projection grace leaves " + projectionGraceLeaves + " < 0");
        }
        Objects.requireNonNull(authorityKeys, "authorityKeys");
        Objects.requireNonNull(witnesses, "witnesses");
        Objects.requireNonNull(records, "records");
    }

    /**
     * One thread, {@link LogAuditor#DEFAULT_BATCH} leaves per batch, {@link LogAuditor#PROJECTION_GRACE_LEAVES},
     * no authority keys, no witnesses, no records.
     */
    public static AuditOptions defaults() {
        return new AuditOptions(1, LogAuditor.DEFAULT_BATCH, LogAuditor.PROJECTION_GRACE_LEAVES, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public AuditOptions withParallelism(int threads) {
        return new AuditOptions(threads, batchSize, projectionGraceLeaves, authorityKeys, witnesses, records);
    }

    public AuditOptions withBatchSize(int leaves) {
        return new AuditOptions(parallelism, leaves, projectionGraceLeaves, authorityKeys, witnesses, records);
    }

    public AuditOptions withProjectionGraceLeaves(long leaves) {
        return new AuditOptions(parallelism, batchSize, leaves, authorityKeys, witnesses, records);
    }

    /** Genesis checked against {@code keys} (rule R-genesis); empty: trusted on first use. */
    public AuditOptions withAuthorityKeys(Optional<AuthorityKeys> keys) {
        return new AuditOptions(parallelism, batchSize, projectionGraceLeaves, keys, witnesses, records);
    }

    /** The checkpoint must carry the cosignatures of {@code quorum} (R10's witness part). */
    public AuditOptions requiringWitnesses(WitnessQuorum quorum) {
        return new AuditOptions(parallelism, batchSize, projectionGraceLeaves, authorityKeys,
                Optional.of(Objects.requireNonNull(quorum, "quorum")), records);
    }

    /**
     * Sealed detections replayed with {@code disclosed} (the records files an auditor was given,
     * docs/format.md §10.1): each record is used only if it opens its leaf's commitment; every logged
     * decision on a sealed detection without a usable record is reported as not re-derived.
     */
    public AuditOptions withRecords(DisclosedRecords disclosed) {
        return new AuditOptions(parallelism, batchSize, projectionGraceLeaves, authorityKeys, witnesses,
                Optional.of(Objects.requireNonNull(disclosed, "disclosed")));
    }
}
