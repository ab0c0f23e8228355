package org.oversight.verifier.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.CheckpointVerificationException;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.checkpoint.WitnessQuorum;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.EventType;
import org.oversight.domain.export.LogExportReader;
import org.oversight.domain.export.CheckpointArchive;
import org.oversight.domain.export.MalformedExportException;
import org.oversight.domain.merkle.rfc6962.CompactRange;
import org.oversight.domain.merkle.rfc6962.ConsistencyProof;
import org.oversight.domain.merkle.rfc6962.HashSourceException;
import org.oversight.domain.merkle.rfc6962.ProofGenerator;
import org.oversight.domain.merkle.rfc6962.ProofRequestException;
import org.oversight.domain.note.NoteVerificationException;
import org.oversight.domain.note.NoteVerifier;
import org.oversight.domain.policy.RuleBook;
import org.oversight.domain.replay.LogReplayer;
import org.oversight.verifier.report.Check;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.Plural;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.VerificationReport;
import org.oversight.verifier.trust.AuthorityKeys;
import org.oversight.verifier.trust.GenesisCheck;

/**
 * Audits a whole log from its export (docs/format.md §10), offline, trusting nothing but the log's
 * public key and, from an earlier run, the last checkpoint that fully verified.
 *
 * <p>Stages, in order:
 * <ol>
 *   <li>the export's checkpoint must be signed by the log key and name the expected origin; if
 *       not, the audit stops there (fail closed): nothing else in the export can be trusted;
 *   <li>a remembered checkpoint (if any) must be signed by the same key; if it is larger than the
 *       export's, the log shrank (R10) and the audit stops;
 *   <li>every leaf is hashed into a {@link CompactRange}; at the remembered size the root must
 *       equal the remembered root (R10; on a mismatch the report carries both checkpoints, the
 *       root this export implies at that size and a consistency proof from it to the new root as
 *       evidence), and at the end the root must equal the checkpoint's;
 *   <li>every leaf is replayed in log order with the domain's {@link LogReplayer} (envelope,
 *       chain, signer key valid at that leaf, signature, effect). A rejected event changes no
 *       state, so the audit continues and one report lists every violation, capped at
 *       {@value #MAX_FINDINGS_PER_RULE} listed per rule (the rest are counted);
 *   <li>every accepted event, right after its acceptance and in log order, is fed to the domain's
 *       {@link RuleBook}, which reports rules R1, R2, R3, R4, R5, R6, R7, R8 and R-disclosure (docs/rules.md) at the violating
 *       leaf. Rejected events are not fed: they are not part of the log's accepted history;
 *   <li>the same accepted events, in the same order, drive the recognition projection
 *       ({@link ProjectionAudit}, docs/format.md §9.8): its decisions must be exactly the logged
 *       {@code MatchProposed} events — extra and differing proposals are reported at their leaf,
 *       missing ones at their detection's leaf, and decisions the log may still be awaiting at its
 *       end (docs/rules.md, "Projection replay") are reported as pending, not as violations;
 *   <li>the same accepted events give the genesis trust anchors, listed in the report and, if the
 *       auditor gave the authorities' keys, checked against them ({@link GenesisCheck}, rule
 *       R-genesis); otherwise the report says that genesis was trusted on first use.
 * </ol>
 *
 * <p>Deterministic: the same export, key and remembered checkpoint always give the same report,
 * byte for byte, whatever the parallelism. With {@code parallelism} ≥ 2 a bounded pipeline
 * ({@link LeafPipeline}) runs: a reader thread frames the leaves into batches, {@code parallelism}
 * workers do the order-independent work on each (parse, leaf hash, Ed25519 check against the key
 * the header names — {@link LeafPreparer}), and the calling thread makes the single ordered pass
 * (Merkle range, chains, registry, rules, projection), using an advance signature outcome only if
 * it was computed with the key the registry confirms for that leaf ({@link PreverifyingReplayer}).
 * Every decision and finding is made in that ordered pass, in log order. Memory is O(streams + events × 8 bytes +
 * detections × 56 bytes + watchlist entries (with templates) + match reviews + derived decisions
 * not yet proposed + the pipeline's window of {@code 2 × parallelism} batches) — the detections and matches being what the policy rules may still
 * refer to; leaf hashes go to a temporary file, deleted afterwards.
 *
 * <p>With {@link #requireWitnesses}, right after the checkpoint's signature, R10's witness part: the
 * checkpoint must carry cosignatures from the quorum ({@link WitnessCheck}); a failure is a finding
 * and the audit goes on. With a checkpoint archive, rule R11 ({@link TrustedTimeAudit}). Not
 * checked in this version: R4; witness cosignatures unless required; R11 without an archive. The
 * report says so.
 */
