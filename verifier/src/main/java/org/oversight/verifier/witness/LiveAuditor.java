package org.oversight.verifier.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.CheckpointVerificationException;
import org.oversight.domain.checkpoint.MalformedCheckpointException;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofException;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofVerifier;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.MalformedNoteException;
import org.oversight.domain.note.NoteSignature;
import org.oversight.domain.note.NoteVerificationException;
import org.oversight.domain.note.NoteVerifier;
import org.oversight.verifier.audit.IncrementalAudit;
import org.oversight.verifier.report.Finding;

/**
 * The witness's logic, independent of HTTP: C2SP tlog-witness {@code add-checkpoint} for one log,
 * cosigning (C2SP tlog-cosignature/v1) only what it has re-derived.
 *
 * <p>For a request {@code (old size, proof, checkpoint)}, in this order: the body must parse (400);
 * the checkpoint's origin must be this log's (404); the log key's signature must verify (403); the
 * old size must not exceed the checkpoint's (400); a halted witness refuses (503, naming the
 * evidence file); the old size must be the size last cosigned (409 with that size); at equal sizes
 * the roots must agree (else the log signed two different trees of one size: a fork, so the witness
 * halts and answers 409); from size 0 the proof must be empty, otherwise it must verify from the
 * cosigned root to the new one (422). Then the new leaves are fetched from the log, must hash to the
 * checkpoint's root (503 otherwise: the log withholds or garbles its data; nothing is replayed),
 * and are replayed through every rule and the recognition projection ({@link IncrementalAudit});
 * any violation halts the witness with the evidence. Only then are the leaves and the checkpoint
 * persisted, and the cosignature — timestamped by the injected clock — returned (200).
 *
 * <p>Requests are serialised (check and update are one atomic step, as tlog-witness requires).
 * State: the accepted-event state lives in memory; the verified leaves are persisted and replayed
 * on restart ({@link WitnessStateDirectory}), with the epoch keys ({@link WitnessEpochKeys}) and the
 * enrolment records of kept schema-2 entries ({@link WitnessEntryRecords}), so that a restart
 * re-derives what the witness re-derived before it.
 */
public final class LiveAuditor implements AutoCloseable {
    private final WitnessStateDirectory state;
    private final NoteVerifier logKey;
    private final String origin;
    private final Ed25519Cosigner cosigner;
    private final LeafSource source;
    private final Clock clock;
    private final IncrementalAudit audit;
    private final WitnessEpochKeys epochKeys;
    private final WitnessRecords records;
    private SignedCheckpoint cosigned;
    private String halted;

