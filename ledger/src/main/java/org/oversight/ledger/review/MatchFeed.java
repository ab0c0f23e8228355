package org.oversight.ledger.review;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.EventHeader;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.KeyRevoked;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.policy.MatchState;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.springframework.stereotype.Component;

/**
 * The matches of the log and where each stands ({@link MatchState}), as of the committed tree.
 * A read model kept in memory and brought up to the sequencer's committed size on every read: it
 * reads the leaves it has not seen yet, in leaf order, parsing only principal, policy and match
 * leaves (detections and watchlist entries are skipped by their stream name, so their templates
 * are never parsed). Works the same on a follower, which reads the same committed leaves.
 *
 * <p>Memory: per match its proposal and its reviews and actions; per enrolled key its owner; the
 * policies. Cost: one pass over the log on the first read after a start, then only new leaves.
 *
 * <p>Thread-safe (one lock; reads copy what they return).
 */
@Component
@ConditionalOnPostgresLog
public class MatchFeed {
    private static final int PAGE = 512;

    private final LeafStore store;
    private final Sequencer sequencer;

    private long scanned;
    private final Map<String, SignerKey> keys = new HashMap<>();
    private final TreeMap<Long, PolicyAt> policies = new TreeMap<>();
    private final TreeMap<Long, MatchRecord> byProposalLeaf = new TreeMap<>();
    private final Map<String, MatchRecord> byId = new HashMap<>();

    public MatchFeed(LeafStore store, Sequencer sequencer) {
        this.store = store;
        this.sequencer = sequencer;
    }

    /**
     * A principal's key as the log records it: enrolled at {@code enrolledAt} (by
     * {@code AuthorityDeclared} or {@code KeyEnrolled}), revoked at {@code revokedAt} if ever.
     */
    public record SignerKey(String keyId, String principal, String role, long enrolledAt, Optional<Long> revokedAt) {}

    /** A policy and the leaf it was adopted at. */
    public record PolicyAt(long leafIndex, RecognitionPolicySet policy) {}

    /** A review as recorded; {@code counted} is false for a reviewer principal's later reviews (R1). */
    public record Review(long leafIndex, String principal, Verdict verdict, String rationale, String time,
            boolean counted) {}

    /** An action as recorded. */
    public record Action(long leafIndex, String principal, String action, String reference, String time) {}

    /**
     * One match as of {@code treeSize}.
     *
     * @param policyAtDetection the policy in force at the detection's leaf, if any
     * @param confirmationsRequired R1's N for an action at leaf {@code treeSize}
     * @param nextSeq the match stream's next seq; {@code lastHash} the hash of its last event
     */
    public record MatchView(String match, MatchState state, long proposalLeaf, String proposalHash,
            String proposalTime, MatchProposed proposal, Optional<PolicyAt> policyAtDetection,
            long confirmationsRequired, long confirmations, List<Review> reviews, List<Action> actions,
            long nextSeq, String lastHash, long treeSize) {}

    /** A page of the feed: the matches in the state, by proposal leaf, after the cursor. */
    public record Page(long treeSize, List<MatchView> matches, Optional<Long> next) {}

    private static final class MatchRecord {
        final String id;
        final long proposalLeaf;
        final String proposalHash;
        final String proposalTime;
        final MatchProposed proposal;
        final List<Review> reviews = new ArrayList<>();
        final TreeMap<String, Verdict> firstVerdicts = new TreeMap<>();
        final List<Action> actions = new ArrayList<>();
        long nextSeq = 1;
        String lastHash;

        MatchRecord(String id, long proposalLeaf, String proposalHash, String proposalTime, MatchProposed proposal) {
            this.id = id;
            this.proposalLeaf = proposalLeaf;
            this.proposalHash = proposalHash;
            this.proposalTime = proposalTime;
            this.proposal = proposal;
            this.lastHash = proposalHash;
        }
    }

    /**
     * The matches in {@code state} whose proposal leaf is greater than {@code after}, in proposal
     * leaf order, at most {@code limit}; {@code next} is the cursor for the following page when
     * more remain.
     */
    public synchronized Page page(MatchState state, long after, int limit) {
        long size = refresh();
        List<MatchView> out = new ArrayList<>();
        Optional<Long> next = Optional.empty();
        for (MatchRecord m : byProposalLeaf.tailMap(after, false).values()) {
            MatchView v = view(m, size);
            if (v.state() != state) {
                continue;
            }
            if (out.size() == limit) {
                next = Optional.of(out.get(out.size() - 1).proposalLeaf());
                break;
            }
            out.add(v);
        }
        return new Page(size, out, next);
    }

    /** The principal key {@code keyId} (32 hex digits) as of the committed tree, if it was ever enrolled. */
    public synchronized Optional<SignerKey> key(String keyId) {
        refresh();
        return Optional.ofNullable(keys.get(keyId));
    }

    /** The committed tree size this feed has read up to (after bringing it up to date). */
    public synchronized long treeSize() {
        return refresh();
    }

