package org.oversight.verifier.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.RetrospectiveSearchPerformed;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SearchHit;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.policy.ScoreScale;
import org.oversight.domain.policy.SearchScope;
import org.oversight.recognition.projection.RecordAvailability;
import org.oversight.recognition.projection.SealedRecordSource;
import org.oversight.recognition.projection.SearchScores;
import org.oversight.recognition.projection.WatchedEntry;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.NotRederived;
import org.oversight.verifier.report.Rule;

/**
 * Rule R4(b) with records (docs/rules.md "Projection replay"): re-derives each
 * {@code RetrospectiveSearchPerformed}'s hits and scores over exactly its searchable set S (the rule
 * book's, {@link SearchScope}) from the sealed records the replay holds, with the score of a match
 * ({@link SearchScores}), and compares them with the logged ones. A difference is an R4 violation
 * at the Performed; a search with a record of S not held is listed as not re-derived, with the
 * count (never silently).
 *
 * <p>The records held are those the projection replay opened when it met each sealed detection
 * (this class wraps its {@link SealedRecordSource}): the templates of the detections of open
 * epochs, and of kept records until they are destroyed. An epoch's close drops the templates of
 * the records it erased; a {@code KeptRecordsDestroyed} those it names. Deterministic; not
 * thread-safe (the ordered pass alone uses it).
 */
final class SearchRederivation {
    /** Hits listed in a finding at most; the rest are counted. */
    private static final int LISTED = 20;

    /**
     * What the replay got for a sealed detection: its template, or (template null) that the source
     * reported it erased. A withheld record is not remembered: absent means withheld.
     */
    private record Held(EventHash eventHash, Template template, RecordAvailability.Reason reason) {
    }

    private final HashMap<Long, Held> held = new HashMap<>();
    private final HashMap<String, Set<Long>> heldByEpoch = new HashMap<>();
    private final TreeMap<String, WatchedEntry> entries = new TreeMap<>();
    /** The enrolment availability the projection got for each schema-2 entry, until its authorisation is observed. */
    private final java.util.Map<String, org.oversight.recognition.projection.EnrolmentAvailability> enrolments =
            new java.util.HashMap<>();
    private final TreeMap<String, RetrospectiveSearchRequested> requests = new TreeMap<>();
    private final List<NotRederived> notRederived = new ArrayList<>();
    private long rederived;
    private long agreeing;

    /** {@code records}, remembering what it gives the projection for each sealed detection. */
    SealedRecordSource remembering(SealedRecordSource records) {
        return new SealedRecordSource() {
            @Override
            public RecordAvailability open(DetectionRef detection, SignedEvent event) {
                return remember(records.open(detection, event), detection, event);
            }

            @Override
            public org.oversight.recognition.projection.EnrolmentAvailability openEnrolment(DetectionRef entry,
                    SignedEvent event) {
                org.oversight.recognition.projection.EnrolmentAvailability r = records.openEnrolment(entry, event);
                enrolments.put(((SealedWatchlistEntryAuthorized) event.payload()).entry(), r);
                return r;
            }
        };
    }

    private RecordAvailability remember(RecordAvailability r, DetectionRef detection, SignedEvent event) {
        {
            Held h = null;
            if (r instanceof RecordAvailability.Available a) {
                h = new Held(detection.eventHash(), a.template(), null);
            } else if (((RecordAvailability.Unavailable) r).reason() == RecordAvailability.Reason.ERASED) {
                h = new Held(detection.eventHash(), null, RecordAvailability.Reason.ERASED);
            }
            if (h != null) {
                String epoch = ((SealedFaceDetected) event.payload()).sealed().epoch();
                held.put(detection.leafIndex(), h);
                heldByEpoch.computeIfAbsent(epoch, e -> new HashSet<>()).add(detection.leafIndex());
            }
            return r;
        }
    }

    /**
     * Observes the accepted event at {@code leaf}; for a Performed, {@code scope} is its S from the
     * rule book (empty if the book could not compute it: then nothing is judged here).
     */
    List<Finding> observe(SignedEvent event, long leaf, Optional<List<SearchScope.SealedDetection>> scope) {
        Object payload = event.payload();
        if (payload instanceof WatchlistEntryAuthorized a) {
            entries.putIfAbsent(a.entry(), WatchedEntry.of(event.eventHash(), a));
        } else if (payload instanceof SealedWatchlistEntryAuthorized a) {
            // The projection asked the source for its enrolment record at this leaf, through remembering().
            org.oversight.recognition.projection.EnrolmentAvailability r = enrolments.remove(a.entry());
            entries.putIfAbsent(a.entry(), r instanceof org.oversight.recognition.projection.EnrolmentAvailability.Available av
                    ? WatchedEntry.sealed(event.eventHash(), a, av.templates())
                    : WatchedEntry.unavailable(event.eventHash(), a, r instanceof RecordAvailability.Unavailable u ? u
                            : new RecordAvailability.Unavailable(RecordAvailability.Reason.WITHHELD, "not opened")));
        } else if (payload instanceof RetrospectiveSearchRequested r) {
            requests.putIfAbsent(r.search(), r);
        } else if (payload instanceof ErasureEpochClosed c) {
            Set<Long> kept = new HashSet<>();
            for (DetectionRef k : c.keptDetections()) {
                kept.add(k.leafIndex());
            }
            Set<Long> of = heldByEpoch.remove(c.epoch());
            if (of != null) {
                Set<Long> stay = new HashSet<>();
                for (Long d : of) {
                    if (kept.contains(d)) {
                        stay.add(d);
                    } else {
                        held.remove(d);
                    }
                }
                heldByEpoch.put(c.epoch(), stay);
            }
        } else if (payload instanceof KeptRecordsDestroyed k) {
            for (DetectionRef d : k.detections()) {
                held.remove(d.leafIndex());
                Set<Long> of = heldByEpoch.get(k.epoch());
                if (of != null) {
                    of.remove(d.leafIndex());
                }
            }
        } else if (payload instanceof RetrospectiveSearchPerformed p && scope.isPresent()) {
            return performed(p, leaf, event.header().eventId(), scope.get());
        }
        return List.of();
    }

