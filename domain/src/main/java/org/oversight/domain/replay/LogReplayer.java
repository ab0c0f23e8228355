package org.oversight.domain.replay;

import java.util.Objects;
import org.oversight.domain.chain.ChainException;
import org.oversight.domain.chain.ChainVerdict;
import org.oversight.domain.chain.RecordedHashes;
import org.oversight.domain.chain.StreamChains;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.event.EventVerifier;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.principal.KeyRecord;
import org.oversight.domain.principal.PrincipalRegistry;
import org.oversight.domain.principal.RegistryException;

/**
 * Accepts events in log order (docs/format.md §5.5): for the event at a leaf index it checks, in
 * this order, the chain (§5.2), the signer (§5.4 steps 1–2), the signature (§3.4) and the effect
 * (§5.4 step 4), and only if all pass records it in the stream heads and the principal registry.
 * A rejected event changes nothing. Each stage has its own checked exception.
 *
 * <p>Deterministic and single-threaded: the ledger's sequencer and the verifier run the same steps
 * over the same events and reach the same state.
 */
public final class LogReplayer {
    private final StreamChains chains = new StreamChains();
    private final PrincipalRegistry registry = new PrincipalRegistry();
    private final RecordedHashes recorded;

    /**
     * @param recorded the hashes of events already accepted, by stream and seq, used only to tell a
     *     replay from a fork at an old seq
     */
    public LogReplayer(RecordedHashes recorded) {
        this.recorded = Objects.requireNonNull(recorded, "recorded");
    }

    /**
     * Parses the leaf bytes, then {@link #accept(SignedEvent, long)}.
     *
     * @throws InvalidEventException if the bytes are not a well-formed envelope (§3.3)
     */
    public KeyRecord accept(byte[] leafBytes, long leafIndex)
            throws InvalidEventException, ChainException, RegistryException, EventSignatureException {
        return accept(SignedEvent.parse(leafBytes), leafIndex);
    }

    /**
     * Accepts {@code event} as the event at {@code leafIndex}.
     *
     * @return the key that signed it
     * @throws ChainException if it does not continue its stream (replay, gap, fork, wrong prev)
     * @throws RegistryException if no key may sign it at {@code leafIndex}, or its effect conflicts
     * @throws EventSignatureException if its signature does not verify under the signer's key
     * @throws IllegalArgumentException if {@code leafIndex} is not after the last accepted leaf
     */
    public KeyRecord accept(SignedEvent event, long leafIndex)
            throws ChainException, RegistryException, EventSignatureException {
        ChainVerdict.Ok ok = chains.check(event, recorded).requireOk();
        KeyRecord signer = registry.authorise(event, leafIndex);
        EventVerifier.verify(event, signer.publicKey());
        registry.apply(event, leafIndex);
        chains.append(ok);
        return signer;
    }

    /** The stream heads (read-only use). */
    public StreamChains chains() {
        return chains;
    }

    /** The principal registry (read-only use; mutating it bypasses the chain checks). */
    public PrincipalRegistry registry() {
        return registry;
    }
}
