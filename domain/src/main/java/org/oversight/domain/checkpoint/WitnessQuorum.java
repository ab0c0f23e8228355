package org.oversight.domain.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.CosignatureVerificationException;
import org.oversight.domain.note.Ed25519CosignatureVerifier;
import org.oversight.domain.note.NoteSignature;

/**
 * The witness part of rule R10 (docs/rules.md): a checkpoint must carry valid C2SP
 * tlog-cosignature/v1 cosignatures from at least {@code k} of the named witnesses.
 *
 * <p>Evaluation: signature lines whose key name and key id match no named witness are ignored (the
 * log's own signature among them); every line that matches a named witness must verify over the
 * checkpoint text, or the checkpoint is rejected (as for any known key of a signed note); each
 * witness counts once however many lines it has. The log's signature is not checked here: callers
 * check it first with {@link SignedCheckpoint#verify}.
 */
public final class WitnessQuorum {
    private final List<Ed25519CosignatureVerifier> witnesses;
    private final int k;

    private WitnessQuorum(List<Ed25519CosignatureVerifier> witnesses, int k) {
        this.witnesses = witnesses;
        this.k = k;
    }

    /**
     * A quorum of {@code k} out of {@code witnesses}.
     *
     * @throws IllegalArgumentException if {@code k < 0}, {@code k} exceeds the number of witnesses,
     *     or two witnesses share a key name and key id
     */
    public static WitnessQuorum of(List<Ed25519CosignatureVerifier> witnesses, int k) {
        Objects.requireNonNull(witnesses, "witnesses");
        if (k < 0 || k > witnesses.size()) {
            throw new IllegalArgumentException("quorum " + k + " outside 0.." + witnesses.size()
                    + " (the number of named witnesses)");
        }
        Map<String, Ed25519CosignatureVerifier> byLabel = new LinkedHashMap<>();
        for (Ed25519CosignatureVerifier w : witnesses) {
            if (byLabel.putIfAbsent(w.keyLabel(), w) != null) {
                throw new IllegalArgumentException("witness " + w.keyLabel() + " named twice");
            }
        }
        return new WitnessQuorum(List.copyOf(witnesses), k);
    }

    /** The named witnesses, in the order given. */
    public List<Ed25519CosignatureVerifier> witnesses() {
        return witnesses;
    }

    /** How many of them must have cosigned. */
    public int k() {
        return k;
    }

    /**
     * Checks the quorum on {@code checkpoint}.
     *
     * @return one verified cosignature per witness that cosigned (its first valid line), in the
     *     order the witnesses were named; at least {@code k} of them
     * @throws WitnessQuorumException naming the witness whose line fails, or the witnesses that did
     *     not cosign when fewer than {@code k} did
     */
    public List<Cosignature> verify(SignedCheckpoint checkpoint) throws WitnessQuorumException {
        List<Cosignature> verified = cosigners(checkpoint);
        if (verified.size() < k) {
            StringJoiner absent = new StringJoiner(", ");
            for (Ed25519CosignatureVerifier w : witnesses) {
                if (verified.stream().noneMatch(c -> c.keyLabel().equals(w.keyLabel()))) {
                    absent.add(w.keyLabel());
                }
            }
            throw new WitnessQuorumException("checkpoint of size " + checkpoint.checkpoint().size() + " carries valid"
                    + " cosignatures from " + verified.size() + " of the named witnesses, fewer than the quorum "
                    + k + " (no cosignature from " + absent + ")");
        }
        return verified;
    }

    /**
     * The named witnesses' cosignatures on {@code checkpoint}, steps 1 to 3 of the evaluation without
     * the count: lines of other keys ignored, every line of a named witness must verify, each
     * witness once.
     *
     * @return one verified cosignature per named witness that cosigned (its first valid line), in the
     *     order the witnesses were named; possibly none
     * @throws WitnessQuorumException naming the witness whose line fails
     */
    public List<Cosignature> cosigners(SignedCheckpoint checkpoint) throws WitnessQuorumException {
        byte[] text = checkpoint.note().textBytes();
        List<Cosignature> verified = new ArrayList<>();
        for (Ed25519CosignatureVerifier w : witnesses) {
            Cosignature first = null;
            for (NoteSignature line : checkpoint.note().signatures()) {
                if (!line.isFrom(w)) {
                    continue;
                }
                try {
                    Cosignature c = w.verify(text, line);
                    if (first == null) {
                        first = c;
                    }
                } catch (CosignatureVerificationException e) {
                    throw new WitnessQuorumException("checkpoint of size " + checkpoint.checkpoint().size() + ": "
                            + e.getMessage());
                }
            }
            if (first != null) {
                verified.add(first);
            }
        }
        return verified;
    }
}
