package org.oversight.domain.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.Ed25519CosignatureVerifier;
import org.oversight.domain.seal.EpochRecipient;

/**
 * Who re-derived a decision over an erased record before its erasure (docs/rules.md, "Decisions over
 * erased records"): once an epoch's records are erased, no later audit can re-derive the decisions on
 * its detections, so the report names the witnesses that could.
 *
 * <p>A named witness W re-derived the detection at leaf d of epoch E, closed at leaf c, before its
 * erasure iff (i) W's cosigning key is the {@code witnessKey} of a witness recipient of E's
 * {@code ErasureEpochOpened} (so W held E's key until it replayed E's close), and (ii) W has a valid
 * cosignature on a checkpoint of size n with d &lt; n ≤ c (W had replayed the leaf d — with its record,
 * since a recipient opens every record of its epochs or halts — and not yet the close, after which it
 * destroys its key). Both facts come from the log and the checkpoint archive, checked by the caller:
 * each checkpoint fed to {@link #cosigned} is signed by the log key and its root is the root of the
 * log's first n leaves.
 *
 * <p>Pure and deterministic: the witnesses are returned in the order they were named. The one
 * implementation, used by {@code verifier audit}. Not thread-safe.
 */
public final class PreErasureWitnesses {
    private final List<Ed25519CosignatureVerifier> named;
    /** Per named witness (by key label), the tree sizes of the checkpoints it validly cosigned. */
    private final Map<String, TreeSet<Long>> cosignedSizes = new HashMap<>();

    /**
     * @param named the witnesses the auditor named ({@code --witness}), unique by key label
     * @throws IllegalArgumentException if two share a key name and key id
     */
    public PreErasureWitnesses(List<Ed25519CosignatureVerifier> named) {
        this.named = List.copyOf(named);
        for (Ed25519CosignatureVerifier w : this.named) {
            if (cosignedSizes.put(w.keyLabel(), new TreeSet<>()) != null) {
                throw new IllegalArgumentException("witness " + w.keyLabel() + " named twice");
            }
        }
    }

    /**
     * A checkpoint of {@code treeSize} leaves, verified by the caller (log key; root of the log's
     * first {@code treeSize} leaves), carries these verified cosignatures (as
     * {@link org.oversight.domain.checkpoint.WitnessQuorum#cosigners} returns them). Cosignatures by
     * a witness not named are ignored.
     *
     * @throws IllegalArgumentException if {@code treeSize < 1}
     */
    public void cosigned(long treeSize, List<Cosignature> verified) {
        if (treeSize < 1) {
            throw new IllegalArgumentException("tree size " + treeSize + " < 1 contains no leaf");
        }
        for (Cosignature c : verified) {
            TreeSet<Long> sizes = cosignedSizes.get(c.keyLabel());
            if (sizes != null) {
                sizes.add(treeSize);
            }
        }
    }

    /**
     * The named witnesses that re-derived the detection at {@code detectionLeaf} before its epoch's
     * close at {@code closeLeaf}, in the order named; empty if none did.
     *
     * @param recipients the recipients of the detection's epoch ({@code ErasureEpochOpened.recipients})
     * @throws IllegalArgumentException if {@code detectionLeaf < 0} or {@code closeLeaf <= detectionLeaf}
     */
    public List<Ed25519CosignatureVerifier> before(long detectionLeaf, long closeLeaf, List<EpochRecipient> recipients) {
        if (detectionLeaf < 0 || closeLeaf <= detectionLeaf) {
            throw new IllegalArgumentException("detection leaf " + detectionLeaf + " not before the close at leaf "
                    + closeLeaf);
        }
        Objects.requireNonNull(recipients, "recipients");
        List<Ed25519CosignatureVerifier> out = new ArrayList<>();
        for (Ed25519CosignatureVerifier w : named) {
            if (!isRecipient(w, recipients)) {
                continue;
            }
            Long n = cosignedSizes.get(w.keyLabel()).higher(detectionLeaf);
            if (n != null && n <= closeLeaf) {
                out.add(w);
            }
        }
        return out;
    }

    private static boolean isRecipient(Ed25519CosignatureVerifier w, List<EpochRecipient> recipients) {
        for (EpochRecipient r : recipients) {
            if (r instanceof EpochRecipient.Witness witness && w.equals(parse(witness.witnessKey()))) {
                return true;
            }
        }
        return false;
    }

    private static Ed25519CosignatureVerifier parse(String vkey) {
        try {
            return Ed25519CosignatureVerifier.parse(vkey);
        } catch (MalformedKeyException e) {
            // EpochRecipient.Witness validates its witnessKey at construction.
            throw new IllegalStateException("validated witness key " + vkey + ": " + e.getMessage(), e);
        }
    }
}
