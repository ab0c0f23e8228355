package org.oversight.ledger.witness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.checkpoint.WitnessQuorum;
import org.oversight.domain.checkpoint.WitnessQuorumException;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.CosignatureVerificationException;
import org.oversight.domain.note.Ed25519CosignatureVerifier;
import org.oversight.domain.note.MalformedNoteException;
import org.oversight.domain.note.Note;
import org.oversight.domain.note.NoteSignature;

/**
 * Attaches the stored cosignatures to a checkpoint before it is served: the log's signature first,
 * then one line per configured witness that cosigned exactly this checkpoint text, in the order the
 * witnesses are configured. A stored line that does not verify (altered row, another checkpoint) is
 * never served.
 */
public class CheckpointCosignatures {
    private final CosignatureStore store;
    private final List<Ed25519CosignatureVerifier> witnesses;
    private final WitnessQuorum quorum;
    private final LongFunction<Optional<SignedCheckpoint>> archive;

    /** @param archive the log-signed checkpoint at a size, if the log signed one there */
    public CheckpointCosignatures(CosignatureStore store, List<Ed25519CosignatureVerifier> witnesses, int quorum,
            LongFunction<Optional<SignedCheckpoint>> archive) {
        this.store = store;
        this.archive = archive;
        this.witnesses = List.copyOf(witnesses);
        this.quorum = WitnessQuorum.of(this.witnesses, quorum);
    }

    /** {@code checkpoint} with every verified stored cosignature attached. */
    public SignedCheckpoint attach(SignedCheckpoint checkpoint) {
        if (witnesses.isEmpty()) {
            return checkpoint;
        }
        byte[] text = checkpoint.note().textBytes();
        List<Cosignature> valid = new ArrayList<>();
        for (String line : store.lines(checkpoint.checkpoint().size())) {
            NoteSignature parsed;
            try {
                parsed = Note.parse(checkpoint.note().format() + line).signatures().get(checkpoint.note().signatures().size());
            } catch (MalformedNoteException e) {
                continue;
            }
            for (Ed25519CosignatureVerifier w : witnesses) {
                if (parsed.isFrom(w)) {
                    try {
                        valid.add(w.verify(text, parsed));
                    } catch (CosignatureVerificationException e) {
                        // not this checkpoint's, or altered: never served
                    }
                }
            }
        }
        valid.sort(java.util.Comparator.comparingInt(c -> indexOf(c)));
        try {
            return checkpoint.withCosignatures(valid);
        } catch (MalformedNoteException e) {
            throw new IllegalStateException("too many signature lines on checkpoint " + checkpoint.checkpoint().size(), e);
        }
    }

    /**
     * The checkpoint to hand out for evidence about leaf {@code leaf}: the largest checkpoint that has
     * the witness quorum and covers the leaf, if there is one, else {@code latest}; with its
     * cosignatures attached either way.
     */
    public SignedCheckpoint preferQuorum(SignedCheckpoint latest, long leaf) {
        if (witnesses.isEmpty() || hasQuorum(latest)) {
            return attach(latest);
        }
        long size = store.largestSizeWith(quorum.k());
        if (size > leaf && size < latest.checkpoint().size()) {
            Optional<SignedCheckpoint> cosigned = archive.apply(size).map(this::attach).filter(this::meetsQuorum);
            if (cosigned.isPresent()) {
                return cosigned.get();
            }
        }
        return attach(latest);
    }

    private boolean meetsQuorum(SignedCheckpoint attached) {
        try {
            quorum.verify(attached);
            return true;
        } catch (WitnessQuorumException e) {
            return false;
        }
    }

    /** Whether {@code checkpoint} with its stored cosignatures meets the quorum. */
    public boolean hasQuorum(SignedCheckpoint checkpoint) {
        return meetsQuorum(attach(checkpoint));
    }

    public WitnessQuorum quorum() {
        return quorum;
    }

    private int indexOf(Cosignature c) {
        for (int i = 0; i < witnesses.size(); i++) {
            if (witnesses.get(i).keyLabel().equals(c.keyLabel())) {
                return i;
            }
        }
        return witnesses.size();
    }
}