    /** The match {@code matchId} as of the committed tree, if it was proposed. */
    public synchronized Optional<MatchView> match(String matchId) {
        long size = refresh();
        MatchRecord m = byId.get(matchId);
        return m == null ? Optional.empty() : Optional.of(view(m, size));
    }

    private MatchView view(MatchRecord m, long size) {
        Optional<PolicyAt> atDetection = Optional.ofNullable(policies.lowerEntry(m.proposal.detection().leafIndex()))
                .map(Map.Entry::getValue);
        Optional<PolicyAt> now = Optional.ofNullable(policies.lowerEntry(size)).map(Map.Entry::getValue);
        List<Long> governing = new ArrayList<>();
        atDetection.ifPresent(p -> governing.add(p.policy().reviewersRequired()));
        now.ifPresent(p -> governing.add(p.policy().reviewersRequired()));
        long required = MatchState.confirmationsRequired(governing.stream().mapToLong(Long::longValue).toArray());
        long confirmations = m.firstVerdicts.values().stream().filter(v -> v == Verdict.CONFIRM).count();
        MatchState state = MatchState.of(!m.actions.isEmpty(), m.firstVerdicts.values(), required);
        return new MatchView(m.id, state, m.proposalLeaf, m.proposalHash, m.proposalTime, m.proposal, atDetection,
                required, confirmations, List.copyOf(m.reviews), List.copyOf(m.actions), m.nextSeq, m.lastHash, size);
    }

    /** Observes the committed leaves not seen yet; returns the committed size observed up to. */
    private long refresh() {
        long size = sequencer.committed().size();
        while (scanned < size) {
            List<StoredLeaf> page = store.leaves(scanned, (int) Math.min(PAGE, size - scanned));
            if (page.isEmpty() || page.get(0).index() != scanned) {
                throw new IllegalStateException("leaf " + scanned + " of committed size " + size + " not readable");
            }
            for (StoredLeaf leaf : page) {
                observe(leaf);
                scanned = leaf.index() + 1;
            }
        }
        return size;
    }

    private void observe(StoredLeaf leaf) {
        String stream = leaf.leaf().stream();
        if (!(stream.startsWith("principal/") || stream.startsWith("policy/") || stream.startsWith("match/"))) {
            return;
        }
        SignedEvent e;
        try {
            e = SignedEvent.parse(leaf.leaf().leafBytes());
        } catch (InvalidEventException ex) {
            throw new IllegalStateException("committed leaf " + leaf.index() + " does not parse: " + ex.getMessage(), ex);
        }
        EventHeader h = e.header();
        String hash = e.eventHash().hex();
        Object payload = e.payload();
        if (payload instanceof AuthorityDeclared a) {
            String id = a.publicKey().keyId().hex();
            keys.put(id, new SignerKey(id, a.principal(), "authority", leaf.index(), Optional.empty()));
        } else if (payload instanceof KeyEnrolled k) {
            String id = k.publicKey().keyId().hex();
            keys.put(id, new SignerKey(id, k.principal(), k.role().wireName(), leaf.index(), Optional.empty()));
        } else if (payload instanceof KeyRevoked r) {
            SignerKey k = keys.get(r.keyId().hex());
            if (k != null) {
                keys.put(k.keyId(), new SignerKey(k.keyId(), k.principal(), k.role(), k.enrolledAt(),
                        Optional.of(leaf.index())));
            }
        } else if (payload instanceof RecognitionPolicySet p) {
            policies.put(leaf.index(), new PolicyAt(leaf.index(), p));
        } else if (payload instanceof MatchProposed p) {
            MatchRecord m = new MatchRecord(p.match(), leaf.index(), hash, h.time().text(), p);
            byProposalLeaf.put(leaf.index(), m);
            byId.put(p.match(), m);
        } else if (payload instanceof MatchReviewed r) {
            MatchRecord m = advance(r.match(), leaf, hash);
            String principal = owner(h);
            boolean first = !m.firstVerdicts.containsKey(principal);
            if (first) {
                m.firstVerdicts.put(principal, r.verdict());
            }
            m.reviews.add(new Review(leaf.index(), principal, r.verdict(), r.rationale(), h.time().text(), first));
        } else if (payload instanceof MatchActioned a) {
            MatchRecord m = advance(a.match(), leaf, hash);
            m.actions.add(new Action(leaf.index(), owner(h), a.action(), a.reference(), h.time().text()));
        }
    }

    private MatchRecord advance(String matchId, StoredLeaf leaf, String hash) {
        MatchRecord m = byId.get(matchId);
        if (m == null) {
            throw new IllegalStateException("leaf " + leaf.index() + " continues match " + matchId + " never proposed");
        }
        m.nextSeq++;
        m.lastHash = hash;
        return m;
    }

    private String owner(EventHeader h) {
        SignerKey key = keys.get(h.signer().hex());
        if (key == null) {
            throw new IllegalStateException("signer " + h.signer().hex() + " of a committed event was never enrolled");
        }
        return key.principal();
    }
}
