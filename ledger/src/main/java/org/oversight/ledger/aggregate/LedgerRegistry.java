package org.oversight.ledger.aggregate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.oversight.domain.crypto.Ed25519BatchVerifier;
import org.oversight.domain.bundle.IndexedEvent;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.WatchlistEntry;
import org.oversight.domain.event.WatchlistEntryWithdrawn;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.policy.DisclosureRules;
import org.oversight.domain.policy.PolicyRule;
import org.oversight.domain.policy.RuleViolation;
import org.oversight.domain.policy.SearchRequestRule;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.SignatureDomain;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.EventVerifier;
import org.oversight.domain.event.Detection;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.principal.CameraRecord;
import org.oversight.domain.principal.KeyRecord;
import org.oversight.domain.principal.PrincipalRegistry;
import org.oversight.domain.principal.RegistryException;

/**
 * The cross-stream state every aggregate consults: principals, keys and cameras (the domain's
 * {@link PrincipalRegistry}), kept in leaf order by the ingest path.
 *
 * <p>Consistency model: there is one writer (the sequencer's lock). An event at leaf {@code i} is
 * checked against the registry after leaves {@code 0..i-1} exactly, including earlier events of
 * the same batch, which is the state the verifier will have when it replays leaf {@code i}. If a
 * transaction that already applied events rolls back, the owner discards this instance and
 * rebuilds it from the committed leaves ({@link #isDirty()}, {@link #reset()}).
 *
 * <p>Not thread-safe, except {@link #preverify} and {@link #forgetPreverified(Collection)}, which
 * may run on any thread, also while the writer holds the lock (that is their point: a request's
 * signatures are checked while the previous request commits). Everything else is used only under
 * the writer lock.
 */
public final class LedgerRegistry {
    private PrincipalRegistry registry = new PrincipalRegistry();
    private boolean dirty;
    /** Events whose signature verified under the mapped key in {@link #preverify} (by identity). */
    private final Map<SignedEvent, Ed25519PublicKey> preverified = Collections.synchronizedMap(new IdentityHashMap<>());
    /**
     * Public keys by key id (hex) of every key ever applied, for {@link #preverify} on other
     * threads. It may run ahead of the committed state (keys of a request that later rolls back)
     * or behind it (during a rebuild): harmless, because {@link #check} trusts a preverified
     * signature only under the very key the registry resolves at the event's leaf, and a key id
     * names one public key (it is derived from it).
     */
    private final Map<String, Ed25519PublicKey> knownKeys = new ConcurrentHashMap<>();
    /**
     * The committed log, for the disclosure rules at ingest ({@link #checkDisclosuresAgainst}); null
     * in a registry that only replays committed leaves (a rebuild), which judges no disclosure again.
     */
    private CommittedEvents committed;
    /** Events applied since the last commit ({@link #markClean()}), by leaf: not yet in {@link #committed}. */
    private final TreeMap<Long, SignedEvent> uncommitted = new TreeMap<>();

    /**
     * Read access to the committed leaves (the ledger's leaf store), as the disclosure rules need it.
     * Called under the writer lock only.
     */
    public interface CommittedEvents {
        /** The committed event at {@code leaf}, if any. */
        Optional<SignedEvent> at(long leaf);

        /** The committed events of {@code stream}, in seq order, with their leaves. */
        List<IndexedEvent> stream(StreamId stream);
    }

    /**
     * From now on, {@link #check} judges every {@code RecordDisclosed} by R-disclosure's record rule
     * and R5(c) (docs/rules.md "At ingest"), with {@link DisclosureRules#check} over a view of the
     * committed leaves plus the events of the current request applied so far.
     */
    public void checkDisclosuresAgainst(CommittedEvents committed) {
        this.committed = java.util.Objects.requireNonNull(committed, "committed");
    }

