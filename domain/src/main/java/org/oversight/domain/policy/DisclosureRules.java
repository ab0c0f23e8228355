package org.oversight.domain.policy;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.oversight.domain.bundle.IndexedEvent;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntry;
import org.oversight.domain.principal.KeyRecord;

/**
 * The one evaluation of R-disclosure and of R5(c) "never used again" (docs/rules.md, "Sealed
 * records") for a {@code RecordDisclosed} (its detections' sealed records and, schema 2, its
 * entries' enrolment records), over a read-only {@link LogView} of the log before it.
 * {@link RuleBook} calls it with the state it replayed; the ledger can call it at ingest, before it
 * sequences a disclosure, with a view over its own stores, so a disclosure that the audit would
 * report is refused by the same code.
 *
 * <p>Pure: the result depends only on the arguments.
 */
public final class DisclosureRules {
    private DisclosureRules() {
    }

    /** What the rules need of the log before the event judged. */
    public interface LogView {
        /** The accepted {@code FaceDetected} at {@code leaf} (a leaf before the event judged), if any. */
        Optional<DetectedAt> detection(long leaf);

        /**
         * What has become, before the event judged, of the record of the sealed detection at
         * {@code detectionLeaf}, sealed to {@code epoch}.
         */
        RecordFate fate(String epoch, long detectionLeaf);

        /**
         * The leaf of the accepted {@code WatchlistEntryAuthorized} of {@code entry} (a leaf before
         * the event judged), if any.
         */
        OptionalLong entryAuthorized(String entry);

        /**
         * The erasure epoch the accepted schema-2 {@code WatchlistEntryAuthorized} of {@code entry}
         * (a leaf before the event judged) is sealed to; empty for a schema-1 entry or none.
         */
        Optional<String> entrySealedTo(String entry);
    }

    /**
     * An accepted detection.
     *
     * @param hash its event hash
     * @param epoch the erasure epoch a schema-2 detection is sealed to; empty for schema 1
     */
    public record DetectedAt(EventHash hash, Optional<String> epoch) {
        public DetectedAt {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(epoch, "epoch");
        }
    }

    /** What has become of a sealed record. */
    public sealed interface RecordFate {
        /** Its epoch is open (or, in an excerpt, its close is not known): readable. */
        record Readable() implements RecordFate {
        }

        /** Its epoch's close kept it and nothing destroyed it since. */
        record Kept() implements RecordFate {
        }

        /** Its epoch's close, at {@code closeLeaf}, did not keep it: erased. */
        record Erased(long closeLeaf) implements RecordFate {
        }

        /** Kept, then destroyed by the {@code KeptRecordsDestroyed} at {@code leaf}. */
        record Destroyed(long leaf) implements RecordFate {
        }
    }

