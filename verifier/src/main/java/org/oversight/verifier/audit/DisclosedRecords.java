package org.oversight.verifier.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.Landmarks;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Template;
import org.oversight.domain.export.RecordsFile;
import org.oversight.domain.seal.RecordOpener;
import org.oversight.domain.seal.RecordOpeningException;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.recognition.projection.EnrolmentAvailability;
import org.oversight.recognition.projection.RecordAvailability;
import org.oversight.recognition.projection.SealedRecordSource;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.Rule;

/**
 * The sealed records an auditor was given (records files, docs/format.md §10.1), as the
 * projection's {@link SealedRecordSource}: a record is handed to the projection only after its
 * commitment equals the {@code sealed.commitment} of the leaf it claims to belong to (same event
 * hash, same leaf index). A record that does not open its leaf's commitment is a violation (rule
 * {@link Rule#SEALED_RECORD}) and the detection counts as withheld; a detection without a record is
 * withheld (the audit later tells withheld from erased by the log's epoch closes).
 *
 * <p>Each file names the {@code RecordDisclosed} that released it; after the log, every record
 * must have been named by that disclosure, standing in the log as an accepted event (issue #12:
 * every unsealing is on the record). Holds per record only the commitment, template and landmarks
 * (not the crop). Not thread-safe: the ordered pass alone uses it.
 */
public final class DisclosedRecords implements SealedRecordSource {
    private final Map<Key, Held> records = new HashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    /** Disclosure event hash (hex) → the files that claim it. */
    private final TreeMap<String, java.util.SortedSet<String>> claimedDisclosures = new TreeMap<>();
    /** Disclosure event hash (hex) → its accepted RecordDisclosed. */
    private final Map<String, RecordDisclosed> disclosed = new HashMap<>();
    private long used;
    private long refused;
    /** Enrolment records of schema-1 entries the files carried (format.md §12.7): read for form, not used by an audit. */
    private long enrolments;
    /** Sealed enrolment records of schema-2 entries, by entry id: their templates are the projection's. */
    private final TreeMap<String, HeldEnrolment> sealedEnrolments = new TreeMap<>();
    private long enrolmentsUsed;

    /** No records yet: every sealed detection is withheld until {@link #add} gives some. */
    public DisclosedRecords() {}

    /**
     * Adds records of one file, named {@code name} in reports (may be called several times per
     * file, e.g. once per record while streaming it).
     *
     * @throws IllegalArgumentException if a record for the same detection was already added with
     *     different content (two files disagree)
     */
    public void add(String name, EventHash disclosure, List<RecordsFile.Entry> entries) {
        claimedDisclosures.computeIfAbsent(disclosure.hex(), d -> new java.util.TreeSet<>()).add(name);
        for (RecordsFile.Entry e : entries) {
            Key key = Key.of(e.detection());
            Held held = new Held(e.detection(), e.record().commitment(), e.record().template(), e.record().landmarks(),
                    name, disclosure.hex());
            Held before = records.putIfAbsent(key, held);
            if (before != null && !before.commitment().equals(held.commitment())) {
                throw new IllegalArgumentException(name + ": the record for the detection at leaf "
                        + e.detection().leafIndex() + " differs from the one in " + before.file());
            }
        }
    }

    /**
     * Counts enrolment records a file carried. An audit replays decisions from the log, whose
     * templates are in the entries' leaves: an enrolment crop changes no verdict, so it is read for
     * form only and the report says so ({@code verifier bundle} re-derives a carried one).
     */
    public void addEnrolments(int count) {
        enrolments += count;
    }

    /**
     * Adds a schema-2 entry's sealed enrolment record from file {@code name}, released by the
     * disclosure with hash {@code disclosure}. It is used only after it opens the entry leaf's
     * commitment (format.md §12.7 checks 8–9); its disclosure must name the entry.
     *
     * @throws IllegalArgumentException if a different record for the same entry was already added
     */
    public void addSealedEnrolment(String name, EventHash disclosure, SealedEnrolmentRecord record) {
        claimedDisclosures.computeIfAbsent(disclosure.hex(), d -> new java.util.TreeSet<>()).add(name);
        HeldEnrolment held = new HeldEnrolment(record, name, disclosure.hex());
        HeldEnrolment before = sealedEnrolments.putIfAbsent(record.entry(), held);
        if (before != null && !before.record.equals(record)) {
            throw new IllegalArgumentException(name + ": the sealed enrolment record of entry " + record.entry()
                    + " differs from the one in " + before.file);
        }
    }