    /**
     * Checks that {@code event} may stand at {@code leafIndex}: its signer key is enrolled, valid
     * there and permitted for the type and stream (or it is a genesis authority), its signature
     * verifies under that key, and a detection comes from a registered, active camera.
     *
     * @return the signing key
     */
    public KeyRecord check(SignedEvent event, long leafIndex) throws EventRejectedException {
        KeyRecord key;
        try {
            key = registry.authorise(event, leafIndex);
        } catch (RegistryException e) {
            throw rejection(e);
        }
        try {
            if (!key.publicKey().equals(preverified.get(event))) {
                EventVerifier.verify(event, key.publicKey());
            }
        } catch (EventSignatureException e) {
            throw new EventRejectedException(Rejection.BAD_SIGNATURE, "sig: " + e.getMessage(), e);
        }
        if (event.type() == EventType.FACE_DETECTED) {
            // Either schema: FaceDetected (1) or SealedFaceDetected (2), both a Detection.
            String cameraId = ((Detection) event.payload()).camera();
            Optional<CameraRecord> camera = registry.camera(cameraId);
            if (camera.isEmpty() || !camera.get().activeAt(leafIndex)) {
                throw new EventRejectedException(Rejection.CAMERA_NOT_ACTIVE, "payload.camera: camera '" + cameraId
                        + "' is " + (camera.isEmpty() ? "not registered" : "decommissioned") + " at leaf " + leafIndex);
            }
            if (!camera.get().deviceKey().equals(key.keyId())) {
                throw new EventRejectedException(Rejection.SIGNER_NOT_PERMITTED, "header.signer: key " + key.keyId()
                        + " is not the device key " + camera.get().deviceKey() + " of camera '" + cameraId + "'");
            }
        }
        if (committed != null && event.payload() instanceof RecordDisclosed disclosure) {
            checkDisclosure(event, disclosure, key, leafIndex);
        }
        if (committed != null && event.payload() instanceof RetrospectiveSearchRequested request) {
            checkSearchRequest(event, request, leafIndex);
        }
        return key;
    }

    /**
     * R4(a) for a search request at {@code leafIndex}, by the rule book's own code
     * ({@link SearchRequestRule#check}): the entry must be authorised before the request, not
     * withdrawn before it and valid at its time — read from the entry's own stream (committed, or
     * earlier in this request). An honest officer never asks otherwise, and the engine would
     * otherwise unseal records for a search no warrant covers.
     */
    private void checkSearchRequest(SignedEvent event, RetrospectiveSearchRequested request, long leafIndex)
            throws EventRejectedException {
        WatchlistEntry authorised = null;
        long authorisedAt = -1;
        long withdrawnAt = -1;
        for (IndexedEvent e : streamBefore(leafIndex, StreamId.watchlist(request.entry()))) {
            if (authorised == null && e.event().payload() instanceof WatchlistEntry a) {
                authorised = a;
                authorisedAt = e.leafIndex();
            } else if (withdrawnAt < 0 && e.event().payload() instanceof WatchlistEntryWithdrawn) {
                withdrawnAt = e.leafIndex();
            }
        }
        Optional<SearchRequestRule.EntryAt> entry = authorised == null ? Optional.empty()
                : Optional.of(new SearchRequestRule.EntryAt(authorised, authorisedAt, withdrawnAt));
        List<RuleViolation> violations = SearchRequestRule.check(request, leafIndex, event.header().eventId(),
                event.header().time(), entry);
        if (!violations.isEmpty()) {
            RuleViolation v = violations.get(0);
            throw new EventRejectedException(Rejection.WATCHLIST_AUTHORISATION, "payload.entry: " + v.found()
                    + "; expected " + v.expected());
        }
    }

    /**
     * R-disclosure's record rule and R5(c) for a disclosure at {@code leafIndex}, by the rule book's
     * own code ({@link DisclosureRules#check}): each record must be an accepted sealed detection
     * before it, not erased by its epoch's close nor destroyed — judged from the epoch stream's own
     * events, not from the vault's tables. The role rule is left to the stream aggregate (problem
     * {@code signer-not-permitted}), so a disclosure signed by the wrong role is not judged here.
     */
    private void checkDisclosure(SignedEvent event, RecordDisclosed disclosure, KeyRecord key, long leafIndex)
            throws EventRejectedException {
        if (!DisclosureRules.mayDisclose(disclosure.purpose()).contains(key.role())) {
            return;
        }
        DisclosureRules.LogView view = DisclosureRules.viewOver(leaf -> before(leafIndex, leaf),
                epoch -> streamBefore(leafIndex, StreamId.epoch(epoch)),
                entry -> streamBefore(leafIndex, StreamId.watchlist(entry)));
        for (RuleViolation v : DisclosureRules.check(disclosure, leafIndex, event.header().eventId(), key, view, true)) {
            if (v.rule() == PolicyRule.R5) {
                throw new EventRejectedException(Rejection.RECORD_ERASED, "payload.records: " + v.found()
                        + " (R5(c): a record is never used after its erasure)");
            }
            if (v.rule() == PolicyRule.R_DISCLOSURE) {
                throw new EventRejectedException(Rejection.NOT_A_SEALED_RECORD, "payload.records: " + v.found()
                        + "; expected " + v.expected());
            }
        }
    }