    private List<Finding> performed(RetrospectiveSearchPerformed p, long leaf, String eventId,
            List<SearchScope.SealedDetection> scope) {
        long withheld = 0;
        long erased = 0;
        for (SearchScope.SealedDetection d : scope) {
            Held h = held.get(d.ref().leafIndex());
            if (h == null || h.template() == null || !h.eventHash().equals(d.ref().eventHash())) {
                if (h != null && h.reason() == RecordAvailability.Reason.ERASED) {
                    erased++;
                } else {
                    withheld++;
                }
            }
        }
        if (withheld + erased > 0) {
            notRederived.add(new NotRederived(leaf, eventId, describe(p), erased > 0 && withheld == 0
                    ? NotRederived.Reason.ERASED : NotRederived.Reason.WITHHELD, "search " + p.search()
                    + ": not re-derived: " + (withheld + erased) + " of " + scope.size() + " records of its"
                    + " searchable set not held (" + withheld + " withheld: not given to this verifier or not opened"
                    + " by its replay, " + erased + " erased for it)"));
            return List.of();
        }
        RetrospectiveSearchRequested request = requests.get(p.search());
        WatchedEntry entry = request == null ? null : entries.get(request.entry());
        if (entry != null && entry.unavailable().isPresent()) {
            RecordAvailability.Unavailable u = entry.unavailable().get();
            notRederived.add(new NotRederived(leaf, eventId, describe(p), u.reason() == RecordAvailability.Reason.ERASED
                    ? NotRederived.Reason.ERASED : NotRederived.Reason.WITHHELD, "search " + p.search()
                    + ": not re-derived: the sealed enrolment record of its entry " + entry.id() + " is not held ("
                    + u.detail() + ")"));
            return List.of();
        }
        rederived++;
        TreeMap<Long, Long> expected = new TreeMap<>();
        for (SearchScope.SealedDetection d : scope) {
            if (entry == null) {
                break; // no authorised entry: nothing can score (R4(a) reports the request)
            }
            OptionalLong score = SearchScores.score(entry, held.get(d.ref().leafIndex()).template(), p.modelId());
            if (score.isPresent() && ScoreScale.passes(score.getAsLong(), p.threshold())) {
                expected.put(d.ref().leafIndex(), score.getAsLong());
            }
        }
        Set<Long> inScope = new HashSet<>();
        for (SearchScope.SealedDetection d : scope) {
            inScope.add(d.ref().leafIndex());
        }
        TreeMap<Long, Long> logged = new TreeMap<>();
        for (SearchHit h : p.hits()) {
            if (inScope.contains(h.detection().leafIndex())) { // a hit outside S is the rule book's finding
                logged.put(h.detection().leafIndex(), h.score());
            }
        }
        if (expected.equals(logged)) {
            agreeing++;
            return List.of();
        }
        StringJoiner missing = new StringJoiner(", ");
        StringJoiner extra = new StringJoiner(", ");
        StringJoiner differing = new StringJoiner(", ");
        int[] listed = {0, 0, 0};
        for (Map.Entry<Long, Long> e : expected.entrySet()) {
            Long l = logged.get(e.getKey());
            if (l == null) {
                add(missing, listed, 0, "leaf " + e.getKey() + " score " + e.getValue());
            } else if (!l.equals(e.getValue())) {
                add(differing, listed, 2, "leaf " + e.getKey() + " score " + e.getValue() + " (logged " + l + ")");
            }
        }
        for (Map.Entry<Long, Long> e : logged.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                add(extra, listed, 1, "leaf " + e.getKey() + " score " + e.getValue());
            }
        }
        StringJoiner found = new StringJoiner("; ");
        if (listed[0] > 0) {
            found.add("missing hits: " + more(missing, listed[0]));
        }
        if (listed[1] > 0) {
            found.add("logged hits the records do not put within the threshold: " + more(extra, listed[1]));
        }
        if (listed[2] > 0) {
            found.add("differing scores: " + more(differing, listed[2]));
        }
        return List.of(new Finding(Rule.R4_RETROSPECTIVE_SEARCH, leaf, eventId, "the hits re-derived from the "
                + scope.size() + " records of the searchable set S: exactly those with score <= threshold "
                + p.threshold() + " (squared distance, format.md §9.5) against entry "
                + (request == null ? "?" : request.entry()) + " (" + expected.size() + " hits) (R4(b))",
                found.toString()));
    }

    private static void add(StringJoiner j, int[] counts, int which, String item) {
        if (counts[which] < LISTED) {
            j.add(item);
        }
        counts[which]++;
    }

    private static String more(StringJoiner j, int count) {
        return j + (count > LISTED ? " … and " + (count - LISTED) + " more" : "");
    }

    private static String describe(RetrospectiveSearchPerformed p) {
        return "RetrospectiveSearchPerformed search " + p.search() + ", searched " + p.searched() + ", "
                + p.hits().size() + " hits, threshold " + p.threshold() + ", modelId " + p.modelId()
                + ", engineVersion " + p.engineVersion();
    }

    /** The searches listed as not re-derived, in log order. */
    List<NotRederived> notRederived() {
        return List.copyOf(notRederived);
    }

    /** Searches whose hits were re-derived. */
    long rederived() {
        return rederived;
    }

    /** Of those, the ones whose logged hits agree. */
    long agreeing() {
        return agreeing;
    }
}
