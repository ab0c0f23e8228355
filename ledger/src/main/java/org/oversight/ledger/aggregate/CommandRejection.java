package org.oversight.ledger.aggregate;

/**
 * How a stream aggregate reports an {@link EventRejectedException} to Axon. Unchecked on purpose:
 * Axon rolls a unit of work back only for unchecked exceptions (its default rollback
 * configuration), and a rejected command must leave nothing behind — no saved or cached
 * aggregate, and the surrounding transaction marked for rollback. The ingest path unwraps it.
 */
public final class CommandRejection extends RuntimeException {
    private final EventRejectedException rejection;

    public CommandRejection(EventRejectedException rejection) {
        super(rejection.getMessage(), rejection);
        this.rejection = rejection;
    }

    public EventRejectedException rejection() {
        return rejection;
    }
}