    /** The accepted event at {@code leaf} as seen by an event at {@code at}: committed, or earlier in this request. */
    private Optional<SignedEvent> before(long at, long leaf) {
        if (leaf >= at) {
            return Optional.empty();
        }
        SignedEvent pending = uncommitted.get(leaf);
        return pending != null ? Optional.of(pending) : committed.at(leaf);
    }

    private List<IndexedEvent> streamBefore(long at, StreamId stream) {
        List<IndexedEvent> out = new ArrayList<>();
        for (IndexedEvent e : committed.stream(stream)) {
            if (e.leafIndex() < at && !uncommitted.containsKey(e.leafIndex())) {
                out.add(e);
            }
        }
        for (Map.Entry<Long, SignedEvent> e : uncommitted.headMap(at).entrySet()) {
            if (e.getValue().stream().equals(stream)) {
                out.add(new IndexedEvent(e.getKey(), e.getValue()));
            }
        }
        out.sort(java.util.Comparator.comparingLong(IndexedEvent::leafIndex));
        return out;
    }

    /**
     * Verifies, in parallel on all cores, the signatures of those {@code events} whose signer key
     * is already known, and remembers which events verified under which key; {@link #check} then
     * skips re-verifying exactly those (same event object, same public key) and still does every
     * other check in leaf order. Signature verification is order-independent, so doing it up front
     * changes no outcome: an event that fails here is simply not remembered, and {@link #check}
     * verifies it again at its position and rejects it there with the same problem. Events signed
     * by keys enrolled later in the same request are verified in {@link #check} as before.
     *
     * <p>The signatures are checked in batches of {@value #VERIFY_BATCH} ({@link Ed25519BatchVerifier},
     * whose verdict for each signature is exactly the single verdict: both use the cofactored
     * equation of docs/format.md §2.1), one batch per core at a time. Thread-safe: may run without
     * the writer lock (see the class comment). Call {@link #forgetPreverified(Collection)} with the
     * same events when the request ends.
     */
    public void preverify(List<SignedEvent> events) {
        List<SignedEvent> candidates = new ArrayList<>(events.size());
        List<Ed25519PublicKey> keys = new ArrayList<>(events.size());
        for (SignedEvent event : events) {
            Ed25519PublicKey key = knownKeys.get(event.header().signer().hex());
            if (key != null) {
                candidates.add(event);
                keys.add(key);
            }
        }
        boolean[] ok = new boolean[candidates.size()];
        int batches = (candidates.size() + VERIFY_BATCH - 1) / VERIFY_BATCH;
        IntStream.range(0, batches).parallel().forEach(b -> {
            int from = b * VERIFY_BATCH;
            int to = Math.min(candidates.size(), from + VERIFY_BATCH);
            Ed25519BatchVerifier batch = new Ed25519BatchVerifier();
            for (int i = from; i < to; i++) {
                SignedEvent event = candidates.get(i);
                // Looked up by the header's key id, so EventVerifier's key-id check holds by construction.
                batch.addFramed(keys.get(i), SignatureDomain.EVENT_V1, event.signingInput(), event.signature());
            }
            boolean[] verdicts = batch.verify();
            System.arraycopy(verdicts, 0, ok, from, verdicts.length);
        });
        for (int i = 0; i < ok.length; i++) {
            if (ok[i]) {
                preverified.put(candidates.get(i), keys.get(i));
            }
        }
    }

    /** Signatures per {@link Ed25519BatchVerifier} batch in {@link #preverify}. */
    static final int VERIFY_BATCH = 64;

    /** Forgets the results of every {@link #preverify}. */
    public void forgetPreverified() {
        preverified.clear();
    }

    /** Forgets the results of {@link #preverify} for these events (thread-safe). */
    public void forgetPreverified(Collection<SignedEvent> events) {
        for (SignedEvent event : events) {
            preverified.remove(event);
        }
    }

