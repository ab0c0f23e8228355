package org.oversight.ledger.sequencer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.CheckpointVerificationException;
import org.oversight.domain.checkpoint.MalformedCheckpointException;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.merkle.rfc6962.ConsistencyProof;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofException;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofVerifier;
import org.oversight.domain.merkle.rfc6962.HashSourceException;
import org.oversight.domain.merkle.rfc6962.ProofGenerator;
import org.oversight.domain.merkle.rfc6962.ProofRequestException;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.domain.note.MalformedNoteException;
import org.oversight.domain.note.NoteVerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs C2SP tlog-checkpoints of the committed tree with the log key: when at least
 * {@code everyLeaves} leaves are unsigned, or when any are and {@code intervalMillis} have passed
 * (by the injected {@link Clock}) since the last checkpoint.
 *
 * <p>Security guarantee: it never signs a checkpoint inconsistent with one it signed before. Before
 * signing size {@code n} it generates, from the stored hashes, the consistency proof from the last
 * signed checkpoint and verifies it against that checkpoint's root and the sequencer's root. If
 * that fails, or the stored hashes do not reproduce the sequencer's root (stored leaves changed,
 * state corrupt), it logs an alarm, reports health DOWN and signs
 * nothing more. On start it verifies the stored last checkpoint's signature and that its root is
 * the stored tree's root at its size.
 *
 * <p>Signing runs on the checkpointer's own thread ({@link CheckpointTicker}), never on the
 * sequencer's writer thread; it only ever signs {@link Sequencer#committed()}, a committed state.
 */
public class Checkpointer {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final LeafStore store;
    private final Sequencer sequencer;
    private final Ed25519NoteSigner logKey;
    private final String origin;
    private final Clock clock;
    private final long everyLeaves;
    private final long intervalMillis;
    private final TransactionTemplate tx;

    private volatile SignedCheckpoint latest;
    private volatile long latestSignedAtMillis;
    private volatile String failure;

