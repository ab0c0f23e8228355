package org.oversight.ledger.aggregate;

/**
 * What a stream aggregate did with a {@link SubmitEvent}.
 *
 * @param recorded true if the event was applied as a new leaf; false if exactly this event was
 *     already recorded in the stream (an idempotent replay: nothing applied)
 * @param signerPrincipal the principal owning the signing key (empty for a replay)
 */
public record SubmitResult(boolean recorded, String signerPrincipal) {
    static SubmitResult replay() {
        return new SubmitResult(false, "");
    }
}
