package org.oversight.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonBoolean;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonString;
import org.oversight.domain.json.JsonValue;

/**
 * Schema-2 payloads (docs/format.md §4.4, §4.7) and the epoch and disclosure types (§4.9): round
 * trips, the (type, schema) dispatch, and every missing, mistyped, unknown or invalid member named
 * with its path and value. (The schema-1 form of every type is covered by PayloadValidationTest.)
 */
class SealedPayloadValidationTest {

    static Stream<EventPayload> schema2() {
        return EventFixtures.schema2Payloads().stream();
    }

    @ParameterizedTest
    @MethodSource("schema2")
    void schema2PayloadRoundTripsThroughTheSchemaDispatch(EventPayload p) throws InvalidEventException {
        assertThat(p.schema()).isEqualTo(2);
        EventPayload parsed = p.type().parsePayload(2, p.toJson());
        assertThat(parsed).isEqualTo(p);
        assertThat(parsed.toJson()).isEqualTo(p.toJson());
        SignedEvent signed = EventFixtures.signed(p, EventFixtures.CAMERA_SEED);
        assertThat(signed.header().schema()).isEqualTo(2);
        SignedEvent reparsed = SignedEvent.parse(signed.leafBytes());
        assertThat(reparsed.payload()).isEqualTo(p);
    }

    @Test
    void schemaOneAndTwoAreNotInterchangeable() {
        JsonObject v2 = EventFixtures.sealedFaceDetected().toJson();
        JsonObject v1 = EventFixtures.faceDetected().toJson();
        assertThat(catchThrowableOfType(InvalidEventException.class,
                () -> EventType.FACE_DETECTED.parsePayload(1, v2))).hasMessageContaining("unexpected member");
        assertThat(catchThrowableOfType(InvalidEventException.class,
                () -> EventType.FACE_DETECTED.parsePayload(2, v1))).hasMessageContaining("unexpected member");
        JsonObject p2 = EventFixtures.recognitionPolicySetV2().toJson();
        assertThat(catchThrowableOfType(InvalidEventException.class,
                () -> EventType.RECOGNITION_POLICY_SET.parsePayload(1, p2))).hasMessageContaining("unexpected member");
        JsonObject p1 = EventFixtures.recognitionPolicySet().toJson();
        InvalidEventException missing = catchThrowableOfType(InvalidEventException.class,
                () -> EventType.RECOGNITION_POLICY_SET.parsePayload(2, p1));
        assertThat(missing.path()).isEqualTo("$.logRetentionDays");
        assertThat(catchThrowableOfType(InvalidEventException.class,
                () -> EventType.MATCH_PROPOSED.parsePayload(2, EventFixtures.matchProposed().toJson())))
                .hasMessageContaining("$.header.schema").hasMessageContaining("must be one of [1]");
    }

    @Test
    void watchlistEntrySchemasAreNotInterchangeableAndShareTheirMembers() throws InvalidEventException {
        JsonObject v2 = EventFixtures.sealedWatchlistEntryAuthorized().toJson();
        JsonObject v1 = EventFixtures.watchlistEntryAuthorized().toJson();
        assertThat(catchThrowableOfType(InvalidEventException.class,
                () -> EventType.WATCHLIST_ENTRY_AUTHORIZED.parsePayload(1, v2))).hasMessageContaining("unexpected member");
        assertThat(catchThrowableOfType(InvalidEventException.class,
                () -> EventType.WATCHLIST_ENTRY_AUTHORIZED.parsePayload(2, v1))).hasMessageContaining("unexpected member");
        assertThat(v2.names()).doesNotContain("templates");
        WatchlistEntry one = (WatchlistEntry) EventType.WATCHLIST_ENTRY_AUTHORIZED.parsePayload(1, v1);
        WatchlistEntry two = (WatchlistEntry) EventType.WATCHLIST_ENTRY_AUTHORIZED.parsePayload(2, v2);
        assertThat(one.schema()).isEqualTo(1);
        assertThat(two.schema()).isEqualTo(2);
        assertThat(two.stream()).isEqualTo(one.stream());
        assertThat(List.of(two.entry(), two.authorisationRef(), two.validUntil().text())).isEqualTo(
                List.of(one.entry(), one.authorisationRef(), one.validUntil().text()));
        assertThat(two.templateCount()).isEqualTo(1);
    }

