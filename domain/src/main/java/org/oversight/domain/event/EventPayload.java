package org.oversight.domain.event;

import org.oversight.domain.json.JsonObject;

/**
 * A validated event payload (docs/format.md §4). Instances are immutable and always valid: every
 * constructor path checks the same constraints as {@code fromJson}.
 */
public sealed interface EventPayload
        permits AuthorityDeclared, KeyEnrolled, KeyRevoked, RecognitionPolicySet, CameraRegistered,
                CameraDecommissioned, WatchlistEntry, WatchlistEntryWithdrawn, Detection,
                MatchProposed, MatchReviewed, MatchActioned, ErasureEpochOpened,
                ErasureEpochClosed, KeptRecordsDestroyed, RecordDisclosed, RetrospectiveSearchRequested,
                RetrospectiveSearchPerformed, RetrospectiveSearchAuthorized, RetrospectiveSearchDestroyed {

    /** The event type this payload belongs to. */
    EventType type();

    /** The one stream an event with this payload must be in (determined by the payload's id field). */
    StreamId stream();

    /**
     * The payload schema version this payload is written in (the header's {@code schema}): 1, or
     * 2 for {@link SealedFaceDetected}, {@link SealedWatchlistEntryAuthorized}, a {@link RecognitionPolicySet} with retention terms and a
     * {@link RecordDisclosed} naming entries.
     */
    default int schema() {
        return EventType.SCHEMA_V1;
    }

    /** The payload as a JSON object, exactly the fields of docs/format.md §4. */
    JsonObject toJson();
}