    /** Records {@code event}'s effect at {@code leafIndex} (after {@link #check} passed). */
    public void apply(SignedEvent event, long leafIndex) throws EventRejectedException {
        dirty = true;
        try {
            registry.apply(event, leafIndex);
        } catch (RegistryException e) {
            throw rejection(e);
        }
        if (committed != null) {
            uncommitted.put(leafIndex, event);
        }
        Ed25519PublicKey added = switch (event.type()) {
            case AUTHORITY_DECLARED -> ((AuthorityDeclared) event.payload()).publicKey();
            case KEY_ENROLLED -> ((KeyEnrolled) event.payload()).publicKey();
            case CAMERA_REGISTERED -> ((CameraRegistered) event.payload()).devicePublicKey();
            default -> null;
        };
        if (added != null) {
            knownKeys.put(added.keyId().hex(), added);
        }
    }

    /**
     * Whether applying {@code event} certainly changes nothing a check of another event depends
     * on: genesis is closed and its type has no effect on principals, keys, cameras or erasure
     * epochs ({@link PrincipalRegistry#changesRegistry}, the one list of such types). Events for
     * which this holds may be checked in any order among themselves, since every one of them sees
     * the same registry; the ingest path uses it to check a stream's events in one command. (An
     * epoch's opening or close changes whether a sealed detection is accepted, rule R5(a).)
     */
    public boolean leavesUnchanged(SignedEvent event) {
        return !registry.genesisOpen() && !PrincipalRegistry.changesRegistry(event.type());
    }

    /** Replays a committed leaf (start-up and rebuild): check and apply. */
    public void replay(SignedEvent event, long leafIndex) throws EventRejectedException {
        check(event, leafIndex);
        apply(event, leafIndex);
    }

    public Optional<KeyRecord> key(org.oversight.domain.crypto.KeyId keyId) {
        return registry.key(keyId);
    }

    public Optional<CameraRecord> camera(String cameraId) {
        return registry.camera(cameraId);
    }

    /** The erasure epoch with this id as of the committed leaves (and this request's), if opened. */
    public Optional<org.oversight.domain.principal.EpochRecord> epoch(String epochId) {
        return registry.epoch(epochId);
    }

    public boolean genesisOpen() {
        return registry.genesisOpen();
    }

    /** Forgets everything, before a rebuild from the committed leaves. */
    public void reset() {
        registry = new PrincipalRegistry();
        uncommitted.clear();
        knownKeys.clear();
        dirty = false;
    }

    /**
     * Takes over the state of {@code rebuilt}, a registry rebuilt on the side from the committed
     * leaves, and marks this one clean. Until this call this registry keeps its previous state, so a
     * rebuild that fails half-way (the database went away) never leaves an empty registry, which
     * would reopen genesis; see {@code RegistryLoader}.
     */
    public void replaceWith(LedgerRegistry rebuilt) {
        registry = rebuilt.registry;
        // Keys only ever accumulate in a rebuilt registry's map; ids not in it were rolled back.
        knownKeys.putAll(rebuilt.knownKeys);
        knownKeys.keySet().retainAll(rebuilt.knownKeys.keySet());
        uncommitted.clear();
        dirty = false;
    }

    /**
     * Marks the state as possibly not that of the committed leaves (e.g. a rebuild failed); the
     * owner must rebuild before the next check.
     */
    public void markDirty() {
        dirty = true;
    }

    /** Whether events were applied since the last {@link #markClean()}. */
    public boolean isDirty() {
        return dirty;
    }

    /** Called once the applied events are committed. */
    public void markClean() {
        uncommitted.clear();
        dirty = false;
    }

    static EventRejectedException rejection(RegistryException e) {
        Rejection type;
        if (e instanceof RegistryException.UnknownSigner) {
            type = Rejection.UNKNOWN_SIGNER;
        } else if (e instanceof RegistryException.KeyNotValid) {
            type = Rejection.SIGNER_NOT_VALID;
        } else if (e instanceof RegistryException.PermissionDenied) {
            type = Rejection.SIGNER_NOT_PERMITTED;
        } else if (e instanceof RegistryException.GenesisViolation) {
            type = Rejection.GENESIS_VIOLATION;
        } else if (e instanceof RegistryException.EpochViolation) {
            return new EventRejectedException(Rejection.EPOCH_VIOLATION, "payload.sealed.epoch: " + e.getMessage(), e);
        } else {
            type = Rejection.REGISTRY_CONFLICT;
        }
        return new EventRejectedException(type, "header.signer: " + e.getMessage(), e);
    }
}