    public Checkpointer(LeafStore store, Sequencer sequencer, Ed25519NoteSigner logKey, String origin, Clock clock,
            long everyLeaves, long intervalMillis, TransactionTemplate tx) {
        if (everyLeaves < 1) {
            throw new IllegalArgumentException("checkpoint every-leaves " + everyLeaves + " < 1");
        }
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("checkpoint interval " + intervalMillis + " ms < 1");
        }
        this.store = store;
        this.sequencer = sequencer;
        this.logKey = logKey;
        this.origin = origin;
        this.clock = clock;
        this.everyLeaves = everyLeaves;
        this.intervalMillis = intervalMillis;
        this.tx = tx;
        this.latestSignedAtMillis = clock.millis();
        loadLatest();
    }

    private void loadLatest() {
        loadLatest(store.latestCheckpointNote());
    }

    /**
     * For a follower, and for a new leader before it signs: re-reads the latest stored checkpoint
     * and the sequencer state (in that order: a leader stores a state before it signs it, so the
     * state read second covers the checkpoint read first) and verifies the checkpoint as on start.
     * Requires the sequencer's writer lock. An unchanged checkpoint is not re-verified.
     */
    public synchronized void reloadFromStore() {
        Optional<String> note = store.latestCheckpointNote();
        sequencer.reload();
        SignedCheckpoint current = latest;
        if (note.isPresent() && current != null
                && note.get().equals(new String(current.toBytes(), StandardCharsets.UTF_8))) {
            return;
        }
        loadLatest(note);
        latestSignedAtMillis = clock.millis();
    }

    private void loadLatest(Optional<String> note) {
        if (note.isEmpty()) {
            return;
        }
        try {
            SignedCheckpoint stored = SignedCheckpoint.parse(note.get().getBytes(StandardCharsets.UTF_8));
            Checkpoint c = stored.verify(origin, logKey.verifier());
            TreeState tree = sequencer.committed();
            if (c.size() > tree.size() && !sequencer.mayWrite()) {
                // A follower (leadership): the leader committed and signed after this process
                // read the state; the state read now covers the checkpoint read before it.
                sequencer.writerLock().lock();
                try {
                    tree = sequencer.reload();
                } finally {
                    sequencer.writerLock().unlock();
                }
            }
            if (c.size() > tree.size()) {
                alarm("stored checkpoint size " + c.size() + " > tree size " + tree.size(), null);
                return;
            }
            if (c.size() > 0) {
                var root = ProofGenerator.root(new StoredHashSource(store, tree.size()), c.size());
                if (!root.equals(c.rootHash())) {
                    alarm("stored checkpoint root " + c.rootHash().hex() + " at size " + c.size()
                            + " != stored tree root " + root.hex(), null);
                    return;
                }
            }
            latest = stored;
            LOG.info("last signed checkpoint: size {}, root {}", c.size(), c.rootHash().hex());
        } catch (MalformedNoteException | MalformedCheckpointException | NoteVerificationException
                | CheckpointVerificationException | ProofRequestException | HashSourceException e) {
            alarm("stored checkpoint does not verify: " + e.getMessage(), e);
        }
    }

    /**
     * Signs a checkpoint of the committed tree if the size or time trigger is due. Called by the
     * checkpointer's own thread ({@link CheckpointTicker}), which a commit wakes, and once at start
     * and on promotion to leader, never on the sequencer's writer thread: the writer does not wait for a consistency proof, a signature or
     * the checkpoint's transaction. The state signed is the one committed when the tick starts, so
     * commits during a signature are covered by the next tick's single checkpoint.
     */
    public synchronized void tick() {
        if (failure != null || !sequencer.mayWrite()) {
            return;
        }
        TreeState tree = sequencer.committed();
        long signedSize = latest == null ? -1 : latest.checkpoint().size();
        if (tree.size() <= signedSize) {
            return;
        }
        boolean sizeDue = tree.size() - Math.max(signedSize, 0) >= everyLeaves;
        boolean timeDue = clock.millis() - latestSignedAtMillis >= intervalMillis;
        if (latest == null || sizeDue || timeDue) {
            try {
                sign(tree);
            } catch (CheckpointRefusedException e) {
                // already alarmed
            } catch (FencedWriteException e) {
                // This node lost the lease: nothing was stored; the new leader signs from now on.
                LOG.warn("checkpoint at size {} not stored: {}", tree.size(), e.getMessage());
            }
        }
    }

    /**
     * Signs a checkpoint of {@code tree} after proving it consistent with the last one.
     *
     * @throws CheckpointRefusedException if the proof fails; the checkpointer is then stopped
     */
    synchronized SignedCheckpoint sign(TreeState tree) throws CheckpointRefusedException {
        if (failure != null) {
            throw new CheckpointRefusedException("checkpointer stopped: " + failure, null);
        }
        if (latest != null) {
            Checkpoint last = latest.checkpoint();
            if (tree.size() < last.size()) {
                throw alarm("tree size " + tree.size() + " < last signed size " + last.size(), null);
            }
            if (last.size() > 0) {
                try {
                    ConsistencyProof proof = ProofGenerator.consistencyProof(
                            new StoredHashSource(store, tree.size()), last.size(), tree.size());
                    ConsistencyProofVerifier.verify(proof, last.rootHash(), tree.root());
                } catch (ConsistencyProofException | ProofRequestException | HashSourceException e) {
                    throw alarm("tree at size " + tree.size() + " with root " + tree.root().hex()
                            + " is not consistent with the signed checkpoint at size " + last.size() + ": "
                            + e.getMessage(), e);
                }
            }
        }
        try {
            // The served tiles must reproduce the signed root, or clients could not verify proofs.
            var stored = ProofGenerator.root(new StoredHashSource(store, tree.size()), tree.size());
            if (!stored.equals(tree.root())) {
                throw alarm("stored tree root " + stored.hex() + " at size " + tree.size()
                        + " != sequencer root " + tree.root().hex(), null);
            }
        } catch (ProofRequestException | HashSourceException e) {
            throw alarm("cannot read the stored tree at size " + tree.size() + ": " + e.getMessage(), e);
        }
        SignedCheckpoint signed = SignedCheckpoint.sign(Checkpoint.of(origin, tree.size(), tree.root()), logKey);
        long now = clock.millis();
        tx.executeWithoutResult(s -> {
            // Only the leader signs; a stale ex-leader's checkpoint is refused here and never served.
            sequencer.checkFence();
            store.insertCheckpoint(tree.size(), tree.root(),
                new String(signed.toBytes(), StandardCharsets.UTF_8), java.time.Instant.ofEpochMilli(now));
        });
        latest = signed;
        latestSignedAtMillis = now;
        LOG.info("signed checkpoint: size {}, root {}", tree.size(), tree.root().hex());
        return signed;
    }

    private CheckpointRefusedException alarm(String message, Throwable cause) {
        failure = message;
        LOG.error("ALARM: checkpointer stopped, no further checkpoints will be signed: {}", message, cause);
        return new CheckpointRefusedException(message, cause);
    }

    /** The latest signed checkpoint, if any. */
    public Optional<SignedCheckpoint> latest() {
        return Optional.ofNullable(latest);
    }

    /** When (by the injected clock) the latest checkpoint was signed here, or loaded at start. */
    public long latestSignedAtMillis() {
        return latestSignedAtMillis;
    }

    /** Why the checkpointer stopped, if it did. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public String origin() {
        return origin;
    }
}