public final class LogAuditor {
    /** Findings listed per rule; further ones are counted in {@link VerificationReport#omitted()}. */
    public static final int MAX_FINDINGS_PER_RULE = 1000;

    /** Leaves between two {@link AuditProgress} calls. */
    public static final long PROGRESS_INTERVAL = 10_000;

    /** The fact line naming what this version checks. */
    public static final String RULES_CHECKED = "checkpoint signature and root; R10 consistency with the"
            + " remembered checkpoint; canonical encoding; stream chains; signer keys, roles and signatures;"
            + " registry consistency; R9; R1, R2, R3, R4, R5, R6, R7, R8, R-disclosure; projection replay (docs/rules.md)";

    /** The fact line naming what this version does not check. */
    public static final String RULES_NOT_CHECKED = "R10 witness co-signatures; R11 trusted time (needs"
            + " --witness and --checkpoints)";

    /**
     * Leaves at the end of the log whose detections may still await their {@code MatchProposed}
     * (docs/rules.md, "Projection replay"): the engine appends asynchronously, so a checkpoint can
     * fall between a detection and its proposals.
     */
    public static final long PROJECTION_GRACE_LEAVES = 10_000;

    /** Leaves read, parsed and pre-verified together, as one unit of work of the pipeline. */
    public static final int DEFAULT_BATCH = 256;

    private final NoteVerifier logKey;
    private final String origin;
    private final int parallelism;
    private final int batchSize;
    private final long projectionGraceLeaves;
    private final Optional<AuthorityKeys> authorityKeys;
    /** The witness quorum the checkpoint must carry, or null when none is required. */
    private final WitnessQuorum witnesses;
    /** The sealed records the auditor was given (records files), or null for none. */
    private final DisclosedRecords records;

    /**
     * @param logKey the log's checkpoint key, obtained out of band
     * @param origin the origin the checkpoints must name (usually the key's name)
     */
    public LogAuditor(NoteVerifier logKey, String origin) {
        this(logKey, origin, 1);
    }

    /**
     * @param parallelism threads that parse and pre-verify signatures of batches of leaves ahead
     *     of the ordered pass (1: the whole audit runs on the calling thread); the report is the
     *     same for every value
     * @throws IllegalArgumentException if {@code parallelism < 1}
     */
    public LogAuditor(NoteVerifier logKey, String origin, int parallelism) {
        this(logKey, origin, parallelism, DEFAULT_BATCH);
    }

    /**
     * As above, checking genesis against {@code authorityKeys} (rule R-genesis, {@link GenesisCheck});
     * without them the report says that genesis was trusted on first use.
     */
    public LogAuditor(NoteVerifier logKey, String origin, int parallelism, Optional<AuthorityKeys> authorityKeys) {
        this(logKey, origin, parallelism, DEFAULT_BATCH, PROJECTION_GRACE_LEAVES, authorityKeys, null);
    }

    /** As above, with {@code batchSize} leaves per parallel batch (tests vary it). */
    LogAuditor(NoteVerifier logKey, String origin, int parallelism, int batchSize) {
        this(logKey, origin, parallelism, batchSize, PROJECTION_GRACE_LEAVES);
    }

