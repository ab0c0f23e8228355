package org.oversight.domain.event;

import org.oversight.domain.json.JsonObject;

/**
 * The event catalogue, version 1 (docs/format.md §4). Each type fixes its wire name, the kind of
 * stream it belongs to, where in that stream it may stand, its payload schema version, and its
 * payload parser. Which roles may sign it is {@code principal.PermissionMatrix}.
 */
public enum EventType {
    AUTHORITY_DECLARED("AuthorityDeclared", StreamKind.PRINCIPAL, SeqPlacement.FIRST, AuthorityDeclared::fromJson),
    KEY_ENROLLED("KeyEnrolled", StreamKind.PRINCIPAL, SeqPlacement.ANY, KeyEnrolled::fromJson),
    KEY_REVOKED("KeyRevoked", StreamKind.PRINCIPAL, SeqPlacement.LATER, KeyRevoked::fromJson),
    RECOGNITION_POLICY_SET("RecognitionPolicySet", StreamKind.POLICY, SeqPlacement.ANY, RecognitionPolicySet::fromJson),
    CAMERA_REGISTERED("CameraRegistered", StreamKind.CAMERA, SeqPlacement.FIRST, CameraRegistered::fromJson),
    CAMERA_DECOMMISSIONED("CameraDecommissioned", StreamKind.CAMERA, SeqPlacement.LATER, CameraDecommissioned::fromJson),
    WATCHLIST_ENTRY_AUTHORIZED("WatchlistEntryAuthorized", StreamKind.WATCHLIST, SeqPlacement.FIRST,
            WatchlistEntryAuthorized::fromJson),
    WATCHLIST_ENTRY_WITHDRAWN("WatchlistEntryWithdrawn", StreamKind.WATCHLIST, SeqPlacement.LATER,
            WatchlistEntryWithdrawn::fromJson),
    FACE_DETECTED("FaceDetected", StreamKind.DETECTIONS, SeqPlacement.ANY, FaceDetected::fromJson),
    MATCH_PROPOSED("MatchProposed", StreamKind.MATCH, SeqPlacement.FIRST, MatchProposed::fromJson),
    MATCH_REVIEWED("MatchReviewed", StreamKind.MATCH, SeqPlacement.LATER, MatchReviewed::fromJson),
    MATCH_ACTIONED("MatchActioned", StreamKind.MATCH, SeqPlacement.LATER, MatchActioned::fromJson);

    /** The payload schema version every v1 type has. */
    public static final int SCHEMA_V1 = 1;

    private final String wireName;
    private final StreamKind streamKind;
    private final SeqPlacement placement;
    private final PayloadParser parser;

    EventType(String wireName, StreamKind streamKind, SeqPlacement placement, PayloadParser parser) {
        this.wireName = wireName;
        this.streamKind = streamKind;
        this.placement = placement;
        this.parser = parser;
    }

    /** The name written in the header's {@code type} field. */
    public String wireName() {
        return wireName;
    }

    /** The kind of stream events of this type belong to. */
    public StreamKind streamKind() {
        return streamKind;
    }

    /** Where in its stream an event of this type may stand. */
    public SeqPlacement placement() {
        return placement;
    }

    /** The payload schema version this implementation reads and writes. */
    public int schemaVersion() {
        return SCHEMA_V1;
    }

    /**
     * Parses and validates a payload of this type.
     *
     * @throws InvalidEventException naming the field path and value of the first problem found
     */
    public EventPayload parsePayload(JsonObject payload) throws InvalidEventException {
        return parser.parse(payload);
    }

    /**
     * The type with this wire name.
     *
     * @throws InvalidEventException naming {@code path} if the name is not in the v1 catalogue
     */
    public static EventType fromWireName(String path, String name) throws InvalidEventException {
        for (EventType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new InvalidEventException(path, name, "not an event type of catalogue v1");
    }

    @FunctionalInterface
    interface PayloadParser {
        EventPayload parse(JsonObject payload) throws InvalidEventException;
    }
}
