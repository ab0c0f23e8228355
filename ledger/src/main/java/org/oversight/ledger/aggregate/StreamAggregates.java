package org.oversight.ledger.aggregate;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The write path's one seam to Axon: it runs a request's commands in one unit of work, dispatches
 * them to the {@link StreamAggregate}s and turns Axon's wrapped failures back into what the
 * aggregate meant, so the ingest path never sees a unit of work, a future or a cause chain.
 *
 * <p>Guarantees: a command the aggregate rejects surfaces as the aggregate's own checked
 * {@link EventRejectedException} (same type and detail); a failure of a type named in
 * {@code passThrough} (e.g. the sequencer's lease fence) surfaces unchanged; anything else is a
 * bug or an infrastructure failure and surfaces as {@link IllegalStateException} with Axon's cause.
 * Not thread-safe: used under the sequencer's single-writer lock only.
 */
public final class StreamAggregates {
    private final CommandGateway commands;
    private final Cache loaded;
    private final Set<Class<? extends RuntimeException>> passThrough;

    /**
     * @param commands Axon's command gateway (local dispatch)
     * @param loaded the stream aggregates' cache ({@link AggregateConfiguration#CACHE})
     * @param passThrough failure types a command may raise that callers handle themselves; they are
     *     rethrown as found anywhere in Axon's cause chain
     */
    public StreamAggregates(CommandGateway commands, Cache loaded, Set<Class<? extends RuntimeException>> passThrough) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.loaded = Objects.requireNonNull(loaded, "loaded");
        this.passThrough = Set.copyOf(passThrough);
    }

    /**
     * Runs {@code work} inside ONE root Axon unit of work: every command it dispatches runs in a
     * nested one, so Axon appends all their events in one JDBC batch when the root commits (in the
     * caller's database transaction, which must be active). If {@code work} throws, the unit of
     * work is rolled back (nothing appended) and the exception propagates unchanged.
     */
    public <T> T inOneUnitOfWork(Supplier<T> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            unitOfWork.rollback(e);
            throw e;
        }
        unitOfWork.commit();
        return result;
    }

    /** Checks and records one event in its stream (see {@link StreamAggregate}). */
    public SubmitResult record(SubmitEvent command) throws EventRejectedException {
        return dispatch(command, command.stream());
    }

    /** Checks and records one stream's run of events, in order; the first rejection aborts all of them. */
    public List<SubmitResult> record(SubmitEvents command) throws EventRejectedException {
        return dispatch(command, command.stream());
    }

    /**
     * Forgets every loaded aggregate, so the next command re-reads its stream from the event store:
     * after the caller's transaction rolled back (Axon evicts only on its own unit of work's
     * rollback, which may have committed inside the outer transaction), or after another process
     * appended to the streams.
     */
    public void forgetLoaded() {
        loaded.removeAll();
    }

    private <R> R dispatch(Object command, String stream) throws EventRejectedException {
        try {
            return commands.<R>send(command).get();
        } catch (ExecutionException | CompletionException e) {
            throw unwrap(e.getCause(), stream);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dispatching to " + stream, e);
        }
    }

    /**
     * What the aggregate meant by {@code failure}: its rejection (thrown), a pass-through failure
     * (thrown), else an {@link IllegalStateException} to throw.
     */
    private IllegalStateException unwrap(Throwable failure, String stream) throws EventRejectedException {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EventRejectedException rejected) {
                throw rejected;
            }
            for (Class<? extends RuntimeException> type : passThrough) {
                if (type.isInstance(cause)) {
                    throw type.cast(cause);
                }
            }
        }
        return new IllegalStateException("command for " + stream + " failed", failure);
    }
}