    @Test
    void aSealedEntryHolds1To16Templates() {
        for (int bad : new int[] {0, 17}) {
            JsonObject json = (JsonObject) JsonMutations.replace(EventFixtures.sealedWatchlistEntryAuthorized().toJson(),
                    JsonMutations.ROOT, JsonMutations.ROOT.member("templateCount"), v -> JsonNumber.of(bad));
            InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                    () -> EventType.WATCHLIST_ENTRY_AUTHORIZED.parsePayload(2, json));
            assertThat(e.path()).isEqualTo("$.templateCount");
        }
    }

    @Test
    void aSchema2HeaderOverASchema1PayloadIsRejectedWhenSigning() {
        EventPayload v1 = EventFixtures.faceDetected();
        EventHeader header = new EventHeader("e", EventType.FACE_DETECTED, 2, v1.stream(), 0,
                java.util.Optional.empty(), EventFixtures.time("2026-11-27T09:30:01.000Z"),
                EventFixtures.key(EventFixtures.CAMERA_SEED).publicKey().keyId());
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> EventSigner.sign(header, v1, EventFixtures.key(EventFixtures.CAMERA_SEED))))
                .hasMessageContaining("header schema 2 != payload schema 1");
    }

    @Test
    void aSchema2DisclosureNamesEntriesAndMayNameNoRecordButNotNothing() throws InvalidEventException {
        RecordDisclosed entriesOnly = RecordDisclosed.withEntries("d-3", List.of(), List.of("wl-2026-0001"),
                DisclosurePurpose.REVIEW, "review of m-1", "reviewer-1");
        assertThat(EventType.RECORD_DISCLOSED.parsePayload(2, entriesOnly.toJson())).isEqualTo(entriesOnly);
        assertThat(entriesOnly.disclosedEntries()).containsExactly("wl-2026-0001");
        JsonObject nothing = (JsonObject) JsonMutations.replace(entriesOnly.toJson(), JsonMutations.ROOT,
                JsonMutations.ROOT.member("entries"), v -> JsonArray.of());
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                () -> EventType.RECORD_DISCLOSED.parsePayload(2, nothing));
        assertThat(e.path()).isEqualTo("$.entries");
        assertThat(e.getMessage()).contains("records and entries are both empty");
        JsonObject v2 = EventFixtures.recordDisclosedV2().toJson();
        assertThat(catchThrowableOfType(InvalidEventException.class,
                () -> EventType.RECORD_DISCLOSED.parsePayload(1, v2))).hasMessageContaining("unexpected member");
        InvalidEventException missing = catchThrowableOfType(InvalidEventException.class,
                () -> EventType.RECORD_DISCLOSED.parsePayload(2, EventFixtures.recordDisclosed().toJson()));
        assertThat(missing.path()).isEqualTo("$.entries");
        assertThat(EventFixtures.recordDisclosed().schema()).isEqualTo(1);
        assertThat(EventFixtures.recordDisclosed().disclosedEntries()).isEmpty();
    }

    static Stream<EventPayload> everyNewPayload() {
        return Stream.concat(schema2(), Stream.of(EventFixtures.erasureEpochOpened(), EventFixtures.erasureEpochClosed(),
                EventFixtures.keptRecordsDestroyed(), EventFixtures.recordDisclosed()));
    }

    @ParameterizedTest
    @MethodSource("everyNewPayload")
    void everyMissingMistypedOrUnknownMemberIsNamed(EventPayload p) {
        JsonObject json = p.toJson();
        List<String> failures = new ArrayList<>();
        for (JsonMutations.Path path : JsonMutations.paths(json, JsonMutations.ROOT)) {
            if (path.isMember()) {
                expectPath(p, (JsonObject) JsonMutations.replace(json, JsonMutations.ROOT, path, v -> null),
                        path.text(), "missing", failures);
            }
            JsonValue original = JsonMutations.get(json, JsonMutations.ROOT, path);
            JsonValue wrong = original instanceof JsonString ? JsonNumber.of(7) : JsonString.of("x");
            expectPath(p, (JsonObject) JsonMutations.replace(json, JsonMutations.ROOT, path, v -> wrong), path.text(),
                    null, failures);
            expectPath(p, (JsonObject) JsonMutations.replace(json, JsonMutations.ROOT, path, v -> JsonBoolean.TRUE),
                    path.text(), null, failures);
        }
        for (JsonMutations.Path path : JsonMutations.objectPaths(json, JsonMutations.ROOT)) {
            JsonObject mutated = (JsonObject) JsonMutations.replace(json, JsonMutations.ROOT, path, v -> {
                JsonObject.Builder b = JsonObject.builder();
                ((JsonObject) v).forEach(b::put);
                return b.put("zExtra", 1).build();
            });
            expectPath(p, mutated, path.member("zExtra").text(), "unexpected member", failures);
        }
        assertThat(failures).isEmpty();
    }

    private static void expectPath(EventPayload p, JsonObject mutated, String path, String fragment,
            List<String> failures) {
        try {
            p.type().parsePayload(p.schema(), mutated);
            failures.add(path + ": accepted " + mutated);
        } catch (InvalidEventException e) {
            if (!e.path().equals(path)) {
                failures.add(path + ": exception names " + e.path() + ": " + e.getMessage());
            } else if (fragment != null && !e.getMessage().contains(fragment)) {
                failures.add(path + ": message lacks '" + fragment + "': " + e.getMessage());
            }
        }
    }

    private static JsonObject ref(long leafIndex) {
        return new DetectionRef(EventHash.ofLeafBytes(new byte[] {(byte) leafIndex}), leafIndex).toJson();
    }

    static Stream<Arguments> invalidValues() {
        EventPayload opened = EventFixtures.erasureEpochOpened();
        JsonValue vault = ((JsonArray) opened.toJson().get("recipients").orElseThrow()).get(0);
        JsonValue witness = ((JsonArray) opened.toJson().get("recipients").orElseThrow()).get(1);
        JsonObject kept = (JsonObject) ((JsonArray) EventFixtures.erasureEpochClosed().toJson().get("kept").orElseThrow())
                .get(0);
        return Stream.of(
                bad(EventFixtures.recognitionPolicySetV2(), "logRetentionDays", JsonNumber.of(182), "not in 183..36500"),
                bad(EventFixtures.recognitionPolicySetV2(), "keptRetentionDays", JsonNumber.of(0), "not in 1..36500"),
                bad(EventFixtures.recognitionPolicySetV2(), "maxReportingDelayMs", JsonNumber.of(86_400_001),
                        "not in 1..86400000"),
                bad(EventFixtures.sealedFaceDetected(), "templateFormat", JsonNumber.of(0), "not in"),
                bad(EventFixtures.sealedFaceDetected(), "modelId", JsonString.of("a model"), "not a model id"),
                bad(EventFixtures.sealedFaceDetected(), "sealed.epoch", JsonString.of("ep 1"), "not an identifier"),
                bad(EventFixtures.sealedFaceDetected(), "sealed.commitment", JsonString.of("00"), "not 64"),
                bad(opened, "sealUntil", JsonString.of("2026-11-27T09:00:00.000Z"), "not after sealFrom"),
                bad(opened, "eraseBy", JsonString.of("2026-11-27T09:59:59.999Z"), "before sealUntil"),
                bad(opened, "recipients", JsonArray.of(), "not in"),
                bad(opened, "recipients", JsonArray.of(witness), "exactly one recipient must be of kind vault; there is none"),
                bad(opened, "recipients[1].kind", JsonString.of("vault"), "unexpected member"),
                bad(opened, "recipients[0].kind", JsonString.of("auditor"), "not one of vault, witness"),
                bad(opened, "recipients[0].publicKey", JsonString.of("x25519:" + "A".repeat(43) + "="),
                        "point of small order"),
                bad(opened, "recipients[0].publicKey", JsonString.of("ed25519:iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w="),
                        "does not start with 'x25519:'"),
                bad(opened, "recipients[0].publicKey", JsonString.of("x25519:7f///////////////////////////////////////38="),
                        "not below 2^255 - 19"),
                bad(opened, "recipients[0].publicKey", JsonString.of("x25519:AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIA="),
                        "top bit set"),
                bad(opened, "recipients[1].witnessKey", JsonString.of("example.org/oversight/witness+00000000+AAAA"),
                        "not a witness vkey"),
                bad(opened, "recipients[1].proof", JsonString.of("AAAA"), "not a base64 Ed25519 signature"),
                bad(opened, "recipients[1].recipient", JsonString.of("vault"), "recipient id used twice"),
                bad(EventFixtures.erasureEpochClosed(), "kept", JsonArray.of(kept, kept), "not after the previous leafIndex"),
                bad(EventFixtures.erasureEpochClosed(), "kept[0].reason", JsonString.of("suspicious"),
                        "not one of match, retrospective-search"),
                bad(EventFixtures.erasureEpochClosed(), "kept[0].caseRef", JsonString.of("x".repeat(257)), "text length 257"),
                bad(EventFixtures.erasureEpochClosed(), "erased", JsonNumber.of(-1), "not in"),
                bad(EventFixtures.keptRecordsDestroyed(), "detections", JsonArray.of(), "not in"),
                bad(EventFixtures.keptRecordsDestroyed(), "detections", JsonArray.of(ref(5), ref(4)),
                        "not after the previous leafIndex 5"),
                bad(EventFixtures.keptRecordsDestroyed(), "reason", JsonString.of(""), "text length 0"),
                bad(EventFixtures.recordDisclosed(), "purpose", JsonString.of("curiosity"),
                        "not one of review, evidence-bundle, audit"),
                bad(EventFixtures.recordDisclosed(), "records", JsonArray.of(ref(3), ref(3)), "not after the previous"),
                bad(EventFixtures.recordDisclosed(), "recipient", JsonString.of("a\u0000b"), "control character"),
                bad(EventFixtures.recordDisclosed(), "disclosure", JsonString.of("d/1"), "not an identifier"),
                bad(EventFixtures.recordDisclosed(), "records", JsonArray.of(), "array size 0 not in [1, 4096]"),
                bad(EventFixtures.recordDisclosedV2(), "entries", JsonArray.of(JsonString.of("wl-b"), JsonString.of("wl-a")),
                        "not after the previous entry wl-b"),
                bad(EventFixtures.recordDisclosedV2(), "entries", JsonArray.of(JsonString.of("wl-a"), JsonString.of("wl-a")),
                        "strictly increasing, no duplicates"),
                bad(EventFixtures.recordDisclosedV2(), "entries[0]", JsonString.of("wl 1"), "not an identifier"),
                bad(EventFixtures.recordDisclosedV2(), "entries", JsonArray.ofStrings(java.util.stream.IntStream
                        .range(0, 17).mapToObj(i -> "wl-" + (char) ('a' + i)).toList()), "array size 17 not in [0, 16]"));
    }

    private static Arguments bad(EventPayload p, String field, JsonValue value, String fragment) {
        return Arguments.of(p, field, value, fragment);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidValues")
    void invalidValueIsRejectedNamingFieldAndValue(EventPayload p, String field, JsonValue value, String fragment) {
        JsonMutations.Path path = JsonMutations.ROOT;
        for (String part : field.split("\\.")) {
            int bracket = part.indexOf('[');
            path = path.member(bracket < 0 ? part : part.substring(0, bracket));
            if (bracket >= 0) {
                path = path.element(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
            }
        }
        JsonObject mutated = (JsonObject) JsonMutations.replace(p.toJson(), JsonMutations.ROOT, path, v -> value);
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                () -> p.type().parsePayload(p.schema(), mutated));
        assertThat(e).as("accepted %s = %s", field, value).isNotNull();
        assertThat(e.getMessage()).contains(fragment);
        assertThat(e.path()).startsWith("$." + field.replaceAll("\\[.*", ""));
    }
}