    @Override
    public EnrolmentAvailability openEnrolment(DetectionRef entry, SignedEvent event) {
        SealedWatchlistEntryAuthorized leaf = (SealedWatchlistEntryAuthorized) event.payload();
        HeldEnrolment held = sealedEnrolments.get(leaf.entry());
        if (held == null) {
            return EnrolmentAvailability.withheld("no sealed enrolment record of entry " + leaf.entry()
                    + " in the records files given");
        }
        held.seen = true;
        try {
            RecordOpener.checkEnrolment(held.record, leaf);
        } catch (RecordOpeningException e) {
            refused++;
            findings.add(new Finding(Rule.SEALED_RECORD, entry.leafIndex(), event.header().eventId(),
                    "a sealed enrolment record of entry " + leaf.entry() + " that opens the leaf's sealed.commitment "
                            + leaf.sealed().commitment().hex() + " (format.md §12.7)",
                    "the record in " + held.file + ": " + e.getMessage() + " (not used)"));
            return EnrolmentAvailability.withheld("the sealed enrolment record given (" + held.file
                    + ") does not open the leaf's commitment");
        }
        enrolmentsUsed++;
        return EnrolmentAvailability.available(held.record.templates());
    }

    /** Number of distinct records held. */
    public int size() {
        return records.size();
    }

    /** Forgets what an earlier audit learnt (records used, disclosures seen), keeping the records. */
    void reset() {
        records.values().forEach(h -> h.seen = false);
        sealedEnrolments.values().forEach(h -> h.seen = false);
        enrolmentsUsed = 0;
        findings.clear();
        disclosed.clear();
        used = 0;
        refused = 0;
    }

    @Override
    public RecordAvailability open(DetectionRef detection, SignedEvent event) {
        Key key = Key.of(detection);
        Held held = records.get(key);
        if (held == null) {
            return RecordAvailability.withheld("no record for it in the records files given");
        }
        held.seen = true;
        Sha256Digest committed = ((SealedFaceDetected) event.payload()).sealed().commitment();
        if (!committed.equals(held.commitment())) {
            refused++;
            findings.add(new Finding(Rule.SEALED_RECORD, detection.leafIndex(), event.header().eventId(),
                    "a record whose commitment is the leaf's sealed.commitment " + committed.hex(),
                    "the record in " + held.file() + " has commitment " + held.commitment().hex()
                            + " (not used)"));
            return RecordAvailability.withheld("the record given (" + held.file() + ") does not open the leaf's"
                    + " commitment");
        }
        used++;
        return RecordAvailability.available(held.template(), held.landmarks());
    }

    /** Remembers which detections an accepted {@code RecordDisclosed} names. */
    void observe(SignedEvent event) {
        if (event.payload() instanceof RecordDisclosed d && claimedDisclosures.containsKey(event.eventHash().hex())) {
            disclosed.put(event.eventHash().hex(), d);
        }
    }

    /** The violations found so far (wrong commitments), then cleared. */
    List<Finding> drain() {
        List<Finding> out = List.copyOf(findings);
        findings.clear();
        return out;
    }

