package org.oversight.ledger.aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.oversight.domain.chain.ChainVerdict;
import org.oversight.domain.chain.StreamChain;
import org.oversight.domain.chain.StreamHead;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.WatchlistEntry;
import org.oversight.domain.policy.DisclosureRules;
import org.oversight.domain.policy.RuleBook;
import org.oversight.domain.principal.KeyRecord;

/**
 * One aggregate per stream (aggregate id = stream name, e.g. {@code match/m-000001}). It checks an
 * envelope against its stream (sequence, previous hash, stream-local rules) and, through
 * {@link LedgerRegistry}, against the log at the event's leaf index (signer, signature, camera),
 * then applies the envelope unchanged as {@link EventRecorded}. State changes only in
 * {@link #on(EventRecorded, MetaData)}, so replaying the stream rebuilds exactly this state.
 *
 * <p>Stream-local rules: a withdrawn watchlist entry or a decommissioned camera takes no further
 * events; a watchlist entry must be authorised by the officer who signs it, with an authorisation
 * reference and an expiry after its start; each reviewer reviews a match at most once; a match is
 * actioned only after confirmations by at least {@link #CONFIRMATIONS_FOR_ACTION} distinct
 * reviewers; records are disclosed only by a role the purpose allows (R-disclosure).
 */
@Aggregate(cache = AggregateConfiguration.CACHE)
public class StreamAggregate {
    /** Rule R1: confirmations by distinct reviewers needed before an action (the rule book's floor). */
    public static final int CONFIRMATIONS_FOR_ACTION = RuleBook.MIN_CONFIRMATIONS;

    @AggregateIdentifier
    private String stream;
    private final List<EventHash> hashes = new ArrayList<>();
    private boolean closed;
    private String closedBy = "";
    private final Map<String, Verdict> reviews = new TreeMap<>();
    /** The event {@link #decide} is applying right now (identity), and its parsed envelope; else null. */
    private transient EventRecorded applying;
    private transient SignedEvent applyingEvent;

    protected StreamAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public SubmitResult handle(SubmitEvent command, LedgerRegistry registry) {
        try {
            return decide(command, registry);
        } catch (EventRejectedException e) {
            throw new CommandRejection(e);
        }
    }

