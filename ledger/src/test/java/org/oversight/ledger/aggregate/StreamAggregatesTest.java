package org.oversight.ledger.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.testing.World;

/**
 * {@link StreamAggregates}, the write path's seam to Axon, on a real Axon command bus and gateway:
 * what a handler throws arrives as the aggregate meant it, and a request's commands commit (or roll
 * back) with the one root unit of work.
 */
class StreamAggregatesTest {
    private static final SignedEvent EVENT = new World().genesis().get(0);
    private static final SubmitEvent ONE = SubmitEvent.of(EVENT, 0);
    private static final SubmitEvents RUN = new SubmitEvents(ONE.stream(), List.of(ONE));

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final BoundedAggregateCache cache = new BoundedAggregateCache(8);
    private final StreamAggregates aggregates = new StreamAggregates(
            DefaultCommandGateway.builder().commandBus(bus).build(), cache, Set.of(Fenced.class));
    private final List<String> log = new ArrayList<>();

    /** Stands in for the sequencer's lease fence, which the aggregate package may not name. */
    static final class Fenced extends RuntimeException {
        Fenced() {
            super("not the leader");
        }
    }

    @AfterEach
    void noUnitOfWorkLeftOpen() {
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    @Test
    void resultsComeBackAsTheHandlerReturnedThem() throws Exception {
        bus.subscribe(SubmitEvent.class.getName(), m -> new SubmitResult(true, "authority-1"));
        bus.subscribe(SubmitEvents.class.getName(), m -> List.of(new SubmitResult(true, "authority-1")));

        assertThat(aggregates.record(ONE)).isEqualTo(new SubmitResult(true, "authority-1"));
        assertThat(aggregates.record(RUN)).containsExactly(new SubmitResult(true, "authority-1"));
    }

    @Test
    void aRejectionArrivesAsTheAggregatesOwnCheckedException() {
        EventRejectedException rejection = new EventRejectedException(Rejection.WRONG_PREV, "header.prev: x");
        bus.subscribe(SubmitEvent.class.getName(), m -> {
            throw new CommandRejection(rejection);
        });
        bus.subscribe(SubmitEvents.class.getName(), m -> {
            throw new IllegalStateException("wrapped", new CommandRejection(rejection));
        });

        assertThatThrownBy(() -> aggregates.record(ONE)).isSameAs(rejection);
        assertThatThrownBy(() -> aggregates.record(RUN)).isSameAs(rejection);
    }

    @Test
    void aPassThroughFailureArrivesUnchangedAnythingElseAsABug() {
        Fenced fenced = new Fenced();
        bus.subscribe(SubmitEvent.class.getName(), m -> {
            throw new IllegalStateException("event store append failed", fenced);
        });
        IllegalArgumentException bug = new IllegalArgumentException("boom");
        bus.subscribe(SubmitEvents.class.getName(), m -> {
            throw bug;
        });

        assertThatThrownBy(() -> aggregates.record(ONE)).isSameAs(fenced);
        assertThatThrownBy(() -> aggregates.record(RUN)).isInstanceOf(IllegalStateException.class)
                .hasMessage("command for " + ONE.stream() + " failed").hasRootCause(bug);
    }

    @Test
    void commandsOfOneRequestCommitWithTheRootUnitOfWork() {
        bus.subscribe(SubmitEvent.class.getName(), this::recordingHandler);

        String result = aggregates.inOneUnitOfWork(() -> {
            dispatch();
            dispatch();
            assertThat(log).as("nested units of work commit only with the root").isEmpty();
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(log).containsExactly("committed", "committed");
    }

    @Test
    void aFailureRollsBackEveryCommandOfTheRequestAndPropagatesUnchanged() {
        bus.subscribe(SubmitEvent.class.getName(), this::recordingHandler);
        IllegalStateException failure = new IllegalStateException("later event rejected");

        assertThatThrownBy(() -> aggregates.inOneUnitOfWork(() -> {
            dispatch();
            throw failure;
        })).isSameAs(failure);

        assertThat(log).containsExactly("rolled back");
    }

    @Test
    void forgetLoadedEmptiesTheAggregateCache() {
        cache.put("camera/cam-1", new Object());
        aggregates.forgetLoaded();
        assertThat(cache.size()).isZero();
    }

    private Object recordingHandler(Object message) {
        CurrentUnitOfWork.get().afterCommit(u -> log.add("committed"));
        CurrentUnitOfWork.get().onRollback(u -> log.add("rolled back"));
        return new SubmitResult(true, "authority-1");
    }

    private void dispatch() {
        try {
            aggregates.record(ONE);
        } catch (EventRejectedException e) {
            throw new AssertionError(e);
        }
    }
}
