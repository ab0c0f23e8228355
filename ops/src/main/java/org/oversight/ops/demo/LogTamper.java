package org.oversight.ops.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventHeader;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;

/**
 * The demo's rewritten logs (issue #12 item 7): what an operator holding the engine's key (and the
 * log key, which re-signs the checkpoint) could write instead of the honest log. Every event of a
 * rewritten log is validly signed by a key entitled to sign it, so only the rules catch it — R5:
 * <ul>
 *   <li>{@link #useAfterErasure}: a {@code MatchProposed} appended after the epoch's close naming a
 *       detection the close erased (R5(c), never used again);</li>
 *   <li>{@link #lateErasure}: the epoch's close re-signed with its header {@code time} at the epoch's
 *       {@code eraseBy} (R5(b), a late erasure);</li>
 *   <li>{@link #keptWithoutReason}: the close re-signed keeping, for reason {@code match}, an erased
 *       detection no {@code MatchProposed} names, its {@code erased} count lowered to match (R5(d)).</li>
 * </ul>
 * Pure: the result depends only on the arguments (Ed25519 signatures are deterministic).
 */
final class LogTamper {
    private LogTamper() {}

    /** The log offers nothing the variant could rewrite (no closed epoch, no erased detection, no match). */
    static final class NothingToTamperException extends Exception {
        NothingToTamperException(String message) {
            super(message);
        }
    }

    /** The last close of the log, its epoch's opening, and the epoch's sealed detections the close erased. */
    private record Close(int leaf, SignedEvent event, ErasureEpochClosed payload, ErasureEpochOpened opened,
            List<DetectionRef> erased) {}

    private static Close lastClose(List<SignedEvent> events) throws NothingToTamperException {
        for (int c = events.size() - 1; c >= 0; c--) {
            if (events.get(c).payload() instanceof ErasureEpochClosed close) {
                ErasureEpochOpened opened = null;
                List<DetectionRef> erased = new ArrayList<>();
                Set<DetectionRef> kept = Set.copyOf(close.keptDetections());
                for (int i = 0; i < c; i++) {
                    SignedEvent e = events.get(i);
                    if (e.payload() instanceof ErasureEpochOpened o && o.epoch().equals(close.epoch())) {
                        opened = o;
                    } else if (e.payload() instanceof SealedFaceDetected d && d.sealed().epoch().equals(close.epoch())) {
                        DetectionRef ref = new DetectionRef(e.eventHash(), i);
                        if (!kept.contains(ref)) {
                            erased.add(ref);
                        }
                    }
                }
                if (opened == null) {
                    throw new NothingToTamperException("epoch " + close.epoch() + " closed at leaf " + c
                            + " was never opened in this log");
                }
                if (erased.isEmpty()) {
                    throw new NothingToTamperException("the close of epoch " + close.epoch() + " at leaf " + c
                            + " erased no detection");
                }
                return new Close(c, events.get(c), close, opened, List.copyOf(erased));
            }
        }
        throw new NothingToTamperException("no ErasureEpochClosed in the log");
    }

    /**
     * Appends a {@code MatchProposed} signed by {@code engine} naming the first detection the last
     * close erased, copying every other member from the log's first proposal (same candidate, score,
     * threshold, snapshot, model, engine version), timed like the log's last event.
     */
    static List<SignedEvent> useAfterErasure(List<SignedEvent> events, Ed25519PrivateKey engine)
            throws NothingToTamperException {
        Close close = lastClose(events);
        MatchProposed model = events.stream().map(SignedEvent::payload).filter(MatchProposed.class::isInstance)
                .map(MatchProposed.class::cast).findFirst()
                .orElseThrow(() -> new NothingToTamperException("no MatchProposed in the log to copy"));
        DetectionRef erased = close.erased().get(0);
        MatchProposed forged = new MatchProposed("m-after-erasure-" + erased.leafIndex(), erased,
                model.candidateEntry(), model.score(), model.threshold(), model.watchlistSnapshot(), model.modelId(),
                model.engineVersion());
        Timestamp time = events.get(events.size() - 1).header().time();
        List<SignedEvent> out = new ArrayList<>(events);
        out.add(EventSigner.sign("tamper-use-after-erasure", 0, Optional.empty(), time, forged, engine));
        return out;
    }

    /** The last close re-signed by {@code engine} with its header {@code time} at its epoch's {@code eraseBy}. */
    static List<SignedEvent> lateErasure(List<SignedEvent> events, Ed25519PrivateKey engine)
            throws NothingToTamperException {
        Close close = lastClose(events);
        return replaced(events, close, close.payload(), close.opened().eraseBy(), engine);
    }

    /**
     * The last close re-signed by {@code engine} keeping also the first detection it erased, for
     * reason {@code match} under the first kept record's case and retention (or one day after the
     * close if it kept none), with {@code erased} one lower so that the count still adds up.
     */
    static List<SignedEvent> keptWithoutReason(List<SignedEvent> events, Ed25519PrivateKey engine)
            throws NothingToTamperException {
        Close close = lastClose(events);
        ErasureEpochClosed c = close.payload();
        DetectionRef extra = close.erased().get(0);
        Timestamp retainUntil = c.kept().isEmpty()
                ? Timestamp.ofEpochMillis(close.event().header().time().epochMillis() + 86_400_000L)
                : c.kept().get(0).retainUntil();
        String caseRef = c.kept().isEmpty() ? "INC-TAMPER" : c.kept().get(0).caseRef();
        List<KeptRecord> kept = new ArrayList<>(c.kept());
        kept.add(new KeptRecord(caseRef, extra, KeepReason.MATCH, retainUntil));
        kept.sort(Comparator.comparingLong(k -> k.detection().leafIndex()));
        return replaced(events, close, new ErasureEpochClosed(c.epoch(), kept, c.erased() - 1),
                close.event().header().time(), engine);
    }

    private static List<SignedEvent> replaced(List<SignedEvent> events, Close close, ErasureEpochClosed payload,
            Timestamp time, Ed25519PrivateKey engine) throws NothingToTamperException {
        EventHeader h = close.event().header();
        if (!h.signer().equals(engine.publicKey().keyId())) {
            throw new NothingToTamperException("the close at leaf " + close.leaf() + " is signed by key " + h.signer()
                    + ", not by the engine key given (" + engine.publicKey().keyId() + ")");
        }
        Objects.requireNonNull(engine, "engine");
        List<SignedEvent> out = new ArrayList<>(events);
        SignedEvent previous = EventSigner.sign(new EventHeader(h.eventId(), h.type(), h.schema(), h.stream(), h.seq(),
                h.prev(), time, h.signer()), payload, engine);
        out.set(close.leaf(), previous);
        // The rest of the epoch's stream (KeptRecordsDestroyed, also the engine's) chains on the close's
        // hash: the operator re-signs it too, so every chain still verifies and only the rules object.
        for (int i = close.leaf() + 1; i < events.size(); i++) {
            SignedEvent e = events.get(i);
            if (!e.stream().equals(h.stream())) {
                continue;
            }
            EventHeader f = e.header();
            if (!f.signer().equals(h.signer())) {
                throw new NothingToTamperException("the close at leaf " + close.leaf() + " is followed in its stream "
                        + h.stream().text() + " at leaf " + i + " by an event signed by key " + f.signer()
                        + ", not the engine's: re-signing the close would break that chain");
            }
            previous = EventSigner.sign(new EventHeader(f.eventId(), f.type(), f.schema(), f.stream(), f.seq(),
                    Optional.of(previous.eventHash()), f.time(), f.signer()), e.payload(), engine);
            out.set(i, previous);
        }
        return out;
    }
}
