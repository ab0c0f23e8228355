package org.oversight.ledger.vault;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntryWithdrawn;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.MalformedRecordException;
import org.oversight.ledger.sequencer.LeafKey;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.pipeline.CropTemplateDeriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watchlist entries' enrolment records in the vault (format.md §12.7, docs/ledger.md "Vault"):
 * what the log says of an entry (its authorisation, its withdrawal), the recognition network that
 * checks a record on arrival (loaded once, on first use), and erasure when the entry's data must
 * go: at the entry's end — the header {@code time} of its {@code WatchlistEntryWithdrawn}, or its
 * {@code validUntil}, whichever is first — plus the kept-record retention (the configured one, at
 * most the latest policy's {@code keptRetentionDays}), judged by the injected clock of the closer.
 *
 * <p>The log is read from the leaf store (accepted events only), never from the vault's tables.
 */
public class VaultEnrolments {
    private static final Logger LOG = LoggerFactory.getLogger(VaultEnrolments.class);

    private final VaultStore store;
    private final LeafStore leaves;
    private final String modelDir;
    private CropTemplateDeriver deriver;

    public VaultEnrolments(VaultStore store, LeafStore leaves, String modelDir) {
        this.store = Objects.requireNonNull(store, "store");
        this.leaves = Objects.requireNonNull(leaves, "leaves");
        this.modelDir = Objects.requireNonNull(modelDir, "modelDir");
    }

    /** An entry as the log states it: its accepted authorisation, and its withdrawal's time if any. */
    public record LoggedEntry(long leaf, org.oversight.domain.crypto.KeyId signer, WatchlistEntryAuthorized authorisation,
            Optional<Instant> withdrawnAt) {
        /** When the entry's data must go, before retention: withdrawal or validUntil, whichever is first. */
        public Instant end() {
            Instant until = Instant.ofEpochMilli(authorisation.validUntil().epochMillis());
            return withdrawnAt.filter(w -> w.isBefore(until)).orElse(until);
        }
    }

    /** The entry's accepted events (stream {@code watchlist/<entry>}), if it is authorised. */
    public Optional<LoggedEntry> entry(String entry) {
        String stream = StreamId.watchlist(entry).text();
        Optional<SignedEvent> first = at(stream, 0);
        if (first.isEmpty() || !(first.get().payload() instanceof WatchlistEntryAuthorized a)) {
            return Optional.empty();
        }
        long leaf = leaves.keyAt(stream, 0).flatMap(k -> leaves.findByHash(k.hash())).map(StoredLeaf::index)
                .orElseThrow();
        Optional<Instant> withdrawn = Optional.empty();
        for (long seq = 1;; seq++) {
            Optional<SignedEvent> e = at(stream, seq);
            if (e.isEmpty()) {
                break;
            }
            if (e.get().payload() instanceof WatchlistEntryWithdrawn && withdrawn.isEmpty()) {
                withdrawn = Optional.of(Instant.ofEpochMilli(e.get().header().time().epochMillis()));
            }
        }
        return Optional.of(new LoggedEntry(leaf, first.get().header().signer(), a, withdrawn));
    }

    /** Whether {@code entry}'s accepted authorisation is a schema-2 (sealed) one. */
    public boolean isSealed(String entry) {
        return at(StreamId.watchlist(entry).text(), 0).map(e -> e.payload() instanceof SealedWatchlistEntryAuthorized)
                .orElse(false);
    }

    private Optional<SignedEvent> at(String stream, long seq) {
        Optional<LeafKey> key = leaves.keyAt(stream, seq);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        StoredLeaf leaf = leaves.findByHash(key.get().hash()).orElseThrow();
        try {
            return Optional.of(SignedEvent.parse(leaf.leaf().leafBytes()));
        } catch (InvalidEventException e) {
            throw new IllegalStateException("stored leaf " + leaf.index() + " does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * Loads the recognition network now. The configuration calls it at start-up when
     * {@code oversight.vault.derive-enrolments} is true, so that a ledger which must check
     * enrolment crops never starts without the model (and never answers a sealed entry with a 500).
     *
     * @throws VaultModelUnavailableException naming the property and the directory, if the model
     *     is absent, unpinned or malformed there
     */
    public synchronized CropTemplateDeriver loadModel() throws VaultModelUnavailableException {
        if (deriver == null) {
            Path dir = modelDir.isEmpty() ? AssetCache.defaultModelDir() : Path.of(modelDir);
            try {
                deriver = CropTemplateDeriver.load(dir);
            } catch (Exception e) {
                throw new VaultModelUnavailableException(dir, !modelDir.isEmpty(), e);
            }
        }
        return deriver;
    }

    /**
     * The recognition network: the one loaded at start-up, or (derivation off, a schema-1
     * enrolment record's check) loaded on first use from {@code oversight.vault.model-dir} (or the
     * asset cache's model directory).
     *
     * @throws IllegalStateException if the model cannot be loaded (a deployment error)
     */
    public CropTemplateDeriver deriver() {
        try {
            return loadModel();
        } catch (VaultModelUnavailableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The stored, not erased enrolment record of {@code entry}, if any. */
    public Optional<EnrolmentRecord> record(String entry) {
        Optional<byte[]> bytes = store.enrolment(entry).flatMap(VaultStore.StoredEnrolment::bytes);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EnrolmentRecord.parse(bytes.get()));
        } catch (MalformedRecordException e) {
            throw new IllegalStateException("stored enrolment record of " + entry + " does not parse: "
                    + e.getMessage(), e);
        }
    }

    /** When the enrolment record of {@code entry} must be erased, given the retention in force. */
    public static Instant eraseAt(LoggedEntry entry, Duration retention) {
        return entry.end().plus(retention);
    }

    /**
     * Erases every stored enrolment record whose entry's end plus {@code retention} is at or
     * before {@code now}, and any whose entry the log does not (or no longer) authorise.
     *
     * @return the entries erased, in id order
     */
    public List<String> eraseDue(Instant now, Duration retention) {
        List<String> erased = new ArrayList<>();
        for (String entry : store.liveEnrolments()) {
            Optional<LoggedEntry> logged = entry(entry);
            if (logged.isEmpty() || !now.isBefore(eraseAt(logged.get(), retention))) {
                if (store.eraseEnrolment(entry)) {
                    erased.add(entry);
                }
            }
        }
        if (!erased.isEmpty()) {
            LOG.info("enrolment records erased (entry ended, retention {} passed): {}", retention, erased);
        }
        return erased;
    }
}
