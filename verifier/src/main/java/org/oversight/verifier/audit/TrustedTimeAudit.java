package org.oversight.verifier.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.oversight.domain.checkpoint.CheckpointVerificationException;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.checkpoint.WitnessQuorum;
import org.oversight.domain.checkpoint.WitnessQuorumException;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.export.CheckpointArchive;
import org.oversight.domain.export.MalformedExportException;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.NoteVerificationException;
import org.oversight.domain.note.NoteVerifier;
import org.oversight.domain.policy.PreErasureWitnesses;
import org.oversight.domain.policy.RuleViolation;
import org.oversight.domain.policy.TrustedTime;
import org.oversight.verifier.report.Check;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.VerificationReport;

/**
 * Rule R11 (trusted time) in {@code verifier audit}, evaluated by the domain's {@link TrustedTime}
 * against the log's checkpoint archive ({@code --checkpoints}, docs/format.md §10.2): for each
 * detection judged by R11, the first checkpoint of the archive that contains it, is signed by the log
 * key, carries the witness quorum and whose root the export's leaves reproduce.
 *
 * <p>Streaming, in step with the ordered pass: the archive is read ahead one checkpoint cosigned by
 * a named witness at a time; detections wait in a queue until the pass has hashed the next
 * quorum-cosigned checkpoint's leaves, so memory is the detections between two quorum-cosigned
 * checkpoints. A checkpoint of the archive whose root the export's leaves do not reproduce is an R10
 * finding (the log key signed two incompatible trees) and is not used. Every verified checkpoint,
 * with or without the quorum, also tells {@link PreErasureWitnesses} which named witnesses cosigned
 * it (docs/rules.md, "Decisions over erased records"). A detection that no usable checkpoint contains is not judged
 * and is counted in the report, never silently.
 *
 * <p>Why an archive served by the adversary is enough: hiding the first quorum-cosigned checkpoint
 * only makes the next one count, whose witness times are later, so the backdating bound gets
 * stricter, never looser; the forward-dating bound is enforced live by every witness against its own
 * clock ({@code verifier witness}). Not thread-safe: the ordered pass alone calls it.
 */
final class TrustedTimeAudit {
    private record Pending(long leaf, String eventId, Timestamp capture, long maxReportingDelayMs) {}

    /** A checkpoint of the archive with the named witnesses' cosignatures; {@code times} null without the quorum. */
    private record Candidate(SignedCheckpoint signed, List<Cosignature> cosigners, TrustedTime.WitnessTimes times) {}

    private final CheckpointArchive.Reader archive;
    private final String origin;
    private final NoteVerifier logKey;
    private final WitnessQuorum quorum;
    private final long exportSize;
    private final PreErasureWitnesses preErasure;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private Candidate next;
    private boolean started;
    private boolean archiveDone;
    private String archiveProblem;
    private long read;
    private long withoutQuorum;
    private long beyondExport;
    private long used;
    private long judged;
    private long withoutDelay;
    private long violations;

    /**
     * @param archive the checkpoint archive, its header already read
     * @param exportSize the export's tree size: checkpoints beyond it cannot be checked against its leaves
     */
    TrustedTimeAudit(CheckpointArchive.Reader archive, String origin, NoteVerifier logKey, WitnessQuorum quorum,
            long exportSize) {
        this.archive = archive;
        this.origin = origin;
        this.logKey = logKey;
        this.quorum = quorum;
        this.exportSize = exportSize;
        this.preErasure = new PreErasureWitnesses(quorum.witnesses());
    }

    /**
     * Which named witnesses cosigned which checkpoints of the archive, each checkpoint verified (log
     * key, root of the export's leaves), with or without the quorum: complete after the pass.
     */
    PreErasureWitnesses preErasureWitnesses() {
        return preErasure;
    }

    /**
     * An accepted detection at {@code leaf} (leaves arrive in increasing order).
     *
     * @param maxReportingDelayMs the {@code maxReportingDelayMs} of the policy in force at the leaf;
     *     empty if there is none (a schema-1 policy or none at all): R11 does not judge the detection
     */
    void detection(long leaf, String eventId, Timestamp capture, Optional<Long> maxReportingDelayMs) {
        if (maxReportingDelayMs.isEmpty()) {
            withoutDelay++;
            return;
        }
        pending.add(new Pending(leaf, eventId, capture, maxReportingDelayMs.get()));
    }