    /**
     * A view over a log's stored events, for a writer that keeps no rule book (the ledger at
     * ingest): {@code acceptedAt} returns the accepted event at a leaf (empty if none), and
     * {@code epochStream} the accepted events of stream {@code epoch/<id>} with their leaves, and
     * {@code entryStream} the accepted events of stream {@code watchlist/<id>} with their leaves
     * (at least its first). All must answer for the events accepted before the disclosure judged,
     * and only those.
     */
    public static LogView viewOver(LongFunction<Optional<SignedEvent>> acceptedAt,
            Function<String, List<IndexedEvent>> epochStream, Function<String, List<IndexedEvent>> entryStream) {
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(epochStream, "epochStream");
        Objects.requireNonNull(entryStream, "entryStream");
        return new LogView() {
            @Override
            public OptionalLong entryAuthorized(String entry) {
                for (IndexedEvent e : entryStream.apply(entry)) {
                    if (e.event().payload() instanceof WatchlistEntry) {
                        return OptionalLong.of(e.leafIndex());
                    }
                }
                return OptionalLong.empty();
            }

            @Override
            public Optional<String> entrySealedTo(String entry) {
                for (IndexedEvent e : entryStream.apply(entry)) {
                    if (e.event().payload() instanceof WatchlistEntry w) {
                        return w instanceof SealedWatchlistEntryAuthorized s ? Optional.of(s.sealed().epoch())
                                : Optional.empty();
                    }
                }
                return Optional.empty();
            }

            @Override
            public Optional<DetectedAt> detection(long leaf) {
                return acceptedAt.apply(leaf).flatMap(e -> {
                    if (e.payload() instanceof SealedFaceDetected d) {
                        return Optional.of(new DetectedAt(e.eventHash(), Optional.of(d.sealed().epoch())));
                    }
                    return e.payload() instanceof FaceDetected
                            ? Optional.of(new DetectedAt(e.eventHash(), Optional.empty())) : Optional.empty();
                });
            }

            @Override
            public RecordFate fate(String epoch, long detectionLeaf) {
                RecordFate fate = new RecordFate.Readable();
                for (IndexedEvent e : epochStream.apply(epoch)) {
                    if (e.event().payload() instanceof ErasureEpochClosed c) {
                        boolean kept = c.kept().stream().anyMatch(k -> k.detection().leafIndex() == detectionLeaf);
                        fate = kept ? new RecordFate.Kept() : new RecordFate.Erased(e.leafIndex());
                    } else if (e.event().payload() instanceof KeptRecordsDestroyed x && fate instanceof RecordFate.Kept
                            && x.detections().stream().anyMatch(r -> r.leafIndex() == detectionLeaf)) {
                        fate = new RecordFate.Destroyed(e.leafIndex());
                    }
                }
                return fate;
            }
        };
    }

    /**
     * Whether {@code disclosure} released the record of {@code detection} (same leaf index and event
     * hash): the one test of "records handed out are on the record" (docs/rules.md, rule
     * {@code records}), used by the audit for an auditor's records file (its named, accepted
     * disclosure) and by the bundle check for a court bundle's records (a carried, verified
     * disclosure). A record that no such disclosure releases is an unrecorded disclosure.
     */
    public static boolean discloses(RecordDisclosed disclosure, DetectionRef detection) {
        Objects.requireNonNull(detection, "detection");
        return disclosure.records().contains(detection);
    }

    /** The roles that may disclose sealed records for {@code purpose}. */
    public static Set<Role> mayDisclose(DisclosurePurpose purpose) {
        return switch (purpose) {
            case REVIEW -> EnumSet.of(Role.REVIEWER);
            case EVIDENCE_BUNDLE -> EnumSet.of(Role.OFFICER, Role.AUTHORITY);
            case AUDIT -> EnumSet.of(Role.AUTHORITY);
        };
    }

    /**
     * The violations of R-disclosure and R5(c) by {@code disclosure} at {@code leaf}, in a fixed
     * order (the role first, then each record, then each entry, in the event's order).
     *
     * @param eventId the disclosure's event id, to anchor the violations
     * @param signer the key record of the key that signed it
     * @param view the log before {@code leaf}
     * @param wholeLog whether {@code view} shows every accepted event before {@code leaf}; if not
     *     (an excerpt), a reference that does not resolve is not judged, since its detection may
     *     simply not be carried
     * @return the violations, empty if none
     */
    public static List<RuleViolation> check(RecordDisclosed disclosure, long leaf, String eventId, KeyRecord signer,
            LogView view, boolean wholeLog) {
        Objects.requireNonNull(disclosure, "disclosure");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(view, "view");
        Violations out = new Violations(leaf, eventId);
        check(disclosure, leaf, signer, view, wholeLog, out);
        return List.copyOf(out.list);
    }

