package org.oversight.domain.event;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.oversight.domain.json.JsonObject;

/**
 * The event catalogue (docs/format.md §4). Each type fixes its wire name, the kind of stream it
 * belongs to, where in that stream it may stand, its payload schema versions, and one payload
 * parser per schema version. Which roles may sign it is {@code principal.PermissionMatrix}.
 *
 * <p>Schema evolution is an explicit version dispatch on (type, header {@code schema}): a reader
 * parses schema 1 of {@code FaceDetected} and {@code RecognitionPolicySet} exactly as catalogue
 * version 1 did, so version-1 logs verify unchanged, and schema 2 with its own parser
 * ({@link SealedFaceDetected}; {@link SealedWatchlistEntryAuthorized}; {@link RecognitionPolicySet#fromJsonV2}; {@link RecordDisclosed#fromJsonV2}).
 */
public enum EventType {
    AUTHORITY_DECLARED("AuthorityDeclared", StreamKind.PRINCIPAL, SeqPlacement.FIRST, AuthorityDeclared::fromJson),
    KEY_ENROLLED("KeyEnrolled", StreamKind.PRINCIPAL, SeqPlacement.ANY, KeyEnrolled::fromJson),
    KEY_REVOKED("KeyRevoked", StreamKind.PRINCIPAL, SeqPlacement.LATER, KeyRevoked::fromJson),
    RECOGNITION_POLICY_SET("RecognitionPolicySet", StreamKind.POLICY, SeqPlacement.ANY, RecognitionPolicySet::fromJson,
            RecognitionPolicySet::fromJsonV2),
    CAMERA_REGISTERED("CameraRegistered", StreamKind.CAMERA, SeqPlacement.FIRST, CameraRegistered::fromJson),
    CAMERA_DECOMMISSIONED("CameraDecommissioned", StreamKind.CAMERA, SeqPlacement.LATER, CameraDecommissioned::fromJson),
    WATCHLIST_ENTRY_AUTHORIZED("WatchlistEntryAuthorized", StreamKind.WATCHLIST, SeqPlacement.FIRST,
            WatchlistEntryAuthorized::fromJson, SealedWatchlistEntryAuthorized::fromJson),
    WATCHLIST_ENTRY_WITHDRAWN("WatchlistEntryWithdrawn", StreamKind.WATCHLIST, SeqPlacement.LATER,
            WatchlistEntryWithdrawn::fromJson),
    FACE_DETECTED("FaceDetected", StreamKind.DETECTIONS, SeqPlacement.ANY, FaceDetected::fromJson,
            SealedFaceDetected::fromJson),
    MATCH_PROPOSED("MatchProposed", StreamKind.MATCH, SeqPlacement.FIRST, MatchProposed::fromJson),
    MATCH_REVIEWED("MatchReviewed", StreamKind.MATCH, SeqPlacement.LATER, MatchReviewed::fromJson),
    MATCH_ACTIONED("MatchActioned", StreamKind.MATCH, SeqPlacement.LATER, MatchActioned::fromJson),
    ERASURE_EPOCH_OPENED("ErasureEpochOpened", StreamKind.EPOCH, SeqPlacement.FIRST, ErasureEpochOpened::fromJson),
    ERASURE_EPOCH_CLOSED("ErasureEpochClosed", StreamKind.EPOCH, SeqPlacement.SECOND, ErasureEpochClosed::fromJson),
    KEPT_RECORDS_DESTROYED("KeptRecordsDestroyed", StreamKind.EPOCH, SeqPlacement.AFTER_SECOND,
            KeptRecordsDestroyed::fromJson),
    RECORD_DISCLOSED("RecordDisclosed", StreamKind.DISCLOSURE, SeqPlacement.FIRST, RecordDisclosed::fromJson,
            RecordDisclosed::fromJsonV2),
    RETROSPECTIVE_SEARCH_REQUESTED("RetrospectiveSearchRequested", StreamKind.SEARCH, SeqPlacement.FIRST,
            RetrospectiveSearchRequested::fromJson),
    RETROSPECTIVE_SEARCH_PERFORMED("RetrospectiveSearchPerformed", StreamKind.SEARCH, SeqPlacement.SECOND,
            RetrospectiveSearchPerformed::fromJson),
    RETROSPECTIVE_SEARCH_AUTHORIZED("RetrospectiveSearchAuthorized", StreamKind.SEARCH, SeqPlacement.THIRD,
            RetrospectiveSearchAuthorized::fromJson),
    RETROSPECTIVE_SEARCH_DESTROYED("RetrospectiveSearchDestroyed", StreamKind.SEARCH, SeqPlacement.THIRD,
            RetrospectiveSearchDestroyed::fromJson);

