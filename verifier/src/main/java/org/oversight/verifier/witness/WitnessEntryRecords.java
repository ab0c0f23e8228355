package org.oversight.verifier.witness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryWithdrawn;
import org.oversight.domain.seal.MalformedRecordException;
import org.oversight.domain.seal.RecordOpener;
import org.oversight.domain.seal.RecordOpeningException;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.verifier.input.InputTooLargeException;

/**
 * The sealed enrolment records of schema-2 watchlist entries (format.md §12.8) that this witness
 * opened with its epoch key, kept exactly as long as the log keeps them, so that a restart after
 * the witness destroyed the epoch's key re-derives what the witness re-derived before the restart
 * (docs/rules.md "Witnesses", "Kept entry records").
 *
 * <p>An entry at leaf e sealed to epoch E, as the accepted events are {@linkplain #observe observed}:
 * <ul>
 *   <li>opened with this witness's key of E: held <b>in memory</b> only — while the witness holds
 *       the key, a restart opens the vault's blob again;
 *   <li>E's {@code ErasureEpochClosed} keeps it (a kept record naming e with reason
 *       {@code watchlist-entry}): {@link #writeKept} writes the record to the state directory
 *       ({@link EntryRecordFiles}) before the witness destroys its key of E;
 *   <li>it <b>ends</b> at the first of: E's close not keeping it, a {@code WatchlistEntryWithdrawn}
 *       of the entry, a {@code KeptRecordsDestroyed} naming e, an accepted event whose header time
 *       is at or after the entry's {@code validUntil}. It is then dropped, and its file is deleted
 *       by {@link #deleteEnded} once the checkpoint covering that event is saved;
 *   <li>after a restart, with E's key destroyed: {@link #restore} reads the file and checks the
 *       record against the entry's leaf (the commitment with the enrolment label, entry, crop count,
 *       model and format: {@link RecordOpener#checkEnrolment}) before the projection gets its
 *       templates. A file that fails is state damage ({@link #damage}): the caller refuses to go on,
 *       so a state directory can never supply templates the log did not commit to.
 * </ul>
 * Only entries the projection accepted are kept: an opening is kept when the accepted entry event
 * is observed at the same leaf; the openings of a batch not so confirmed (rejected entries) are
 * forgotten by {@link #forgetUnconfirmed}. Deterministic (sorted maps only, no clock). Not
 * thread-safe: the live auditor serialises access.
 */
final class WitnessEntryRecords {
    private enum Where { MEMORY, TO_WRITE, DISK }

    /** A kept entry; {@code record} is null once it is on disk (the projection holds the templates). */
    private static final class Kept {
        final DetectionRef ref;
        final String entry;
        final String epoch;
        final Timestamp validUntil;
        SealedEnrolmentRecord record;
        Where where;

        Kept(DetectionRef ref, SealedWatchlistEntryAuthorized a, SealedEnrolmentRecord record, Where where) {
            this.ref = ref;
            this.entry = a.entry();
            this.epoch = a.sealed().epoch();
            this.validUntil = a.validUntil();
            this.record = record;
            this.where = where;
        }
    }

    /** An opening not yet confirmed by the accepted entry event at its leaf. */
    private record Opening(DetectionRef ref, SealedEnrolmentRecord record, boolean fromDisk) {}

    private final EntryRecordFiles files;
    private final TreeMap<Long, Kept> kept = new TreeMap<>();
    private final TreeMap<String, Long> leafOfEntry = new TreeMap<>();
    private final TreeMap<Timestamp, TreeSet<Long>> byValidUntil = new TreeMap<>();
    private final TreeMap<Long, Opening> unconfirmed = new TreeMap<>();
    /** Leaves of ended entries whose file is still on disk. */
    private final TreeSet<Long> endedOnDisk = new TreeSet<>();
    private final List<String> damage = new ArrayList<>();

    WitnessEntryRecords(EntryRecordFiles files) {
        this.files = Objects.requireNonNull(files, "files");
    }

    /** The entry {@code event} at {@code ref} was opened with this witness's epoch key to {@code record}. */
    void opened(DetectionRef ref, SignedEvent event, SealedEnrolmentRecord record) {
        unconfirmed.put(ref.leafIndex(), new Opening(ref, Objects.requireNonNull(record, "record"), false));
    }

    /**
     * The record of the entry {@code event} at {@code ref} as this witness stored it, checked against
     * the leaf; empty if there is none (never kept, or its keeping ended) or it fails the check (then
     * {@link #damage} names the file and why).
     */
    Optional<SealedEnrolmentRecord> restore(DetectionRef ref, SignedEvent event) {
        SealedWatchlistEntryAuthorized leaf = (SealedWatchlistEntryAuthorized) event.payload();
        long at = ref.leafIndex();
        String what = "the kept enrolment record of entry " + leaf.entry() + " (leaf " + at + ") in " + files.path(at);
        Optional<byte[]> bytes;
        try {
            bytes = files.read(at);
        } catch (InputTooLargeException e) {
            return damaged(what + " is longer than any sealed enrolment record (" + SealedEnrolmentRecord.MAX_BYTES
                    + " bytes)");
        } catch (IOException e) {
            return damaged(what + " cannot be read: " + e.getMessage());
        }
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        SealedEnrolmentRecord record;
        try {
            record = SealedEnrolmentRecord.parse(bytes.get());
            RecordOpener.checkEnrolment(record, leaf);
        } catch (MalformedRecordException e) {
            return damaged(what + " is not a sealed enrolment record: " + e.getMessage());
        } catch (RecordOpeningException e) {
            return damaged(what + " does not open to the leaf (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + ")");
        }
        unconfirmed.put(at, new Opening(ref, record, true));
        return Optional.of(record);
    }

