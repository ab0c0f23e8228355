package org.oversight.domain.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryWithdrawn;

/**
 * What an erasure epoch's close must and may keep of schema-2 watchlist entries' sealed enrolment
 * records (docs/rules.md R5(d), format.md §4.9, §12.7) — the one implementation, used by the
 * ledger's closer (to build {@code ErasureEpochClosed.kept}) and by the audit's rule book, so a
 * close the ledger writes is exactly a close the audit accepts.
 *
 * <p>The rule: a close of epoch E at header time T <b>must keep</b> every schema-2 entry sealed
 * to E that was accepted before the close, was not withdrawn before the close, and has
 * {@code validUntil > T}; each as a kept record with reason {@code watchlist-entry}, reference =
 * the entry's leaf (event hash and leaf index), {@code caseRef} = its {@code authorisationRef} and
 * {@code retainUntil} = its {@code validUntil}. It <b>may keep</b> an entry's record only as
 * exactly that kept record: a kept record with reason {@code watchlist-entry} that is not one the
 * close must keep is kept without a reason.
 *
 * <p>Feed it every accepted event in leaf order (at least every event from the epoch's opening
 * on: an entry sealed to E stands after E's opening, rule R5(a), and its withdrawal after the
 * entry), then ask. Deterministic: sorted maps only; no clock. Not thread-safe.
 */
public final class EntryRecordKeeping {
    /** A schema-2 entry observed: where it stands, and its withdrawal's leaf if withdrawn. */
    private static final class Observed {
        final DetectionRef ref;
        final SealedWatchlistEntryAuthorized entry;
        long withdrawnAt = -1;

        Observed(DetectionRef ref, SealedWatchlistEntryAuthorized entry) {
            this.ref = ref;
            this.entry = entry;
        }
    }

    /** Entry leaf → entry, by epoch (sorted, so lists come out in leaf order). */
    private final TreeMap<String, TreeMap<Long, Observed>> byEpoch = new TreeMap<>();
    /** Entry id → the entry (schema 2 only; the first authorisation, as the chain allows only seq 0). */
    private final TreeMap<String, Observed> byId = new TreeMap<>();
    private long lastLeaf = -1;

    /**
     * Observes the accepted event at {@code leafIndex}: a schema-2 {@code WatchlistEntryAuthorized}
     * or a {@code WatchlistEntryWithdrawn}; every other event is ignored.
     *
     * @throws IllegalArgumentException if {@code leafIndex} does not increase
     */
    public void observe(SignedEvent event, long leafIndex) {
        Objects.requireNonNull(event, "event");
        if (leafIndex <= lastLeaf) {
            throw new IllegalArgumentException("leaf " + leafIndex + " <= last observed leaf " + lastLeaf);
        }
        lastLeaf = leafIndex;
        if (event.payload() instanceof SealedWatchlistEntryAuthorized e) {
            if (!byId.containsKey(e.entry())) {
                Observed o = new Observed(new DetectionRef(event.eventHash(), leafIndex), e);
                byId.put(e.entry(), o);
                byEpoch.computeIfAbsent(e.sealed().epoch(), k -> new TreeMap<>()).put(leafIndex, o);
            }
        } else if (event.payload() instanceof WatchlistEntryWithdrawn w) {
            Observed o = byId.get(w.entry());
            if (o != null && o.withdrawnAt < 0) {
                o.withdrawnAt = leafIndex;
            }
        }
    }

    /**
     * The kept records a close of {@code epoch} timed {@code closeTime}, standing after every
     * observed event, must list for entries, in leaf order.
     */
    public List<KeptRecord> mustKeep(String epoch, Timestamp closeTime) {
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(closeTime, "closeTime");
        List<KeptRecord> out = new ArrayList<>();
        for (Observed o : byEpoch.getOrDefault(epoch, new TreeMap<>()).values()) {
            if (live(o, closeTime)) {
                out.add(keptRecord(o.ref, o.entry));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Why a close of {@code epoch} timed {@code closeTime} may not list {@code kept} (a kept
     * record with reason {@code watchlist-entry}), or empty if it may: it must be exactly one of
     * {@link #mustKeep}'s records.
     *
     * @throws IllegalArgumentException if {@code kept}'s reason is not {@code watchlist-entry}
     */
    public Optional<String> refusal(String epoch, Timestamp closeTime, KeptRecord kept) {
        Objects.requireNonNull(kept, "kept");
        if (kept.reason() != KeepReason.WATCHLIST_ENTRY) {
            throw new IllegalArgumentException("kept record of reason " + kept.reason().wireName()
                    + " is not a watchlist entry's");
        }
        long leaf = kept.detection().leafIndex();
        Observed o = byEpoch.getOrDefault(epoch, new TreeMap<>()).get(leaf);
        if (o == null) {
            return Optional.of("no schema-2 WatchlistEntryAuthorized sealed to epoch " + epoch + " at leaf " + leaf
                    + " before the close");
        }
        if (!o.ref.eventHash().equals(kept.detection().eventHash())) {
            return Optional.of("the entry at leaf " + leaf + " has event hash " + o.ref.eventHash().hex() + ", not "
                    + kept.detection().eventHash().hex());
        }
        if (o.withdrawnAt >= 0) {
            return Optional.of("entry " + o.entry.entry() + " (leaf " + leaf + ") was withdrawn at leaf "
                    + o.withdrawnAt + ", before the close");
        }
        if (o.entry.validUntil().compareTo(closeTime) <= 0) {
            return Optional.of("entry " + o.entry.entry() + " (leaf " + leaf + ") expired at its validUntil "
                    + o.entry.validUntil().text() + ", not after the close's time " + closeTime.text());
        }
        KeptRecord expected = keptRecord(o.ref, o.entry);
        if (!expected.equals(kept)) {
            return Optional.of("entry " + o.entry.entry() + " (leaf " + leaf + ") must be kept with caseRef \""
                    + expected.caseRef() + "\" and retainUntil " + expected.retainUntil().text() + ", not caseRef \""
                    + kept.caseRef() + "\" and retainUntil " + kept.retainUntil().text());
        }
        return Optional.empty();
    }

    /** The number of schema-2 entries observed sealed to {@code epoch} (its close counts them as kept or erased). */
    public long sealedTo(String epoch) {
        return byEpoch.getOrDefault(epoch, new TreeMap<>()).size();
    }

    /** The schema-2 entry sealed to {@code epoch} at {@code leaf}, if observed. */
    public Optional<SealedWatchlistEntryAuthorized> entryAt(String epoch, long leaf) {
        Observed o = byEpoch.getOrDefault(epoch, new TreeMap<>()).get(leaf);
        return o == null ? Optional.empty() : Optional.of(o.entry);
    }

    /** The leaf of the schema-2 entry {@code entry}, if observed. */
    public OptionalLong leafOf(String entry) {
        Observed o = byId.get(entry);
        return o == null ? OptionalLong.empty() : OptionalLong.of(o.ref.leafIndex());
    }

    /** The kept record that keeps the entry at {@code ref}: reason, caseRef and retainUntil fixed by the entry. */
    public static KeptRecord keptRecord(DetectionRef ref, SealedWatchlistEntryAuthorized entry) {
        return new KeptRecord(entry.authorisationRef(), ref, KeepReason.WATCHLIST_ENTRY, entry.validUntil());
    }

    private static boolean live(Observed o, Timestamp closeTime) {
        return o.withdrawnAt < 0 && o.entry.validUntil().compareTo(closeTime) > 0;
    }
}