    /**
     * After the log of {@code leaves} leaves: every record no leaf used (it names a leaf that is not
     * that sealed detection), and every record its file's disclosure does not name or whose
     * disclosure is not in the log — violations, in detection leaf order.
     */
    List<Finding> finish(long leaves) {
        List<Finding> out = new ArrayList<>(drain());
        TreeMap<Key, Held> sorted = new TreeMap<>(records);
        for (Map.Entry<Key, Held> e : sorted.entrySet()) {
            Key k = e.getKey();
            Held h = e.getValue();
            if (!h.seen && k.leafIndex() < leaves) {
                out.add(new Finding(Rule.SEALED_RECORD, k.leafIndex(), "", "a record for the sealed detection "
                        + k.eventHash() + " at leaf " + k.leafIndex(), "the log's leaf " + k.leafIndex()
                        + " is not that sealed detection, or it was not accepted (record in " + h.file() + ")"));
            }
            RecordDisclosed named = disclosed.get(h.disclosure());
            if (named != null && !org.oversight.domain.policy.DisclosureRules.discloses(named, h.detection())) {
                out.add(new Finding(Rule.SEALED_RECORD, k.leafIndex(), "", "every disclosed record named by its"
                        + " RecordDisclosed " + h.disclosure(), "the record in " + h.file()
                        + " is not named by it (an unrecorded disclosure)"));
            }
        }
        for (HeldEnrolment h : sealedEnrolments.values()) {
            String entry = h.record.entry();
            if (!h.seen) {
                out.add(Finding.global(Rule.SEALED_RECORD, "a sealed enrolment record of a schema-2 entry " + entry
                        + " authorised in the log", "no accepted schema-2 WatchlistEntryAuthorized of entry " + entry
                        + " asked for it (record in " + h.file + ")"));
            }
            RecordDisclosed named = disclosed.get(h.disclosure);
            if (named != null && !named.disclosedEntries().contains(entry)) {
                out.add(Finding.global(Rule.SEALED_RECORD, "every disclosed record named by its RecordDisclosed "
                        + h.disclosure, "the sealed enrolment record of entry " + entry + " in " + h.file
                        + " is not named by it (an unrecorded disclosure)"));
            }
        }
        for (Map.Entry<String, java.util.SortedSet<String>> c : claimedDisclosures.entrySet()) {
            if (!disclosed.containsKey(c.getKey())) {
                out.add(Finding.global(Rule.SEALED_RECORD, "an accepted RecordDisclosed with event hash " + c.getKey()
                        + " (named by " + String.join(", ", c.getValue()) + ")", "none in the log: the records were"
                        + " released without a disclosure on the record, or the export predates it"));
            }
        }
        return out;
    }

    /** The report fact: how many records were given, used, refused. */
    String summary() {
        return records.size() + " records given in " + claimedDisclosures.values().stream().mapToInt(java.util.Set::size).sum()
                + " file(s), " + used + " opened their detection's commitment and were used, " + refused
                + " did not (violations)" + (sealedEnrolments.isEmpty() ? "" : "; " + sealedEnrolments.size()
                        + " sealed enrolment record(s) given, " + enrolmentsUsed + " opened their entry's commitment and"
                        + " were used")
                + (enrolments == 0 ? "" : "; " + enrolments + " enrolment record(s) read for"
                        + " form and not used (an audit takes the entries' templates from the log)");
    }

    private static final class HeldEnrolment {
        private final SealedEnrolmentRecord record;
        private final String file;
        private final String disclosure;
        private boolean seen;

        HeldEnrolment(SealedEnrolmentRecord record, String file, String disclosure) {
            this.record = record;
            this.file = file;
            this.disclosure = disclosure;
        }
    }

    private record Key(long leafIndex, String eventHash) implements Comparable<Key> {
        static Key of(DetectionRef r) {
            return new Key(r.leafIndex(), r.eventHash().hex());
        }

        @Override
        public int compareTo(Key o) {
            int c = Long.compare(leafIndex, o.leafIndex);
            return c != 0 ? c : eventHash.compareTo(o.eventHash);
        }
    }

    private static final class Held {
        private final DetectionRef detection;
        private final Sha256Digest commitment;
        private final Template template;
        private final Landmarks landmarks;
        private final String file;
        private final String disclosure;
        private boolean seen;

        Held(DetectionRef detection, Sha256Digest commitment, Template template, Landmarks landmarks, String file,
                String disclosure) {
            this.detection = Objects.requireNonNull(detection);
            this.commitment = Objects.requireNonNull(commitment);
            this.template = template;
            this.landmarks = landmarks;
            this.file = file;
            this.disclosure = disclosure;
        }

        DetectionRef detection() {
            return detection;
        }

        Sha256Digest commitment() {
            return commitment;
        }

        Template template() {
            return template;
        }

        Landmarks landmarks() {
            return landmarks;
        }

        String file() {
            return file;
        }

        String disclosure() {
            return disclosure;
        }
    }
}