    private Optional<SealedEnrolmentRecord> damaged(String why) {
        damage.add(why + "; the witness takes no templates from its state directory that the log did not commit"
                + " to: remove the file to go on without it (the entry's record is then erased for this witness)");
        return Optional.empty();
    }

    /** The first stored record that failed its check, if any (the state directory is damaged or tampered with). */
    Optional<String> damage() {
        return damage.isEmpty() ? Optional.empty() : Optional.of(damage.get(0));
    }

    /** Forgets the openings not confirmed by an accepted entry event (the batch is over). */
    void forgetUnconfirmed() {
        unconfirmed.clear();
    }

    /** Observes the accepted event at {@code leaf} (leaves increasing; after the projection saw it). */
    void observe(SignedEvent event, long leaf) {
        if (event.payload() instanceof SealedWatchlistEntryAuthorized a) {
            Opening o = unconfirmed.remove(leaf);
            if (o != null && o.ref().eventHash().equals(event.eventHash())) {
                keep(new Kept(o.ref(), a, o.fromDisk() ? null : o.record(), o.fromDisk() ? Where.DISK : Where.MEMORY));
            }
        } else if (event.payload() instanceof WatchlistEntryWithdrawn w) {
            Long at = leafOfEntry.get(w.entry());
            if (at != null) {
                end(at);
            }
        } else if (event.payload() instanceof ErasureEpochClosed c) {
            closed(c);
        } else if (event.payload() instanceof KeptRecordsDestroyed d) {
            for (DetectionRef r : d.detections()) {
                Kept k = kept.get(r.leafIndex());
                if (k != null && k.epoch.equals(d.epoch()) && k.ref.equals(r)) {
                    end(r.leafIndex());
                }
            }
        }
        expire(event.header().time());
    }

    private void keep(Kept k) {
        long at = k.ref.leafIndex();
        kept.put(at, k);
        leafOfEntry.put(k.entry, at);
        byValidUntil.computeIfAbsent(k.validUntil, t -> new TreeSet<>()).add(at);
    }

    /** The close writes the entries it keeps with reason watchlist-entry; the others of its epoch end. */
    private void closed(ErasureEpochClosed c) {
        TreeSet<Long> keeps = new TreeSet<>();
        for (KeptRecord r : c.kept()) {
            Kept k = kept.get(r.detection().leafIndex());
            if (r.reason() == KeepReason.WATCHLIST_ENTRY && k != null && k.ref.equals(r.detection())) {
                keeps.add(r.detection().leafIndex());
            }
        }
        for (Kept k : new ArrayList<>(kept.values())) {
            if (!k.epoch.equals(c.epoch())) {
                continue;
            }
            if (!keeps.contains(k.ref.leafIndex())) {
                end(k.ref.leafIndex());
            } else if (k.where == Where.MEMORY) {
                k.where = Where.TO_WRITE;
            }
        }
    }

    /** Every kept entry whose validUntil is at or before {@code time} ends. */
    private void expire(Timestamp time) {
        while (!byValidUntil.isEmpty() && byValidUntil.firstKey().compareTo(time) <= 0) {
            for (long at : new ArrayList<>(byValidUntil.firstEntry().getValue())) {
                end(at);
            }
        }
    }

    private void end(long at) {
        Kept k = kept.remove(at);
        if (k == null) {
            return;
        }
        leafOfEntry.remove(k.entry);
        TreeSet<Long> same = byValidUntil.get(k.validUntil);
        same.remove(at);
        if (same.isEmpty()) {
            byValidUntil.remove(k.validUntil);
        }
        if (k.where == Where.DISK) {
            endedOnDisk.add(at);
        }
        k.record = null;
    }

    /**
     * Writes the records the closes observed since the last call keep (before the witness destroys
     * its keys of those epochs); they are then on disk only.
     */
    void writeKept() throws IOException {
        for (Kept k : kept.values()) {
            if (k.where == Where.TO_WRITE) {
                files.write(k.ref.leafIndex(), k.record.canonicalBytes());
                k.where = Where.DISK;
                k.record = null;
            }
        }
    }

    /** Deletes the files of the entries that ended (call once the checkpoint covering their end is saved). */
    void deleteEnded() throws IOException {
        while (!endedOnDisk.isEmpty()) {
            files.delete(endedOnDisk.first());
            endedOnDisk.pollFirst();
        }
    }

    /**
     * After a restart's replay of the first {@code size} leaves: deletes every file of a leaf below
     * {@code size} that no kept entry on disk accounts for (its keeping ended, or it was written for
     * a close after {@code size} that was never cosigned — the key of that epoch is then still held).
     * Files of later leaves stay: a crash after destroying a key and before saving the checkpoint
     * leaves the records that close kept, which the replay of those leaves needs.
     */
    void reconcile(long size) throws IOException {
        deleteEnded();
        for (long at : files.leaves()) {
            Kept k = kept.get(at);
            if (at < size && (k == null || k.where != Where.DISK)) {
                files.delete(at);
            }
        }
    }

    /** One clause for the witness's status line. */
    String summary() {
        long onDisk = kept.values().stream().filter(k -> k.where == Where.DISK).count();
        return "entry records kept: " + onDisk + " on disk, " + (kept.size() - onDisk) + " in memory until their"
                + " epoch's close";
    }
}
