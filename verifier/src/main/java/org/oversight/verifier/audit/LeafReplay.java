package org.oversight.verifier.audit;

import org.oversight.verifier.trust.GenesisRecord;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.oversight.domain.chain.ChainException;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.Detection;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.policy.RuleBook;
import org.oversight.domain.policy.RuleViolation;
import org.oversight.domain.principal.KeyRecord;
import org.oversight.domain.principal.RegistryException;
import org.oversight.domain.replay.LogReplayer;
import org.oversight.recognition.projection.SealedRecordSource;
import org.oversight.verifier.report.Finding;

/**
 * The ordered pass over the log's leaves, one leaf at a time in leaf order — the single
 * implementation used by the whole-log audit ({@link LogAuditor}) and by the live auditor
 * ({@link IncrementalAudit}, behind {@code verifier witness}): replay (envelope, chain, signer key,
 * signature, effect, via {@link PreverifyingReplayer}), then, for an accepted event, the domain's
 * {@link RuleBook} and the projection replay ({@link ProjectionAudit}). A rejected event changes no
 * state; every violation goes to the sink, in log order.
 *
 * <p>Not thread-safe: the ordered pass alone calls it.
 */
final class LeafReplay {
    private final StreamPositions positions;
    private final LogReplayer replayer;
    private final Rejections rejections;
    private final PreverifyingReplayer events;
    private final RuleBook rules = new RuleBook();
    private final ProjectionAudit projection;
    /** The auditor's disclosed records, or null when the replay has none of its own checks to make. */
    private final DisclosedRecords disclosed;
    private final GenesisRecord genesis = new GenesisRecord();
    private final long[] typeCounts = new long[EventType.values().length];
    private long accepted;
    private DetectionObserver detections;
    private Consumer<String> epochCloses;
    private java.util.function.ObjLongConsumer<SignedEvent> acceptedEvents;
    /** Streams whose latest event was rejected: the first rejected leaf since the last accepted one. */
    private final TreeMap<StreamId, Long> stalled = new TreeMap<>();

    LeafReplay(LeafHashFile hashes, long projectionGraceLeaves) {
        this(hashes, projectionGraceLeaves, SealedRecordSource.NONE);
    }

    /**
     * @param records the sealed records the projection replay may use; if they are an auditor's
     *     {@link DisclosedRecords}, their checks (commitment, disclosure on the record) are reported too
     */
    LeafReplay(LeafHashFile hashes, long projectionGraceLeaves, SealedRecordSource records) {
        this.positions = new StreamPositions(hashes);
        this.replayer = new LogReplayer(positions);
        this.rejections = new Rejections(replayer, positions);
        this.events = new PreverifyingReplayer(replayer, positions);
        this.projection = new ProjectionAudit(projectionGraceLeaves, records);
        this.disclosed = records instanceof DisclosedRecords d ? d : null;
    }

    /** Replays the prepared leaf at {@code leaf} (the hash file already holds its hash). */
    void replay(PreparedLeaf prepared, long leaf, Consumer<Finding> sink) {
        SignedEvent event;
        try {
            event = prepared.event();
        } catch (InvalidEventException e) {
            sink.accept(Rejections.notCanonical(leaf, prepared.leafBytes(), e));
            return;
        }
        typeCounts[event.type().ordinal()]++;
        Finding rejected;
        try {
            KeyRecord signer = events.accept(prepared, leaf);
            positions.record(event.stream(), event.seq(), leaf);
            accepted++;
            stalled.remove(event.stream());
            genesis.observe(event, leaf);
            for (RuleViolation v : rules.observe(event, leaf, signer)) {
                sink.accept(PolicyFindings.of(v));
            }
            projection.observe(event, leaf, rules.searchScopeAt(leaf)).forEach(sink);
            if (epochCloses != null && event.payload() instanceof ErasureEpochClosed c) {
                epochCloses.accept(c.epoch());
            }
            if (detections != null && event.payload() instanceof Detection d) {
                detections.detection(leaf, event.header().eventId(), d.captureTime(),
                        rules.maxReportingDelayMsAt(leaf));
            }
            if (disclosed != null) {
                disclosed.observe(event);
                disclosed.drain().forEach(sink);
            }
            if (acceptedEvents != null) {
                acceptedEvents.accept(event, leaf);
            }
            return;
        } catch (ChainException e) {
            rejected = rejections.chain(event, leaf, e);
        } catch (RegistryException e) {
            rejected = rejections.registry(event, leaf, e);
        } catch (EventSignatureException e) {
            rejected = rejections.signature(event, leaf, e);
        } catch (InvalidEventException e) {
            throw new IllegalStateException("leaf " + leaf + " parsed once, then not", e);
        }
        Long firstRejected = stalled.putIfAbsent(event.stream(), leaf);
        if (firstRejected != null) {
            // Tell the reader this may be a consequence, not a second tampering.
            rejected = new Finding(rejected.rule(), rejected.leafIndex(), rejected.eventId(), rejected.expected(),
                    rejected.found() + " (this stream's event at leaf " + firstRejected + " was rejected, so the"
                            + " stream did not advance since)", firstRejected);
        }
        sink.accept(rejected);
    }

    /** An accepted detection, with the R11 reporting delay of the policy in force at its leaf, if any. */
    @FunctionalInterface
    interface DetectionObserver {
        void detection(long leaf, String eventId, Timestamp captureTime, Optional<Long> maxReportingDelayMs);
    }

    /** Also tells {@code observer} of every accepted detection, in leaf order (rule R11). */
    void onDetection(DetectionObserver observer) {
        this.detections = observer;
    }

    /** Also tells {@code observer} the epoch of every accepted {@code ErasureEpochClosed}, in leaf order. */
    void onEpochClosed(Consumer<String> observer) {
        this.epochCloses = observer;
    }

    /**
     * Also tells {@code observer} every accepted event and its leaf, in leaf order, after the rules
     * and the projection replay have seen it.
     */
    void onAccepted(java.util.function.ObjLongConsumer<SignedEvent> observer) {
        this.acceptedEvents = observer;
    }

    LogReplayer replayer() {
        return replayer;
    }

    RuleBook rules() {
        return rules;
    }

    ProjectionAudit projection() {
        return projection;
    }

    /** The auditor's disclosed records, if the replay was given them. */
    java.util.Optional<DisclosedRecords> disclosed() {
        return java.util.Optional.ofNullable(disclosed);
    }

    /** The genesis trust anchors seen among the accepted events (rule R-genesis). */
    GenesisRecord genesis() {
        return genesis;
    }

    /** The accepted matches per state so far (the report's table). */
    java.util.EnumMap<org.oversight.verifier.report.MatchState, Long> matchCounts() {
        return MatchTally.counts(rules);
    }

    long typeCount(EventType type) {
        return typeCounts[type.ordinal()];
    }

    long accepted() {
        return accepted;
    }
}
