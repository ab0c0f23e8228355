package org.oversight.verifier.audit;

import java.util.Objects;
import org.oversight.domain.chain.ChainException;
import org.oversight.domain.chain.ChainVerdict;
import org.oversight.domain.chain.RecordedHashes;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.event.EventVerifier;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.principal.KeyRecord;
import org.oversight.domain.principal.RegistryException;
import org.oversight.domain.replay.LogReplayer;

/**
 * {@link LogReplayer#accept} for leaves whose order-independent work — parsing and Ed25519
 * verification — was done beforehand ({@link LeafPreparer}), possibly on other threads: everything
 * that depends on order is done here, sequentially, in the same stage order as
 * {@code LogReplayer.accept}.
 *
 * <p>In this step the registry decides which key must have signed the event at its leaf
 * ({@link org.oversight.domain.principal.PrincipalRegistry#authorise}); the precomputed outcome is
 * used only if that key equals the one tried, otherwise the signature is verified there and then.
 * So every decision is exactly {@code LogReplayer.accept}'s: chain, signer, signature, effect; a
 * rejected event changes nothing. Not thread-safe: the ordered pass alone calls it.
 */
final class PreverifyingReplayer {
    private final LogReplayer replayer;
    private final RecordedHashes recorded;

    /**
     * @param replayer holds the stream heads and the registry, and must be used through this
     *     object only from now on
     * @param recorded the same recorded hashes {@code replayer} was built with
     */
    PreverifyingReplayer(LogReplayer replayer, RecordedHashes recorded) {
        this.replayer = Objects.requireNonNull(replayer, "replayer");
        this.recorded = Objects.requireNonNull(recorded, "recorded");
    }

    /**
     * Accepts the prepared event as the event at {@code leafIndex}: {@code LogReplayer.accept}'s
     * stages in its order, with the signature outcome taken from the preparation when it was
     * computed with the key the registry names.
     *
     * @return the key that signed it
     */
    KeyRecord accept(PreparedLeaf prepared, long leafIndex)
            throws InvalidEventException, ChainException, RegistryException, EventSignatureException {
        SignedEvent event = prepared.event();
        ChainVerdict.Ok ok = replayer.chains().check(event, recorded).requireOk();
        KeyRecord signer = replayer.registry().authorise(event, leafIndex);
        if (signer.publicKey().equals(prepared.triedKey())) {
            if (prepared.signatureProblem() != null) {
                throw prepared.signatureProblem();
            }
        } else {
            EventVerifier.verify(event, signer.publicKey());
        }
        replayer.registry().apply(event, leafIndex);
        replayer.chains().append(ok);
        return signer;
    }
}