    /** Schema version 1: every type has it, and it is the only one of catalogue version 1. */
    public static final int SCHEMA_V1 = 1;
    /**
     * Schema version 2: {@code FaceDetected} (sealed), {@code WatchlistEntryAuthorized} (sealed),
     * {@code RecognitionPolicySet} (retention terms) and
     * {@code RecordDisclosed} (watchlist entries' enrolment records).
     */
    public static final int SCHEMA_V2 = 2;

    private final String wireName;
    private final StreamKind streamKind;
    private final SeqPlacement placement;
    /** Parser by schema version, 1 first. */
    private final PayloadParser[] parsers;

    EventType(String wireName, StreamKind streamKind, SeqPlacement placement, PayloadParser... parsers) {
        this.wireName = wireName;
        this.streamKind = streamKind;
        this.placement = placement;
        this.parsers = parsers;
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

    /**
     * Schema version 1, the version of catalogue version 1 (every type has it). Writers that emit
     * another version take it from the payload ({@link EventPayload#schema()}).
     */
    public int schemaVersion() {
        return SCHEMA_V1;
    }

    /** The newest payload schema version this implementation reads and writes. */
    public int latestSchema() {
        return parsers.length;
    }

    /** The payload schema versions this implementation reads, ascending ({@code [1]} or {@code [1, 2]}). */
    public List<Integer> schemas() {
        return java.util.stream.IntStream.rangeClosed(1, parsers.length).boxed().toList();
    }

    /** Whether this implementation reads schema version {@code schema} of this type. */
    public boolean supportsSchema(int schema) {
        return schema >= 1 && schema <= parsers.length;
    }

    /**
     * Parses and validates a schema-1 payload of this type.
     *
     * @throws InvalidEventException naming the field path and value of the first problem found
     */
    public EventPayload parsePayload(JsonObject payload) throws InvalidEventException {
        return parsePayload(SCHEMA_V1, payload);
    }

    /**
     * Parses and validates a payload of this type in schema version {@code schema} (the header's).
     *
     * @throws InvalidEventException naming the field path and value of the first problem found, or
     *     {@code $.header.schema} if this type has no such schema version
     */
    public EventPayload parsePayload(int schema, JsonObject payload) throws InvalidEventException {
        if (!supportsSchema(schema)) {
            throw new InvalidEventException("$.header.schema", schema, "schema version of " + wireName
                    + " must be one of " + schemas());
        }
        return parsers[schema - 1].parse(payload);
    }

    private static final Map<String, EventType> BY_WIRE_NAME = new TreeMap<>();

    static {
        for (EventType t : values()) {
            BY_WIRE_NAME.put(t.wireName, t);
        }
    }

    /**
     * The type with this wire name.
     *
     * @throws InvalidEventException naming {@code path} if the name is not in the catalogue
     */
    public static EventType fromWireName(String path, String name) throws InvalidEventException {
        EventType t = BY_WIRE_NAME.get(name);
        if (t == null) {
            throw new InvalidEventException(path, name, "not an event type of the catalogue");
        }
        return t;
    }

    @FunctionalInterface
    interface PayloadParser {
        EventPayload parse(JsonObject payload) throws InvalidEventException;
    }
}