    /** As above, with {@code projectionGraceLeaves} instead of {@link #PROJECTION_GRACE_LEAVES} (tests). */
    LogAuditor(NoteVerifier logKey, String origin, int parallelism, int batchSize, long projectionGraceLeaves) {
        this(logKey, origin, parallelism, batchSize, projectionGraceLeaves, Optional.empty(), null);
    }

    /**
     * This auditor, also requiring the export's checkpoint to carry the cosignatures of {@code quorum}
     * (R10's witness part, {@link WitnessCheck}); without it, witness cosignatures are not checked.
     */
    public LogAuditor requireWitnesses(WitnessQuorum quorum) {
        return new LogAuditor(logKey, origin, parallelism, batchSize, projectionGraceLeaves, authorityKeys,
                Objects.requireNonNull(quorum, "quorum"), records);
    }

    /**
     * This auditor, replaying sealed detections with {@code disclosed} (the records files an
     * auditor was given, docs/format.md §10.1): each record is used only if it opens its leaf's
     * commitment; every logged decision on a sealed detection without a usable record is reported
     * as not re-derived (withheld or erased), never as a violation of the projection.
     */
    public LogAuditor withRecords(DisclosedRecords disclosed) {
        return new LogAuditor(logKey, origin, parallelism, batchSize, projectionGraceLeaves, authorityKeys, witnesses,
                Objects.requireNonNull(disclosed, "disclosed"));
    }

    private LogAuditor(NoteVerifier logKey, String origin, int parallelism, int batchSize, long projectionGraceLeaves,
            Optional<AuthorityKeys> authorityKeys, WitnessQuorum witnesses) {
        this(logKey, origin, parallelism, batchSize, projectionGraceLeaves, authorityKeys, witnesses, null);
    }

