package org.oversight.recognition.projection;

import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.SignedEvent;

/**
 * Where the recognition projection gets the biometric record of a sealed detection
 * ({@code FaceDetected} schema 2, docs/format.md §12): the leaf carries only a commitment, so the
 * template the projection compares comes from outside the log — the ledger's vault (engine), a
 * witness's own epoch key, or an auditor's disclosed records file.
 *
 * <p>The projection calls {@link #open} once for each schema-2 detection it gets past the checks
 * the leaf alone decides (policy present, leaf model id and template format equal the policy's,
 * format supported; docs/format.md §9.8) and never for a schema-1 detection, whose template is in
 * the leaf. An {@link RecordAvailability.Available} record's template is then used exactly as a
 * schema-1 template; an {@link RecordAvailability.Unavailable} one makes the detection a
 * {@link Skip} with reason {@link SkipReason#RECORD_WITHHELD} or {@link SkipReason#RECORD_ERASED}
 * (no decisions; the audit reports every logged proposal on it as "not re-derived").
 *
 * <p>Contract of an implementation (the projection stays a pure function of the log plus this
 * source): <ul>
 *   <li>it returns a record only after checking it against the detection's leaf — the record's
 *       commitment equals the leaf's {@code sealed.commitment} (the domain's record opener does
 *       this); the projection does not re-check it;
 *   <li>it answers the same for the same detection every time (no clock, no randomness); a source
 *       that loses a record mid-replay makes replays disagree;
 *   <li>it does not throw: a record it cannot produce is {@code Unavailable} with the reason — a
 *       record the caller was not given is {@code WITHHELD}, one destroyed by the epoch's close is
 *       {@code ERASED}. A record that was given but fails its checks is the caller's violation to
 *       report, not a reason to skip silently.
 * </ul>
 */
@FunctionalInterface
public interface SealedRecordSource {
    /**
     * A source that has no record: every schema-2 detection and every schema-2 watchlist entry is
     * withheld (a replay from the log alone).
     */
    SealedRecordSource NONE = (detection, event) -> RecordAvailability.withheld("no sealed records were given");

    /**
     * The biometric record of the schema-2 detection {@code event} at {@code detection}.
     *
     * @param detection the detection's event hash and leaf index
     * @param event the detection event itself (a {@code FaceDetected} of schema 2)
     * @return the record checked against the leaf's commitment, or why it is not available
     */
    RecordAvailability open(DetectionRef detection, SignedEvent event);

    /**
     * The templates of the sealed enrolment record of the schema-2 watchlist entry {@code event}
     * at {@code entry} (format.md §12.7), under the same contract as {@link #open}: checked against
     * the leaf (commitment with the enrolment label, entry, {@code templateCount}, model and
     * format — the domain's {@code RecordOpener.openEnrolment}), the same answer every time, never
     * thrown. The projection calls it once per schema-2 entry, when the entry's authorisation is
     * applied, and never for a schema-1 entry.
     *
     * <p>The default withholds every enrolment record: a source that only has detections' records
     * (and {@link #NONE}) makes every schema-2 entry unavailable, never silently matched.
     *
     * @param entry the entry event's hash and leaf index
     * @param event the entry event itself (a {@code WatchlistEntryAuthorized} of schema 2)
     */
    default EnrolmentAvailability openEnrolment(DetectionRef entry, SignedEvent event) {
        return EnrolmentAvailability.withheld("no sealed enrolment records were given");
    }
}