    /**
     * The events of one stream in one invocation (the ingest path's hot path): each is decided and
     * applied exactly as a {@link SubmitEvent} would be, in order, so each sees the state its
     * predecessors' {@link EventRecorded} left; the first rejection aborts the whole command.
     *
     * @return one result per event, in order
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public List<SubmitResult> handle(SubmitEvents command, LedgerRegistry registry) {
        List<SubmitResult> results = new ArrayList<>(command.events().size());
        for (SubmitEvent event : command.events()) {
            try {
                results.add(decide(event, registry));
            } catch (EventRejectedException e) {
                throw new CommandRejection(e);
            }
        }
        return results;
    }

    private SubmitResult decide(SubmitEvent command, LedgerRegistry registry) throws EventRejectedException {
        SignedEvent event = command.event();
        ChainVerdict verdict = StreamChain.check(head(), event, (s, seq) -> Optional.of(hashes.get((int) seq)));
        if (verdict instanceof ChainVerdict.Replay) {
            return SubmitResult.replay();
        }
        checkChain(verdict);
        if (closed) {
            throw new EventRejectedException(Rejection.STREAM_STATE, "header.stream: " + command.stream()
                    + " was closed by " + closedBy + "; " + event.type().wireName() + " not accepted");
        }
        KeyRecord signer = registry.check(event, command.leafIndex());
        checkStreamRules(event, signer);
        EventRecorded recorded = new EventRecorded(new String(event.leafBytes(), StandardCharsets.UTF_8));
        applying = recorded;
        applyingEvent = event;
        try {
            apply(recorded, MetaData.with(EventRecorded.LEAF_INDEX, command.leafIndex())
                    .and(EventRecorded.SIGNER_PRINCIPAL, signer.owner())
                    .and(EventRecorded.EVENT_TYPE, event.type().wireName()));
        } finally {
            applying = null;
            applyingEvent = null;
        }
        return new SubmitResult(true, signer.owner());
    }

    private StreamHead head() {
        return hashes.isEmpty() ? StreamHead.EMPTY
                : new StreamHead(hashes.size(), Optional.of(hashes.get(hashes.size() - 1)));
    }

    private static void checkChain(ChainVerdict verdict) throws EventRejectedException {
        if (verdict instanceof ChainVerdict.Gap g) {
            throw new EventRejectedException(Rejection.SEQUENCE_GAP, "header.seq: " + g.seq() + " in " + g.stream()
                    + " but the next expected seq is " + g.expectedSeq());
        }
        if (verdict instanceof ChainVerdict.Fork f) {
            throw new EventRejectedException(Rejection.STREAM_FORK, "header.seq: " + f.seq() + " in " + f.stream()
                    + " already holds event " + f.recorded().hex() + ", not " + f.offered().hex());
        }
        if (verdict instanceof ChainVerdict.WrongPrev w) {
            throw new EventRejectedException(Rejection.WRONG_PREV, "header.prev: "
                    + w.found().map(EventHash::hex).orElse("(absent)") + " at seq " + w.seq() + " in " + w.stream()
                    + " but the stream head is " + w.expected().map(EventHash::hex).orElse("(empty)"));
        }
        if (!(verdict instanceof ChainVerdict.Ok)) {
            throw new IllegalStateException("unhandled chain verdict " + verdict);
        }
    }

    private void checkStreamRules(SignedEvent event, KeyRecord signer) throws EventRejectedException {
        switch (event.type()) {
            case WATCHLIST_ENTRY_AUTHORIZED -> checkAuthorisation((WatchlistEntry) event.payload(), signer);
            case RECORD_DISCLOSED -> {
                // R-disclosure's role rule, by the rule book's own table (docs/rules.md "At ingest").
                DisclosurePurpose purpose = ((RecordDisclosed) event.payload()).purpose();
                if (!DisclosureRules.mayDisclose(purpose).contains(signer.role())) {
                    throw new EventRejectedException(Rejection.SIGNER_NOT_PERMITTED, "header.signer: "
                            + signer.role().wireName() + " '" + signer.owner() + "' may not disclose records for"
                            + " purpose " + purpose.wireName() + " (allowed: " + DisclosureRules.mayDisclose(purpose)
                            .stream().map(r -> r.wireName()).toList() + ")");
                }
            }
            case MATCH_REVIEWED -> {
                if (reviews.containsKey(signer.owner())) {
                    throw new EventRejectedException(Rejection.DUPLICATE_REVIEW, "header.signer: reviewer '"
                            + signer.owner() + "' already reviewed " + stream + " ("
                            + reviews.get(signer.owner()).wireName() + ")");
                }
            }
            case MATCH_ACTIONED -> {
                long confirmations = confirmations();
                if (confirmations < CONFIRMATIONS_FOR_ACTION) {
                    throw new EventRejectedException(Rejection.INSUFFICIENT_CONFIRMATIONS, "payload.match: "
                            + stream + " has " + confirmations + " confirmation(s) by distinct reviewers, needs "
                            + CONFIRMATIONS_FOR_ACTION);
                }
            }
            default -> {
                // other types: signer, chain and payload checks suffice
            }
        }
    }

    private static void checkAuthorisation(WatchlistEntry entry, KeyRecord signer)
            throws EventRejectedException {
        if (!entry.authorisedBy().equals(signer.owner())) {
            throw new EventRejectedException(Rejection.WATCHLIST_AUTHORISATION, "payload.authorisedBy: '"
                    + entry.authorisedBy() + "' but the entry is signed by officer '" + signer.owner() + "'");
        }
        if (entry.authorisationRef().isBlank()) {
            throw new EventRejectedException(Rejection.WATCHLIST_AUTHORISATION,
                    "payload.authorisationRef: empty authorisation reference");
        }
        if (entry.validUntil().compareTo(entry.validFrom()) <= 0) {
            throw new EventRejectedException(Rejection.WATCHLIST_AUTHORISATION, "payload.validUntil: "
                    + entry.validUntil().text() + " is not after validFrom " + entry.validFrom().text());
        }
    }

    private long confirmations() {
        return reviews.values().stream().filter(v -> v == Verdict.CONFIRM).count();
    }

    @EventSourcingHandler
    void on(EventRecorded recorded, MetaData metaData) {
        // The event decide() just checked was parsed from exactly these bytes: its hash and fields
        // are reused instead of hashing and parsing the envelope a second time on the writer's path.
        SignedEvent decided = recorded == applying ? applyingEvent : null;
        byte[] bytes = decided == null ? recorded.envelope().getBytes(StandardCharsets.UTF_8) : null;
        // Replaying a long stream (a camera's detections) must stay cheap: only the hash is needed
        // for most events; the envelope is parsed only for the types that change stream state.
        hashes.add(decided != null ? decided.eventHash() : EventHash.ofLeafBytes(bytes));
        Object type = metaData.get(EventRecorded.EVENT_TYPE);
        if (stream == null || type == null || STATEFUL_TYPES.contains(String.valueOf(type))) {
            SignedEvent event = decided != null ? decided : parse(bytes);
            stream = event.stream().text();
            String signer = String.valueOf(metaData.get(EventRecorded.SIGNER_PRINCIPAL));
            switch (event.type()) {
                case CAMERA_DECOMMISSIONED, WATCHLIST_ENTRY_WITHDRAWN -> {
                    closed = true;
                    closedBy = event.type().wireName() + " " + event.header().eventId();
                }
                case MATCH_REVIEWED -> reviews.put(signer, ((MatchReviewed) event.payload()).verdict());
                default -> {
                    // no stream-local state beyond the chain
                }
            }
        }
    }

    private static final java.util.Set<String> STATEFUL_TYPES = java.util.Set.of(
            org.oversight.domain.event.EventType.CAMERA_DECOMMISSIONED.wireName(),
            org.oversight.domain.event.EventType.WATCHLIST_ENTRY_WITHDRAWN.wireName(),
            org.oversight.domain.event.EventType.MATCH_REVIEWED.wireName());

    private SignedEvent parse(byte[] bytes) {
        try {
            return SignedEvent.parse(bytes);
        } catch (InvalidEventException e) {
            throw new IllegalStateException("stored envelope in " + stream + " no longer parses: " + e.getMessage(), e);
        }
    }

    /** For tests and diagnostics. */
    long size() {
        return hashes.size();
    }

}