    private LogAuditor(NoteVerifier logKey, String origin, int parallelism, int batchSize, long projectionGraceLeaves,
            Optional<AuthorityKeys> authorityKeys, WitnessQuorum witnesses, DisclosedRecords records) {
        this.witnesses = witnesses;
        this.records = records;
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism " + parallelism + " < 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " < 1");
        }
        this.logKey = Objects.requireNonNull(logKey, "logKey");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.parallelism = parallelism;
        this.batchSize = batchSize;
        if (projectionGraceLeaves < 0) {
            throw new IllegalArgumentException("projection grace leaves " + projectionGraceLeaves + " < 0");
        }
        this.projectionGraceLeaves = projectionGraceLeaves;
        this.authorityKeys = Objects.requireNonNull(authorityKeys, "authorityKeys");
    }

    /**
     * Audits the export read from {@code export}.
     *
     * @param remembered the last checkpoint that fully verified in an earlier audit (parsed, not
     *     yet verified), or empty on first use
     * @throws MalformedExportException if the export's header is unreadable (framing errors after
     *     the header are findings)
     * @throws IOException if reading the input or the temporary leaf-hash file fails
     */
    public AuditOutcome audit(InputStream export, Optional<SignedCheckpoint> remembered, AuditProgress progress)
            throws IOException, MalformedExportException {
        return audit(export, Optional.empty(), remembered, progress);
    }

    /**
     * As above, also checking rule R11 (trusted time, {@link TrustedTimeAudit}) against the log's
     * checkpoint archive, which needs the witness quorum ({@link #requireWitnesses}).
     *
     * @param archive the checkpoint archive (docs/format.md §10.2), its header read; empty: R11 is
     *     not checked and the report says so
     * @throws IllegalStateException if an archive is given but no witness quorum is required
     */
    public AuditOutcome audit(InputStream export, Optional<CheckpointArchive.Reader> archive,
            Optional<SignedCheckpoint> remembered, AuditProgress progress) throws IOException, MalformedExportException {
        Objects.requireNonNull(remembered, "remembered");
        Objects.requireNonNull(progress, "progress");
        if (archive.isPresent() && witnesses == null) {
            throw new IllegalStateException("R11 needs the witness quorum: requireWitnesses before giving an archive");
        }
        LogExportReader reader = new LogExportReader(export);
        return new Run(reader, archive, remembered, progress).execute();
    }

    /** The key as {@code name+keyid}, as in a C2SP verifier key. */
    private String keyLabel() {
        return logKey.keyName() + "+" + String.format("%08x", logKey.keyId());
    }

    /** One audit's state. */
    private final class Run {
        private final LogExportReader reader;
        private final Optional<CheckpointArchive.Reader> archive;
        private final Optional<SignedCheckpoint> remembered;
        private final AuditProgress progress;
        private final VerificationReport report = new VerificationReport("Audit of log " + origin);
        private final EnumMap<Rule, Long> violations = new EnumMap<>(Rule.class);
        private LeafReplay leaves;

        Run(LogExportReader reader, Optional<CheckpointArchive.Reader> archive, Optional<SignedCheckpoint> remembered,
                AuditProgress progress) {
            this.reader = reader;
            this.archive = archive;
            this.remembered = remembered;
            this.progress = progress;
        }

        AuditOutcome execute() throws IOException {
            SignedCheckpoint signed = reader.checkpoint();
            Checkpoint checkpoint = signed.checkpoint();
            report.fact("origin", origin);
            report.fact("log key", keyLabel());
            report.fact("tree size", Long.toString(checkpoint.size()));
            report.fact("root", checkpoint.rootHash().hex());
            report.fact("rules checked", RULES_CHECKED
                    + (authorityKeys.isPresent() ? "; R-genesis against the authority keys given" : "")
                    + (witnesses == null ? "" : "; R10 witness quorum")
                    + (archive.isPresent() ? "; R11 trusted time against the checkpoint archive" : ""));
            StringJoiner notChecked = new StringJoiner("; ");
            if (witnesses == null) {
                notChecked.add("R10 witness co-signatures");
            }
            if (archive.isEmpty()) {
                notChecked.add("R11 trusted time (needs --witness and --checkpoints)");
            }
            report.fact("rules not checked in this version", notChecked.length() == 0 ? "none" : notChecked.toString());
            if (!checkpointTrusted(signed)) {
                report.fact("stopped", "the checkpoint is not signed by the log key for this origin, so nothing"
                        + " in this export can be trusted; no further checks were made");
                return finish(signed);
            }
            if (witnesses != null) {
                WitnessCheck.check(report, signed, witnesses);
            }
            Checkpoint old = null;
            if (remembered.isPresent()) {
                old = rememberedTrusted(remembered.get(), signed);
                if (old == null) {
                    return finish(signed);
                }
            } else {
                report.fact("state", "first use: no remembered checkpoint; this checkpoint is trusted on first use"
                        + " and remembered only if the whole audit passes");
            }
            try (LeafHashFile hashes = LeafHashFile.createTemporary()) {
                streamLeaves(signed, old, hashes);
            }
            return finish(signed);
        }

        private AuditOutcome finish(SignedCheckpoint signed) {
            for (Map.Entry<Rule, Long> e : violations.entrySet()) {
                report.omitted(e.getKey(), Math.max(0, e.getValue() - MAX_FINDINGS_PER_RULE));
            }
            return new AuditOutcome(report, report.passed() ? Optional.of(signed) : Optional.empty());
        }

        private void add(Finding finding) {
            long n = violations.merge(finding.rule(), 1L, Long::sum);
            if (n <= MAX_FINDINGS_PER_RULE) {
                report.finding(finding);
            }
        }

        private long count(Rule rule) {
            return violations.getOrDefault(rule, 0L);
        }

        private boolean checkpointTrusted(SignedCheckpoint signed) {
            String method = "C2SP signed-note signature by log key " + keyLabel() + ", origin '" + origin + "'";
            try {
                signed.verify(origin, logKey);
                report.check(new Check(Rule.CHECKPOINT, "export checkpoint", method, true));
                return true;
            } catch (NoteVerificationException | CheckpointVerificationException e) {
                report.check(new Check(Rule.CHECKPOINT, "export checkpoint", method, false));
                add(Finding.global(Rule.CHECKPOINT, "a checkpoint for origin '" + origin + "' signed by log key "
                        + keyLabel(), e.getMessage()));
                return false;
            }
        }

        /** The verified remembered checkpoint, or null after recording why the audit stops. */
        private Checkpoint rememberedTrusted(SignedCheckpoint rememberedSigned, SignedCheckpoint signed) {
            Checkpoint now = signed.checkpoint();
            Checkpoint old;
            try {
                old = rememberedSigned.verify(origin, logKey);
            } catch (NoteVerificationException | CheckpointVerificationException e) {
                report.check(new Check(Rule.CONSISTENCY, "remembered checkpoint", "signature by log key "
                        + keyLabel(), false));
                add(Finding.global(Rule.INPUT, "a remembered checkpoint for origin '" + origin
                        + "' signed by log key " + keyLabel(), "state file: " + e.getMessage()));
                report.fact("stopped", "the remembered checkpoint is not this log's; no further checks were made");
                return null;
            }
            report.fact("remembered checkpoint", "size " + old.size() + ", root " + old.rootHash().hex());
            if (old.size() > now.size()) {
                report.check(new Check(Rule.CONSISTENCY, "tree size " + now.size() + " against remembered size "
                        + old.size(), "a log only grows (RFC 9162 §2.1.4)", false));
                add(Finding.global(Rule.CONSISTENCY, "a checkpoint of tree size >= " + old.size()
                        + " (the remembered checkpoint)", "tree size " + now.size() + ": the log shrank by "
                        + Plural.of(old.size() - now.size(), "leaf", "leaves")));
                evidenceCheckpoints(rememberedSigned, signed);
                report.fact("stopped", "the log shrank; both checkpoints are signed by the log key, which must never"
                        + " sign two inconsistent checkpoints; no further checks were made");
                return null;
            }
            return old;
        }

        private void evidenceCheckpoints(SignedCheckpoint rememberedSigned, SignedCheckpoint signed) {
            report.fact("evidence: remembered checkpoint (signed note)",
                    new String(rememberedSigned.toBytes(), StandardCharsets.UTF_8));
            report.fact("evidence: export checkpoint (signed note)", new String(signed.toBytes(),
                    StandardCharsets.UTF_8));
        }

        private void streamLeaves(SignedCheckpoint signed, Checkpoint old, LeafHashFile hashes) throws IOException {
            Checkpoint now = signed.checkpoint();
            if (records != null) {
                records.reset();
            }
            leaves = new LeafReplay(hashes, projectionGraceLeaves, records == null ? org.oversight.recognition.projection.SealedRecordSource.NONE : records);
            TrustedTimeAudit trustedTime = archive.map(a -> new TrustedTimeAudit(a, origin, logKey, witnesses,
                    now.size())).orElse(null);
            if (trustedTime != null) {
                leaves.onDetection(trustedTime::detection);
            }
            CompactRange range = CompactRange.empty();
            Sha256Digest impliedAtOld = old != null && old.size() == 0 ? range.root() : null;
            boolean complete = true;
            try (LeafPipeline pipeline = new LeafPipeline(reader, parallelism, batchSize)) {
                for (LeafPipeline.Batch batch = pipeline.next(); batch != null; batch = pipeline.next()) {
                    PreparedLeaf[] prepared = batch.leaves();
                    for (int i = 0; i < prepared.length; i++) {
                        long leaf = batch.firstLeaf() + i;
                        range.append(prepared[i].leafHash());
                        hashes.append(prepared[i].leafHash());
                        if (old != null && range.size() == old.size()) {
                            impliedAtOld = range.root();
                        }
                        leaves.replay(prepared[i], leaf, this::add);
                        if (trustedTime != null) {
                            trustedTime.treeSize(range.size(), range::root, this::add);
                        }
                        if (range.size() % PROGRESS_INTERVAL == 0) {
                            progress.leavesRead(range.size(), now.size());
                        }
                    }
                    if (batch.framing() != null) {
                        add(new Finding(Rule.INPUT, batch.framingLeaf(), "", "leaf lines framed as in format.md §10",
                                batch.framing().getMessage()));
                        complete = false;
                    }
                }
            }
            progress.leavesRead(range.size(), now.size());
            String rootMethod = "RFC 9162 Merkle tree hash over the export's leaves equals the checkpoint root";
            boolean rootHolds = false;
            if (complete) {
                Sha256Digest root = range.root();
                rootHolds = root.equals(now.rootHash());
                if (!rootHolds) {
                    add(Finding.global(Rule.CHECKPOINT, "root " + now.rootHash().hex() + " over " + now.size()
                            + " leaves (signed checkpoint)", "root " + root.hex()
                            + " computed from the export's leaves"));
                }
            }
            report.check(new Check(Rule.CHECKPOINT, "root over " + Plural.of(now.size(), "leaf", "leaves"), rootMethod, rootHolds));
            if (old != null) {
                consistency(signed, old, impliedAtOld, rootHolds, hashes);
            }
            leaves.projection().finish(range.size()).forEach(this::add);
            leaves.projection().notRederived().forEach(report::notRederived);
            if (records != null) {
                records.finish(range.size()).forEach(this::add);
            }
            perEventChecks(now.size());
            if (trustedTime != null) {
                trustedTime.finish(report);
            }
            GenesisCheck.apply(leaves.genesis(), authorityKeys, GenesisCheck.Scope.AUDIT, report, this::add);
        }

        private void consistency(SignedCheckpoint signed, Checkpoint old, Sha256Digest impliedAtOld,
                boolean exportMatchesCheckpoint, LeafHashFile hashes) {
            Checkpoint now = signed.checkpoint();
            String subject = "remembered checkpoint (size " + old.size() + ") against this one (size " + now.size() + ")";
            String method = "root of the export's first " + old.size() + " leaves equals the remembered root";
            if (impliedAtOld == null) {
                report.check(new Check(Rule.CONSISTENCY, subject, method + " (not reached: the export is incomplete)",
                        false));
                return;
            }
            if (impliedAtOld.equals(old.rootHash())) {
                report.check(new Check(Rule.CONSISTENCY, subject, method, true));
                report.fact("state", "consistent with the remembered checkpoint of size " + old.size());
                return;
            }
            report.check(new Check(Rule.CONSISTENCY, subject, method, false));
            add(new Finding(Rule.CONSISTENCY, old.size() - 1, "", "root " + old.rootHash().hex() + " at tree size "
                    + old.size() + " (remembered checkpoint)", "root " + impliedAtOld.hex() + " implied by the export's"
                    + " first " + old.size() + " leaves"));
            report.fact("state", "INCONSISTENT with the remembered checkpoint of size " + old.size()
                    + "; state file left unchanged");
            report.fact("meaning", exportMatchesCheckpoint
                    ? "the log key signed two checkpoints that cannot both hold: the export's checkpoint commits to"
                            + " leaves whose first " + old.size() + " do not hash to the remembered root (history"
                            + " rewritten, or a split view shown to different auditors)"
                    : "the export does not match its own checkpoint (see the checkpoint finding), so the"
                            + " inconsistency may lie in this copy of the export rather than in the log");
            evidenceCheckpoints(remembered.orElseThrow(), signed);
            report.fact("evidence: root implied by the export at size " + old.size(), impliedAtOld.hex());
            if (old.size() > 0 && old.size() < now.size()) {
                try {
                    ConsistencyProof proof = ProofGenerator.consistencyProof(hashes, old.size(), now.size());
                    StringJoiner lines = new StringJoiner("\n");
                    proof.hashes().forEach(h -> lines.add(h.hex()));
                    report.fact("evidence: consistency proof " + old.size() + " -> " + now.size()
                            + " from the export's leaves (RFC 9162 §2.1.4.1)", lines.toString());
                } catch (ProofRequestException | HashSourceException e) {
                    report.fact("evidence: consistency proof", "could not be computed: " + e.getMessage());
                }
            }
        }

        private void perEventChecks(long leafCount) {
            LogReplayer replayer = leaves.replayer();
            ProjectionAudit projection = leaves.projection();
            long accepted = leaves.accepted();
            long events = 0;
            StringJoiner byType = new StringJoiner(", ");
            for (EventType type : EventType.values()) {
                long n = leaves.typeCount(type);
                events += n;
                if (n > 0) {
                    byType.add(type.wireName() + " " + n);
                }
            }
            long detections = leaves.typeCount(EventType.FACE_DETECTED);
            report.fact("events", events + " well-formed, " + accepted + " accepted, in "
                    + Plural.of(replayer.chains().streamCount(), "stream"));
            report.fact("events by type", events == 0 ? "none" : byType.toString());
            report.fact("projection", projection.summary());
            if (records != null) {
                report.fact("sealed records", records.summary());
            } else if (projection.withheldDetections() > 0) {
                report.fact("sealed records", "none given (--records): the decisions of every sealed detection are"
                        + " not re-derived");
            }
            leaves.matchCounts().forEach(report::matches);
            report.check(new Check(Rule.CANONICAL, Plural.of(leafCount, "leaf", "leaves"), "each is the canonical JSON encoding of a"
                    + " well-formed signed event envelope (format.md §3.3)", count(Rule.CANONICAL) == 0));
            report.check(new Check(Rule.CHAIN, Plural.of(events, "event"), "seq gapless from 0 and prev = hash of the"
                    + " stream's previous event; no replay, no fork (format.md §5.2)", count(Rule.CHAIN) == 0));
            report.check(new Check(Rule.SIGNATURE, Plural.of(events, "event"), "signer key enrolled before the leaf and not"
                    + " revoked, role permitted for type and stream (format.md §5.4); Ed25519 signature verifies"
                    + " (format.md §3.4)", count(Rule.SIGNATURE) == 0));
            report.check(new Check(Rule.REGISTRY, Plural.of(events, "event"), "no duplicate principal, key or camera; only"
                    + " enrolled keys revoked, only registered cameras decommissioned (format.md §5.4)",
                    count(Rule.REGISTRY) == 0));
            report.check(new Check(Rule.R9_CAMERA, Plural.of(detections, "detection"), "signed by the device key of their"
                    + " camera, registered before and not decommissioned at that leaf", count(Rule.R9_CAMERA) == 0));
            PolicyFindings.checks(leaves.rules(), this::count).forEach(report::check);
            report.check(new Check(Rule.PROJECTION, Plural.of(projection.derived(), "decision") + ", "
                    + Plural.of(projection.logged(), "match", "matches"), "replaying the recognition projection (format.md §9.8) over the accepted events"
                    + " derives exactly the logged MatchProposed events, field by field; none extra; none missing"
                    + " except those still pending at the end of the log (docs/rules.md); decisions on sealed"
                    + " detections whose record was not given are listed as not re-derived", count(Rule.PROJECTION) == 0));
            if (records != null) {
                report.check(new Check(Rule.SEALED_RECORD, records.size() + " disclosed records", "each opens the"
                        + " sealed.commitment of the detection leaf it names (format.md §12) and is named by an"
                        + " accepted RecordDisclosed, the one its records file names", count(Rule.SEALED_RECORD) == 0));
            }
        }
    }
}
