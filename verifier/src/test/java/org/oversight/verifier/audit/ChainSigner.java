package org.oversight.verifier.audit;

import java.util.TreeMap;
import org.oversight.domain.chain.StreamHead;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Timestamp;

/**
 * Signs events as an emitter would: each as the next event of its stream (seq and prev from the
 * stream's head), with the fixture key of a given seed ({@link EventFixtures#key}), event ids
 * {@code ev-<n>} and header times one second apart, {@code n} being the number of events appended
 * so far. Shared by {@link TestLog} (small logs held in memory) and {@link LargeLog} (streamed).
 */
public final class ChainSigner {
    private static final Ed25519PrivateKey[] KEYS = new Ed25519PrivateKey[256];

    private final TreeMap<StreamId, StreamHead> heads = new TreeMap<>();
    private long appended;

    /** {@link EventFixtures#key}, derived once per seed (deriving costs about one signature). */
    public static Ed25519PrivateKey key(int seed) {
        synchronized (KEYS) {
            if (KEYS[seed & 0xff] == null) {
                KEYS[seed & 0xff] = EventFixtures.key(seed);
            }
            return KEYS[seed & 0xff];
        }
    }

    /** Signs {@code payload} as the next event of its stream, without appending it. */
    public SignedEvent next(EventPayload payload, int seed) {
        StreamHead head = heads.getOrDefault(payload.stream(), StreamHead.EMPTY);
        return EventSigner.sign("ev-" + appended, head.nextSeq(), head.last(),
                Timestamp.ofEpochMillis(1_795_000_000_000L + 1000L * appended), payload, key(seed));
    }

    /** Records {@code event} as appended: it becomes its stream's head. */
    public void advance(SignedEvent event) {
        heads.put(event.stream(), heads.getOrDefault(event.stream(), StreamHead.EMPTY).advance(event.eventHash()));
        appended++;
    }

    /** Events appended so far. */
    public long appended() {
        return appended;
    }
}
