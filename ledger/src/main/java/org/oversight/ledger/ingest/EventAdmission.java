package org.oversight.ledger.ingest;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.aggregate.Rejection;

/**
 * The ingest path's stateless admission of each event, before sequencing (docs/ledger.md "Rules
 * enforced at ingest"): a schema-1 {@code FaceDetected} or schema-1 {@code WatchlistEntryAuthorized}
 * (both carry templates in clear in the leaf) is refused unless
 * {@code oversight.ingest.accept-clear-detections} (problem {@code sealing-required}), and an event
 * whose header {@code time} is ahead of the ledger's clock by more than
 * {@code oversight.ingest.max-clock-ahead} is refused (problem {@code time-ahead}).
 *
 * <p>Security: neither check looks at anything but the event and the clock, so it cannot depend on
 * the order of the request; the verifier replays logs of either schema unchanged (this is ingest
 * policy, not a rule of the format). Thread-safe.
 */
public final class EventAdmission {
    private final IngestPolicy policy;
    private final Clock clock;

    public EventAdmission(IngestPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws EventRejectedException for the first event (request order) refused; its detail starts
     *     with {@code events[i]} when the request held more than one event
     */
    public void check(List<SignedEvent> events) throws EventRejectedException {
        long latest = clock.millis() + policy.maxClockAhead().toMillis();
        for (int i = 0; i < events.size(); i++) {
            SignedEvent event = events.get(i);
            String where = events.size() == 1 ? "" : "events[" + i + "] ";
            if (!policy.acceptClearDetections() && event.payload() instanceof FaceDetected) {
                throw new EventRejectedException(Rejection.SEALING_REQUIRED, where + "payload: a schema-1 FaceDetected"
                        + " carries its template and landmarks in clear; this ledger accepts only sealed (schema-2)"
                        + " detections (docs/format.md §12; oversight.ingest.accept-clear-detections=false)");
            }
            if (!policy.acceptClearDetections() && event.payload() instanceof WatchlistEntryAuthorized) {
                throw new EventRejectedException(Rejection.SEALING_REQUIRED, where + "payload: a schema-1"
                        + " WatchlistEntryAuthorized carries the subject's templates in clear; this ledger accepts only"
                        + " sealed (schema-2) entries, whose enrolment record is sealed to the current erasure epoch"
                        + " (docs/format.md §12.7; oversight.ingest.accept-clear-detections=false)");
            }
            Timestamp time = event.header().time();
            if (time.epochMillis() > latest) {
                throw new EventRejectedException(Rejection.TIME_AHEAD, where + "header.time: " + time + " is "
                        + (time.epochMillis() - clock.millis()) + " ms ahead of the ledger's clock ("
                        + Timestamp.ofEpochMillis(clock.millis()) + "); at most " + policy.maxClockAhead().toMillis()
                        + " ms are tolerated (oversight.ingest.max-clock-ahead)");
            }
        }
    }
}