    static void check(RecordDisclosed disclosure, long leaf, KeyRecord signer, LogView view, boolean wholeLog,
            Violations out) {
        Set<Role> allowed = mayDisclose(disclosure.purpose());
        if (!allowed.contains(signer.role())) {
            out.add(PolicyRule.R_DISCLOSURE, "purpose " + disclosure.purpose().wireName() + " disclosed by a signer of"
                    + " role " + roles(allowed), "signed by " + signer.role().wireName() + " " + signer.owner());
        }
        for (DetectionRef ref : disclosure.records()) {
            long d = ref.leafIndex();
            Optional<DetectedAt> det = d < leaf ? view.detection(d) : Optional.empty();
            String expected = "an accepted sealed (schema-2) FaceDetected at an earlier leaf " + d + " with event hash "
                    + ref.eventHash().hex();
            if (det.isEmpty()) {
                if (wholeLog) {
                    out.add(PolicyRule.R_DISCLOSURE, expected, d >= leaf ? "leaf " + d + " is not before this"
                            + " disclosure at leaf " + leaf : "no accepted FaceDetected at leaf " + d);
                }
            } else if (!det.get().hash().equals(ref.eventHash())) {
                out.add(PolicyRule.R_DISCLOSURE, expected, "the FaceDetected at leaf " + d + " has event hash "
                        + det.get().hash().hex());
            } else if (det.get().epoch().isEmpty()) {
                out.add(PolicyRule.R_DISCLOSURE, expected, "the FaceDetected at leaf " + d + " is schema 1: it has no"
                        + " sealed record");
            } else {
                String epoch = det.get().epoch().get();
                useAfterErasure("RecordDisclosed", d, epoch, view.fate(epoch, d), out);
            }
        }
        for (String entry : disclosure.disclosedEntries()) {
            OptionalLong authorised = view.entryAuthorized(entry);
            String expected = "an accepted WatchlistEntryAuthorized of entry " + entry + " at a leaf before this"
                    + " disclosure at leaf " + leaf + " (an enrolment record exists only for an authorised entry)";
            if (authorised.isEmpty()) {
                if (wholeLog) {
                    out.add(PolicyRule.R_DISCLOSURE, expected, "no accepted WatchlistEntryAuthorized of entry " + entry);
                }
            } else if (authorised.getAsLong() >= leaf) {
                out.add(PolicyRule.R_DISCLOSURE, expected, "entry " + entry + " is authorised at leaf "
                        + authorised.getAsLong());
            } else {
                Optional<String> epoch = view.entrySealedTo(entry);
                if (epoch.isPresent()) {
                    long at = authorised.getAsLong();
                    useAfterErasure("RecordDisclosed", "the entry " + entry + " at leaf " + at, epoch.get(),
                            view.fate(epoch.get(), at), out);
                }
            }
        }
    }

    /** R5(c) for one use ({@code act}) of the sealed record of the detection at {@code d}. */
    static void useAfterErasure(String act, long d, String epoch, RecordFate fate, Violations out) {
        useAfterErasure(act, "the detection at leaf " + d, epoch, fate, out);
    }

    /**
     * R5(c) for one use ({@code act}) of the sealed record of {@code what} (a detection, or a
     * schema-2 watchlist entry's enrolment record, named with its leaf).
     */
    static void useAfterErasure(String act, String what, String epoch, RecordFate fate, Violations out) {
        String expected = "no " + act + " naming an erased record (R5(c)): " + what + " of epoch "
                + epoch + " may be used after its close only if kept and not destroyed";
        if (fate instanceof RecordFate.Erased e) {
            out.add(PolicyRule.R5, expected, what + " was erased by epoch " + epoch
                    + "'s close at leaf " + e.closeLeaf() + " (not kept)");
        } else if (fate instanceof RecordFate.Destroyed x) {
            out.add(PolicyRule.R5, expected, "the kept record of " + what + " was destroyed by"
                    + " KeptRecordsDestroyed at leaf " + x.leaf());
        }
    }

    private static String roles(Set<Role> roles) {
        StringBuilder s = new StringBuilder();
        for (Role r : Role.values()) {
            if (roles.contains(r)) {
                s.append(s.length() == 0 ? "" : " or ").append(r.wireName());
            }
        }
        return s.toString();
    }
}
