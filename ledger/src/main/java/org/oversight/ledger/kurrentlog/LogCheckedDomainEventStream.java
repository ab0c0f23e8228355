package org.oversight.ledger.kurrentlog;

import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

/**
 * An aggregate's event stream read from seq 0, checked while Axon replays it: seqs consecutive from
 * 0, and at its end the log's head of the stream ({@link KurrentDbLogMirror#requireLogHead}). Lazy,
 * like the stream it wraps, so a long stream is never held in memory.
 */
final class LogCheckedDomainEventStream implements DomainEventStream {
    private final DomainEventStream delegate;
    private final KurrentDbLogMirror mirror;
    private final String stream;
    private final long size;
    private long loaded;
    private DomainEventMessage<?> last;
    private boolean checked;

    /** @param size the committed log size the stream was caught up to before the read */
    LogCheckedDomainEventStream(DomainEventStream delegate, KurrentDbLogMirror mirror, String stream, long size) {
        this.delegate = delegate;
        this.mirror = mirror;
        this.stream = stream;
        this.size = size;
    }

    @Override
    public boolean hasNext() {
        boolean more = delegate.hasNext();
        if (!more && !checked) {
            checked = true;
            mirror.requireLogHead(stream, size, loaded, Optional.ofNullable(last));
        }
        return more;
    }

    @Override
    public DomainEventMessage<?> next() {
        DomainEventMessage<?> event = delegate.next();
        if (event.getSequenceNumber() != loaded) {
            throw new IllegalStateException("ALARM: KurrentDB stream of " + stream + " has seq "
                    + event.getSequenceNumber() + " where " + loaded + " was expected");
        }
        loaded++;
        last = event;
        return event;
    }

    @Override
    public DomainEventMessage<?> peek() {
        return delegate.peek();
    }

    @Override
    public Long getLastSequenceNumber() {
        return delegate.getLastSequenceNumber();
    }
}