    /**
     * The ordered pass has hashed leaves {@code 0 .. size − 1}; {@code root} computes their root.
     */
    void treeSize(long size, Supplier<Sha256Digest> root, Consumer<Finding> sink) {
        if (!started) {
            started = true;
            advance(sink);
        }
        if (next == null || next.signed().checkpoint().size() != size) {
            return;
        }
        Sha256Digest r = root.get();
        SignedCheckpoint c = next.signed();
        if (!r.equals(c.checkpoint().rootHash())) {
            sink.accept(new Finding(Rule.CONSISTENCY, size - 1, "", "root " + c.checkpoint().rootHash().hex()
                    + " at tree size " + size + " (checkpoint archive, signed by the log key: "
                    + new String(c.toBytes(), StandardCharsets.UTF_8).replace("\n", "\\n") + ")",
                    "root " + r.hex() + " implied by the export's first " + size + " leaves"));
        } else if (next.times() == null) {
            preErasure.cosigned(size, next.cosigners());
        } else {
            preErasure.cosigned(size, next.cosigners());
            used++;
            while (!pending.isEmpty() && pending.peek().leaf() < size) {
                Pending p = pending.poll();
                judged++;
                Optional<RuleViolation> v = TrustedTime.check(p.leaf(), p.eventId(), p.capture(), next.times(),
                        p.maxReportingDelayMs());
                if (v.isPresent()) {
                    violations++;
                    sink.accept(PolicyFindings.of(v.get()));
                }
            }
        }
        advance(sink);
    }

    /** Reads up to the next quorum-cosigned checkpoint of the archive that the export can check. */
    private void advance(Consumer<Finding> sink) {
        next = null;
        while (!archiveDone) {
            SignedCheckpoint c;
            try {
                c = archive.next();
            } catch (IOException | MalformedExportException e) {
                archiveProblem = e.getMessage();
                archiveDone = true;
                sink.accept(Finding.global(Rule.INPUT, "a checkpoint archive as in format.md §10.2",
                        "--checkpoints: " + e.getMessage() + "; the rest of the archive is not used"));
                return;
            }
            if (c == null) {
                archiveDone = true;
                return;
            }
            read++;
            try {
                c.verify(origin, logKey);
            } catch (NoteVerificationException | CheckpointVerificationException e) {
                sink.accept(Finding.global(Rule.INPUT, "checkpoints signed by the log key in the archive",
                        "--checkpoints: checkpoint of size " + c.checkpoint().size() + ": " + e.getMessage()));
                continue;
            }
            long size = c.checkpoint().size();
            if (size > exportSize) {
                beyondExport++;
                archiveDone = true;
                return;
            }
            if (size == 0) {
                continue;
            }
            List<Cosignature> cosigners;
            try {
                cosigners = quorum.cosigners(c);
            } catch (WitnessQuorumException e) {
                withoutQuorum++;
                continue;
            }
            boolean hasQuorum = cosigners.size() >= quorum.k() && !cosigners.isEmpty();
            if (!hasQuorum) {
                withoutQuorum++;
            }
            if (cosigners.isEmpty()) {
                continue;
            }
            // A checkpoint short of the quorum is not used by R11, but shows which witnesses cosigned it.
            next = new Candidate(c, cosigners, hasQuorum ? TrustedTime.WitnessTimes.of(size, cosigners) : null);
            return;
        }
    }

    /** At the end of the pass: the check and the facts; detections still queued are not judged. */
    void finish(VerificationReport report) {
        long unjudged = pending.size();
        String firstUnjudged = pending.isEmpty() ? "" : "; the first at leaf " + pending.peek().leaf();
        report.fact("trusted time (R11)", judged + " detections judged against " + used
                + " quorum-cosigned checkpoints of the archive (" + read + " read, " + withoutQuorum
                + " without the quorum" + (beyondExport > 0 ? ", later ones beyond the export not used" : "") + "); "
                + withoutDelay + " not judged: no policy with maxReportingDelayMs in force at their leaf; "
                + unjudged + " not judged: no quorum-cosigned checkpoint of the archive contains them" + firstUnjudged
                + (archiveProblem != null ? "; the rest of the archive is unreadable: " + archiveProblem : ""));
        report.check(new Check(Rule.R11_TRUSTED_TIME, judged + " detections", "L*1000 - maxReportingDelayMs <="
                + " captureTime < (E + 1)*1000, E and L the earliest and latest witness times (s) of the first"
                + " quorum-cosigned checkpoint of the archive containing the detection, maxReportingDelayMs the"
                + " policy's in force at it (docs/rules.md R11)", violations == 0));
        pending.clear();
    }
}
