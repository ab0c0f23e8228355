package org.oversight.ops.client;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Timestamp;

/**
 * Writes one stream's hash chain (docs/format.md §5.2): it keeps the head ({@code nextSeq}, last
 * event hash) and signs each new event at {@code nextSeq} with {@code prev} = the last hash. Events
 * appended to the stream by someone else (the engine's {@code MatchProposed}, another reviewer's
 * review) are fed in with {@link #observe} so the chain continues after them.
 *
 * <p>Event ids are {@code <kind>-<id>-<seq>} (unique per log, since a stream position is), or
 * {@code ev-<first 32 hex digits of SHA-256 of that>} when that would exceed 128 characters.
 * Header times come from the injected clock. Not thread-safe: one writer per stream and thread.
 */
public final class StreamWriter {
    private static final int MAX_ID = 128;

    private final StreamId stream;
    private final Clock clock;
    private long nextSeq;
    private Optional<EventHash> last = Optional.empty();

    private StreamWriter(StreamId stream, Clock clock) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A writer for a stream with no events yet. */
    public static StreamWriter open(StreamId stream, Clock clock) {
        return new StreamWriter(stream, clock);
    }

    /** A writer continuing after {@code head}, the last event of its stream so far. */
    public static StreamWriter after(SignedEvent head, Clock clock) {
        StreamWriter w = new StreamWriter(head.stream(), clock);
        w.observe(head);
        return w;
    }

    public StreamId stream() {
        return stream;
    }

    /** The seq the next event will get. */
    public long nextSeq() {
        return nextSeq;
    }

    /** The hash of the last event, empty while the stream has none. */
    public Optional<EventHash> last() {
        return last;
    }

    /**
     * Signs {@code payload} as the next event of the stream and advances the head.
     *
     * @throws IllegalArgumentException if the payload belongs to another stream, or the event would
     *     be invalid (e.g. a type that may only open a stream, at seq &gt; 0)
     */
    public SignedEvent next(EventPayload payload, Principal signer) {
        SignedEvent e = prepare(payload, signer);
        advance(e);
        return e;
    }

    /**
     * Signs {@code payload} as the next event of the stream WITHOUT advancing the head: for an event
     * the ledger may refuse. Once it is accepted, {@link #observe} it; if it is refused, the head is
     * unchanged and the next event takes its place.
     *
     * @throws IllegalArgumentException as {@link #next}
     */
    public SignedEvent prepare(EventPayload payload, Principal signer) {
        if (!payload.stream().equals(stream)) {
            throw new IllegalArgumentException("payload stream " + payload.stream().text() + " != writer stream "
                    + stream.text());
        }
        return EventSigner.sign(eventId(stream, nextSeq), nextSeq, last, Timestamp.ofEpochMillis(clock.millis()),
                payload, signer.privateKey());
    }

    /**
     * Records an event of this stream appended by someone else; it must be the next one.
     *
     * @throws IllegalArgumentException if it is of another stream, not at {@code nextSeq}, or does
     *     not build on the last event
     */
    public void observe(SignedEvent event) {
        if (!event.stream().equals(stream)) {
            throw new IllegalArgumentException("event stream " + event.stream().text() + " != writer stream "
                    + stream.text());
        }
        if (event.seq() != nextSeq) {
            throw new IllegalArgumentException("event " + event.header().eventId() + " at seq " + event.seq()
                    + " != next seq " + nextSeq + " of " + stream.text());
        }
        if (!event.header().prev().equals(last)) {
            throw new IllegalArgumentException("event " + event.header().eventId() + " prev "
                    + event.header().prev().map(EventHash::hex).orElse("null") + " != last "
                    + last.map(EventHash::hex).orElse("null") + " of " + stream.text());
        }
        advance(event);
    }

    private void advance(SignedEvent e) {
        nextSeq = e.seq() + 1;
        last = Optional.of(e.eventHash());
    }

    /** The event id this writer gives the event at {@code seq} of {@code stream}. */
    public static String eventId(StreamId stream, long seq) {
        String id = stream.kind().wireName() + "-" + stream.id() + "-" + seq;
        if (id.length() <= MAX_ID) {
            return id;
        }
        return "ev-" + org.oversight.domain.crypto.Sha256Digest
                .hash(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex().substring(0, 32);
    }
}