    private LiveAuditor(WitnessStateDirectory state, NoteVerifier logKey, String origin, Ed25519Cosigner cosigner,
            LeafSource source, Clock clock, IncrementalAudit audit, WitnessEpochKeys epochKeys,
            WitnessRecords records) {
        this.epochKeys = epochKeys;
        this.records = records;
        this.state = state;
        this.logKey = logKey;
        this.origin = origin;
        this.cosigner = cosigner;
        this.source = source;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Opens (or creates) the witness state in {@code stateDir} and replays the leaves verified
     * before, so the in-memory state is what it was.
     *
     * @throws WitnessStateException if the state directory's checkpoint is not this log's, its
     *     leaves do not hash to it (the directory is damaged or belongs to another log), or a kept
     *     entry record in it does not open to its entry's leaf (named in the message)
     * @throws IOException if the directory cannot be read or written
     */
    public static LiveAuditor open(java.nio.file.Path stateDir, NoteVerifier logKey, String origin,
            Ed25519Cosigner cosigner, LeafSource source, Clock clock, long projectionGraceLeaves)
            throws IOException, WitnessStateException {
        return open(stateDir, logKey, origin, cosigner, source, null, clock, projectionGraceLeaves);
    }

    /**
     * As {@link #open(java.nio.file.Path, NoteVerifier, String, Ed25519Cosigner, LeafSource, Clock, long)},
     * also opening the sealed records of the epochs this witness is a recipient of with the blobs
     * {@code vault} serves ({@link WitnessRecords}): a blob that is missing or does not open to its
     * leaf's commitment halts the witness.
     *
     * @param vault the ledger's vault read with this witness's credential, or null for none (every
     *     sealed detection is then withheld from the projection, and the status says so)
     * @throws IOException also if the vault cannot be reached for the blobs of the verified leaves
     */
    public static LiveAuditor open(java.nio.file.Path stateDir, NoteVerifier logKey, String origin,
            Ed25519Cosigner cosigner, LeafSource source, VaultBlobs vault, Clock clock, long projectionGraceLeaves)
            throws IOException, WitnessStateException {
        WitnessStateDirectory state = new WitnessStateDirectory(stateDir);
        WitnessEpochKeys epochKeys = new WitnessEpochKeys(stateDir, Objects.requireNonNull(cosigner, "cosigner"),
                defaultRecipient(cosigner), new java.security.SecureRandom());
        WitnessEntryRecords entries = new WitnessEntryRecords(new EntryRecordFiles(stateDir));
        WitnessRecords records = new WitnessRecords(epochKeys, vault, entries);
        IncrementalAudit audit = new IncrementalAudit(projectionGraceLeaves, records);
        audit.onAccepted(entries::observe);
        LiveAuditor w = new LiveAuditor(state, Objects.requireNonNull(logKey, "logKey"),
                Objects.requireNonNull(origin, "origin"), cosigner,
                Objects.requireNonNull(source, "source"), Objects.requireNonNull(clock, "clock"), audit, epochKeys,
                records);
        try {
            w.restore();
        } catch (IOException | WitnessStateException | RuntimeException e) {
            audit.close();
            throw e;
        }
        return w;
    }

    private void restore() throws IOException, WitnessStateException {
        halted = state.evidence().map(e -> "halted earlier; evidence in " + state.evidencePath()).orElse(null);
        Optional<byte[]> saved = state.checkpoint();
        if (saved.isEmpty()) {
            state.loadLeaves(0);
            return;
        }
        Checkpoint c;
        try {
            cosigned = SignedCheckpoint.parse(saved.get());
            c = cosigned.verify(origin, logKey);
        } catch (MalformedNoteException | MalformedCheckpointException | NoteVerificationException
                | CheckpointVerificationException e) {
            throw new WitnessStateException(state.path().resolve(WitnessStateDirectory.CHECKPOINT)
                    + " is not a checkpoint of log " + origin + ": " + e.getMessage());
        }
        List<byte[]> leaves = state.loadLeaves(c.size());
        Sha256Digest root = audit.rootWith(leaves);
        if (!root.equals(c.rootHash())) {
            throw new WitnessStateException(state.path().resolve(WitnessStateDirectory.LEAVES) + ": the first "
                    + c.size() + " leaves hash to " + root.hex() + ", not to the cosigned root " + c.rootHash().hex());
        }
        try {
            records.prefetch(leaves, 0, true);
        } catch (VaultBlobs.BlobFetchException e) {
            throw new IOException("cannot fetch the sealed records of the verified leaves from the vault: "
                    + e.getMessage(), e);
        }
        List<Finding> findings = audit.append(leaves);
        findings.addAll(records.drainViolations());
        findings.addAll(audit.overdueDecisions());
        Optional<String> damaged = records.entries().damage();
        if (damaged.isPresent()) {
            throw new WitnessStateException(damaged.get());
        }
        // As at the end of a batch, each step idempotent, so a crash inside the last batch's commit is
        // repaired: the entry records the closes keep are written before the keys go; then the files
        // no kept record accounts for (keeping ended, or written for a close not cosigned) are deleted.
        records.entries().writeKept();
        for (String epoch : audit.epochsClosed()) {
            epochKeys.destroy(epoch);
        }
        records.entries().reconcile(c.size());
        if (!findings.isEmpty() && halted == null) {
            // Only if the rules changed since these leaves were verified: keep cosigning nothing.
            halt("replaying the verified leaves on restart found violations", cosigned, null, null, findings, leaves, 0,
                    records.drainFailedBlobs());
        }
    }

    /** This witness's recipient id in epoch events: {@code witness-} and its key id in hex. */
    static String defaultRecipient(Ed25519Cosigner cosigner) {
        return "witness-" + String.format("%08x", cosigner.verifier().keyId());
    }

    /**
     * {@code GET /epoch-key?epoch=E} (SEAL-SPEC §7): this witness as a recipient of erasure epoch E —
     * the canonical JSON recipient object an authority puts in {@code ErasureEpochOpened}
     * ({@code kind}, {@code proof}, {@code publicKey}, {@code recipient}, {@code witnessKey}) — its
     * X25519 key generated now if it has none for E. 400 for a bad epoch id, 410 once the key was
     * destroyed after the epoch's close. A halted witness still serves keys: the epoch event is the
     * authority's decision, and a halted witness cosigns nothing anyway.
     */
    public synchronized WitnessResponse epochKey(String epoch) {
        if (epoch == null) {
            return WitnessResponse.problem(400, "Bad Request", "query parameter epoch is required");
        }
        try {
            if (epochKeys.destroyed(epoch)) {
                return WitnessResponse.problem(410, "Gone", "the key of epoch " + epoch
                        + " was destroyed after its close");
            }
            return new WitnessResponse(200, "application/json",
                    new String(org.oversight.domain.json.CanonicalJson.encode(epochKeys.recipientFor(epoch).toJson()),
                            StandardCharsets.UTF_8));
        } catch (WitnessEpochKeys.EpochKeyException e) {
            return WitnessResponse.problem(400, "Bad Request", e.getMessage());
        } catch (IOException e) {
            return WitnessResponse.problem(500, "Internal Server Error", "cannot store the epoch key: " + e.getMessage());
        }
    }

    /** The size last cosigned (0 before the first). */
    public synchronized long cosignedSize() {
        return cosigned == null ? 0 : cosigned.checkpoint().size();
    }

    /** Why the witness refuses to cosign, if it halted. */
    public synchronized Optional<String> halted() {
        return Optional.ofNullable(halted);
    }

    /** One line for an operator: log, size, state. */
    public synchronized String status() {
        return "log " + origin + "; witness " + cosigner.verifier().keyLabel() + "; cosigned size " + cosignedSize()
                + "; " + audit.summary() + "; " + records.summary() + "; " + (halted == null ? "cosigning" : "HALTED: " + halted);
    }

    /** Handles one {@code add-checkpoint} request body. */
    public synchronized WitnessResponse addCheckpoint(byte[] body) {
        AddCheckpointRequest request;
        SignedCheckpoint submitted;
        try {
            request = AddCheckpointRequest.parse(body);
            submitted = SignedCheckpoint.parse(request.checkpoint());
        } catch (AddCheckpointRequest.MalformedRequestException | MalformedNoteException
                | MalformedCheckpointException e) {
            return WitnessResponse.problem(400, "Bad Request", e.getMessage());
        }
        Checkpoint next = submitted.checkpoint();
        if (!next.origin().equals(origin)) {
            return WitnessResponse.problem(404, "Not Found", "unknown log origin '" + next.origin()
                    + "' (this witness follows '" + origin + "')");
        }
        try {
            submitted.verify(origin, logKey);
        } catch (NoteVerificationException | CheckpointVerificationException e) {
            return WitnessResponse.problem(403, "Forbidden", "checkpoint not signed by the log key: " + e.getMessage());
        }
        if (request.oldSize() > next.size()) {
            return WitnessResponse.problem(400, "Bad Request", "old size " + request.oldSize()
                    + " > checkpoint size " + next.size());
        }
        if (halted != null) {
            return WitnessResponse.problem(503, "Witness halted", halted);
        }
        long size = cosignedSize();
        if (request.oldSize() != size) {
            return WitnessResponse.staleSize(size);
        }
        if (next.size() == size && size > 0) {
            if (!next.rootHash().equals(cosigned.checkpoint().rootHash())) {
                halt("fork: the log signed two checkpoints of size " + size + " with different roots", cosigned,
                        submitted, request, List.of(), List.of(), size);
                return WitnessResponse.problem(409, "Conflict", "checkpoint of size " + size + " has root "
                        + next.rootHash().hex() + ", but this witness cosigned root "
                        + cosigned.checkpoint().rootHash().hex() + " at that size; " + halted);
            }
            return cosign(submitted, Math.max(0, clock.instant().getEpochSecond()));
        }
        if (size == 0) {
            if (!request.proof().isEmpty()) {
                return WitnessResponse.problem(422, "Unprocessable Entity", "a proof from size 0 must be empty, found "
                        + request.proof().size() + " hashes");
            }
        } else {
            try {
                ConsistencyProofVerifier.verify(size, next.size(), request.proof(), cosigned.checkpoint().rootHash(),
                        next.rootHash());
            } catch (ConsistencyProofException e) {
                return WitnessResponse.problem(422, "Unprocessable Entity", "consistency proof " + size + " -> "
                        + next.size() + " does not verify: " + e.getMessage());
            }
        }
        List<byte[]> leaves;
        try {
            leaves = source.leaves(size, next.size());
        } catch (LeafSource.LeafFetchException e) {
            return WitnessResponse.problem(503, "Leaves unavailable", "cannot fetch leaves " + size + " to "
                    + next.size() + ": " + e.getMessage());
        }
        Sha256Digest root = audit.rootWith(leaves);
        if (!root.equals(next.rootHash())) {
            return WitnessResponse.problem(503, "Leaves do not match", "the log's leaves up to " + next.size()
                    + " hash to " + root.hex() + ", not to the checkpoint's root " + next.rootHash().hex());
        }
        long now = Math.max(0, clock.instant().getEpochSecond());
        try {
            records.prefetch(leaves, size);
        } catch (VaultBlobs.BlobFetchException e) {
            return WitnessResponse.problem(503, "Sealed records unavailable", "cannot fetch the sealed records of"
                    + " leaves " + size + " to " + (next.size() - 1) + " from the vault: " + e.getMessage());
        } catch (IOException e) {
            return WitnessResponse.problem(500, "Internal Server Error", "cannot read an epoch key: " + e.getMessage());
        }
        try {
            List<Finding> findings = audit.append(leaves);
            // A sealed record missing from the vault, or not opening to its leaf, is a violation (decision 0001 item 4).
            findings.addAll(records.drainViolations());
            Optional<String> damaged = records.entries().damage();
            if (damaged.isPresent()) {
                // A kept entry record of these leaves (written before a crash) fails its check: refuse, as at a start.
                halted = "state directory damaged: " + damaged.get() + "; restart the witness once that is dealt with";
                return WitnessResponse.problem(500, "Internal Server Error", halted);
            }
            findings.addAll(audit.overdueDecisions());
            findings.addAll(audit.capturedBefore(now, "this witness's time " + Instant.ofEpochSecond(now)
                    + ", at which it would cosign the checkpoint of size " + next.size()));
            if (!findings.isEmpty()) {
                halt(org.oversight.verifier.report.Plural.of(findings.size(), "violation") + " in leaves " + size + " to " + (next.size() - 1)
                        + ", first: " + findings.get(0).rule() + " at leaf " + findings.get(0).leafIndex(),
                        cosigned, submitted, request, findings, leaves, size, records.drainFailedBlobs());
                return WitnessResponse.problem(503, "Witness halted", halted);
            }
            state.appendLeaves(leaves);
            // The entry records a close keeps are written before this witness's key of the epoch goes;
            // those whose keeping ended are deleted once the checkpoint covering that is saved (cosign).
            records.entries().writeKept();
            // The epoch's close is replayed and its leaves verified: this witness's key for it goes
            // (decision 0001: each recipient destroys its own key once it has replayed the close).
            for (String epoch : audit.epochsClosed()) {
                epochKeys.destroy(epoch);
            }
        } catch (IOException e) {
            // The in-memory state has moved past the durable one: refuse until restarted from disk.
            halted = "state could not be written (" + e.getMessage() + "); restart the witness";
            return WitnessResponse.problem(500, "Internal Server Error", halted);
        }
        return cosign(submitted, now);
    }

    private WitnessResponse cosign(SignedCheckpoint submitted, long time) {
        try {
            state.saveCheckpoint(withoutCosignatures(submitted));
            // Retention: the entry records the log no longer keeps as of this checkpoint go now.
            records.entries().deleteEnded();
        } catch (IOException e) {
            halted = "state could not be written (" + e.getMessage() + "); restart the witness";
            return WitnessResponse.problem(500, "Internal Server Error", halted);
        }
        cosigned = submitted;
        Cosignature c = cosigner.cosign(submitted.note().textBytes(), time);
        return WitnessResponse.cosigned(c.toLine());
    }

    /** The checkpoint with the log key's signature lines only (others' cosignatures are not the witness's to keep). */
    private byte[] withoutCosignatures(SignedCheckpoint submitted) {
        StringBuilder note = new StringBuilder(submitted.note().text()).append('\n');
        for (NoteSignature line : submitted.note().signatures()) {
            if (line.isFrom(logKey)) {
                note.append(line.toLine());
            }
        }
        return note.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void halt(String reason, SignedCheckpoint last, SignedCheckpoint refused, AddCheckpointRequest request,
            List<Finding> findings, List<byte[]> leaves, long firstLeaf) {
        halt(reason, last, refused, request, findings, leaves, firstLeaf, java.util.Map.of());
    }

    /** @param blobs sealed blobs as the vault served them that failed to open, by the leaf's blob digest */
    private void halt(String reason, SignedCheckpoint last, SignedCheckpoint refused, AddCheckpointRequest request,
            List<Finding> findings, List<byte[]> leaves, long firstLeaf, java.util.Map<String, byte[]> blobs) {
        StringBuilder e = new StringBuilder();
        e.append("Oversight witness ").append(cosigner.verifier().keyLabel()).append(" HALTED at ")
                .append(Instant.now(clock)).append("\n");
        e.append("log: ").append(origin).append("\n");
        e.append("reason: ").append(reason).append("\n");
        e.append("The witness refuses to cosign until an operator has examined this file and moved it away.\n");
        if (last != null) {
            e.append("\n--- checkpoint last cosigned (signed note)\n").append(last.note().format());
        }
        if (refused != null) {
            e.append("\n--- checkpoint refused (signed note)\n").append(refused.note().format());
        }
        if (request != null) {
            e.append("\n--- consistency proof submitted (old size ").append(request.oldSize()).append(")\n");
            request.proof().forEach(h -> e.append(h.hex()).append("\n"));
        }
        if (!findings.isEmpty()) {
            e.append("\n--- violations (rule, leaf, event id, expected, found)\n");
            TreeSet<Long> cited = new TreeSet<>();
            for (Finding f : findings) {
                e.append(f.rule()).append(" | leaf ").append(f.leafIndex()).append(" | ").append(f.eventId())
                        .append(" | expected: ").append(f.expected()).append(" | found: ").append(f.found())
                        .append("\n");
                if (f.leafIndex() >= firstLeaf && f.leafIndex() < firstLeaf + leaves.size()) {
                    cited.add(f.leafIndex());
                }
            }
            for (long leaf : cited) {
                e.append("\n--- leaf ").append(leaf).append(" (base64 of the leaf bytes)\n")
                        .append(Base64.getEncoder().encodeToString(leaves.get((int) (leaf - firstLeaf)))).append("\n");
            }
        }
        for (java.util.Map.Entry<String, byte[]> b : blobs.entrySet()) {
            e.append("\n--- sealed blob named by blobDigest ").append(b.getKey())
                    .append(" as the vault served it (base64; ciphertext)\n")
                    .append(Base64.getEncoder().encodeToString(b.getValue())).append("\n");
        }
        halted = reason + "; evidence in " + state.evidencePath();
        try {
            state.saveEvidence(e.toString());
        } catch (IOException io) {
            halted = reason + "; the evidence file could not be written (" + io.getMessage() + "): " + e;
        }
    }

    @Override
    public synchronized void close() {
        audit.close();
    }

    /** A state directory that cannot be trusted: another log's, or damaged. */
    public static final class WitnessStateException extends Exception {
        public WitnessStateException(String message) {
            super(message);
        }
    }
}
