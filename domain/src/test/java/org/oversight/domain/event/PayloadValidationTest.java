package org.oversight.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.oversight.domain.json.JsonBoolean;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonString;
import org.oversight.domain.json.JsonValue;

/** Every v1 payload: round trip, and every missing, mistyped, unknown or invalid field is named. */
class PayloadValidationTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void samplePayloadRoundTrips(EventType type) throws InvalidEventException {
        EventPayload p = EventFixtures.payload(type);
        EventPayload parsed = type.parsePayload(p.toJson());
        assertThat(parsed).isEqualTo(p);
        assertThat(parsed.toJson()).isEqualTo(p.toJson());
        assertThat(parsed.type()).isEqualTo(type);
        assertThat(parsed.stream().kind()).isEqualTo(type.streamKind());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyMissingMemberIsNamed(EventType type) {
        JsonObject json = EventFixtures.payload(type).toJson();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (JsonMutations.Path p : JsonMutations.paths(json, JsonMutations.ROOT)) {
            if (!p.isMember()) {
                continue;
            }
            checked++;
            JsonObject mutated = (JsonObject) JsonMutations.replace(json, JsonMutations.ROOT, p, v -> null);
            expectPath(type, mutated, p.text(), "missing", failures);
        }
        assertThat(checked).isGreaterThan(1);
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyMistypedValueIsNamed(EventType type) {
        JsonObject json = EventFixtures.payload(type).toJson();
        List<String> failures = new ArrayList<>();
        for (JsonMutations.Path p : JsonMutations.paths(json, JsonMutations.ROOT)) {
            JsonValue original = JsonMutations.get(json, JsonMutations.ROOT, p);
            JsonValue wrong = original instanceof JsonString ? JsonNumber.of(7) : JsonString.of("x");
            JsonObject mutated = (JsonObject) JsonMutations.replace(json, JsonMutations.ROOT, p, v -> wrong);
            expectPath(type, mutated, p.text(), null, failures);
            JsonObject boolMutated = (JsonObject) JsonMutations.replace(json, JsonMutations.ROOT, p, v -> JsonBoolean.TRUE);
            expectPath(type, boolMutated, p.text(), null, failures);
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void unknownMemberInAnyObjectIsNamed(EventType type) {
        JsonObject json = EventFixtures.payload(type).toJson();
        List<String> failures = new ArrayList<>();
        for (JsonMutations.Path p : JsonMutations.objectPaths(json, JsonMutations.ROOT)) {
            JsonObject mutated = (JsonObject) JsonMutations.replace(json, JsonMutations.ROOT, p, v -> {
                JsonObject.Builder b = JsonObject.builder();
                ((JsonObject) v).forEach(b::put);
                return b.put("zExtra", 1).build();
            });
            expectPath(type, mutated, p.member("zExtra").text(), "unexpected member", failures);
        }
        assertThat(failures).isEmpty();
    }

    private static void expectPath(EventType type, JsonObject mutated, String path, String fragment,
            List<String> failures) {
        try {
            type.parsePayload(mutated);
            failures.add(path + ": accepted " + mutated);
        } catch (InvalidEventException e) {
            if (!e.path().equals(path)) {
                failures.add(path + ": exception names " + e.path() + ": " + e.getMessage());
            } else if (fragment != null && !e.getMessage().contains(fragment)) {
                failures.add(path + ": message lacks '" + fragment + "': " + e.getMessage());
            }
        }
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                bad(EventType.AUTHORITY_DECLARED, "principal", JsonString.of("has space"), "not an identifier"),
                bad(EventType.AUTHORITY_DECLARED, "principal", JsonString.of("x".repeat(129)), "not an identifier"),
                bad(EventType.AUTHORITY_DECLARED, "name", JsonString.of(""), "text length 0"),
                bad(EventType.AUTHORITY_DECLARED, "name", JsonString.of("a\u0007b"), "control character"),
                bad(EventType.AUTHORITY_DECLARED, "publicKey", JsonString.of("ed25519:AAAA"), "not an Ed25519 public key"),
                bad(EventType.AUTHORITY_DECLARED, "publicKey", JsonString.of("ed25519:" + "A".repeat(43) + "="),
                        "not an Ed25519 public key"),
                bad(EventType.KEY_ENROLLED, "role", JsonString.of("camera"), "registered by CameraRegistered"),
                bad(EventType.KEY_ENROLLED, "role", JsonString.of("admin"), "unknown role"),
                bad(EventType.KEY_REVOKED, "keyId", JsonString.of("ABCDEF0123456789abcdef0123456789"), "not a key id"),
                bad(EventType.KEY_REVOKED, "keyId", JsonString.of("abcd"), "not a key id"),
                bad(EventType.KEY_REVOKED, "reason", JsonString.of("x".repeat(1025)), "text length 1025"),
                bad(EventType.RECOGNITION_POLICY_SET, "threshold", JsonNumber.of(9217), "above maxThreshold 9216"),
                bad(EventType.RECOGNITION_POLICY_SET, "reviewersRequired", JsonNumber.of(0), "not in 1..16"),
                bad(EventType.RECOGNITION_POLICY_SET, "retentionDays", JsonNumber.of(-1), "not in 0..36500"),
                bad(EventType.RECOGNITION_POLICY_SET, "templateFormat", JsonNumber.of(0), "not in 1..65535"),
                bad(EventType.RECOGNITION_POLICY_SET, "modelId", JsonString.of("model id"), "not a model id"),
                bad(EventType.RECOGNITION_POLICY_SET, "accuracy.fpirPpm", JsonNumber.of(1_000_001), "not in [0, 1000000]"),
                bad(EventType.RECOGNITION_POLICY_SET, "accuracy.documentDigest", JsonString.of("AB".repeat(32)),
                        "not a lowercase hex digit"),
                bad(EventType.CAMERA_REGISTERED, "location.latitudeE7", JsonNumber.of(900_000_001), "not in"),
                bad(EventType.CAMERA_REGISTERED, "camera", JsonString.of("cam/1"), "not an identifier"),
                bad(EventType.CAMERA_REGISTERED, "legalBasis", JsonString.of(""), "text length 0"),
                bad(EventType.WATCHLIST_ENTRY_AUTHORIZED, "validUntil", JsonString.of("2026-11-01T00:00:00.000Z"),
                        "not after validFrom"),
                bad(EventType.WATCHLIST_ENTRY_AUTHORIZED, "validFrom", JsonString.of("2026-11-01T00:00:00Z"),
                        "not a timestamp"),
                bad(EventType.WATCHLIST_ENTRY_AUTHORIZED, "validFrom", JsonString.of("2026-02-30T00:00:00.000Z"),
                        "not a valid calendar date"),
                bad(EventType.WATCHLIST_ENTRY_AUTHORIZED, "category", JsonString.of("Wanted"), "not a token"),
                bad(EventType.WATCHLIST_ENTRY_AUTHORIZED, "templates[0].data", JsonString.of("AAE"),
                        "not canonical padded base64"),
                bad(EventType.WATCHLIST_ENTRY_AUTHORIZED, "templates[0].data", JsonString.of("AAF="),
                        "not canonical padded base64"),
                bad(EventType.WATCHLIST_ENTRY_AUTHORIZED, "templates[0].data", JsonString.of(""), "decoded length 0"),
                bad(EventType.WATCHLIST_ENTRY_AUTHORIZED, "templates[0].format", JsonNumber.of(65536), "not in"),
                bad(EventType.WATCHLIST_ENTRY_AUTHORIZED, "sourceImageDigest", JsonString.of("00"), "not 64"),
                bad(EventType.FACE_DETECTED, "quality", JsonNumber.of(1001), "not in"),
                bad(EventType.FACE_DETECTED, "faceBox.width", JsonNumber.of(0), "not in"),
                bad(EventType.FACE_DETECTED, "landmarks[67][0]", JsonNumber.of(1L << 31), "not in"),
                bad(EventType.FACE_DETECTED, "captureTime", JsonString.of("2026-11-27T09:30:60.000Z"),
                        "not a valid calendar date"),
                bad(EventType.MATCH_PROPOSED, "watchlistSnapshot.size", JsonNumber.of(0), "not in"),
                bad(EventType.MATCH_PROPOSED, "detection.leafIndex", JsonNumber.of(-1), "not in"),
                bad(EventType.MATCH_PROPOSED, "detection.eventHash", JsonString.of("g".repeat(64)),
                        "not a lowercase hex digit"),
                bad(EventType.MATCH_PROPOSED, "engineVersion", JsonString.of("v 1"), "not 1-128 chars"),
                bad(EventType.MATCH_REVIEWED, "verdict", JsonString.of("CONFIRM"), "not one of confirm"),
                bad(EventType.MATCH_REVIEWED, "rationale", JsonString.of("\u0085"), "control character"),
                bad(EventType.MATCH_ACTIONED, "action", JsonString.of("-x"), "not a token"),
                bad(EventType.MATCH_ACTIONED, "reference", JsonString.of("r".repeat(257)), "text length 257"));
    }

    private static Arguments bad(EventType type, String field, JsonValue value, String fragment) {
        return Arguments.of(type, field, value, fragment);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidValues")
    void invalidValueIsRejectedNamingFieldAndValue(EventType type, String field, JsonValue value, String fragment) {
        JsonObject json = EventFixtures.payload(type).toJson();
        JsonMutations.Path path = JsonMutations.ROOT;
        for (String part : field.split("\\.")) {
            int bracket = part.indexOf('[');
            path = path.member(bracket < 0 ? part : part.substring(0, bracket));
            if (bracket >= 0) {
                for (String idx : part.substring(bracket + 1, part.length() - 1).split("\\]\\[")) {
                    path = path.element(Integer.parseInt(idx));
                }
            }
        }
        JsonObject mutated = (JsonObject) JsonMutations.replace(json, JsonMutations.ROOT, path, v -> value);
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class, () -> type.parsePayload(mutated));
        assertThat(e).as("accepted %s = %s", field, value).isNotNull();
        assertThat(e.path()).isEqualTo("$." + field);
        assertThat(e.getMessage()).contains(fragment).contains("$." + field);
        String shown = value instanceof JsonString s ? s.value() : value.toString();
        assertThat(e.getMessage()).contains(shown.length() > 40 ? shown.substring(0, 40) : shown);
    }

    @Test
    void constructorsRejectInvalidValuesUnchecked() {
        assertThatThrownBy(() -> new MatchReviewed("m 1", Verdict.CONFIRM, "ok"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.match")
                .hasCauseInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> new RecognitionPolicySet("m", 1, 3, 2, 2, 0, EventFixtures.recognitionPolicySet().accuracy()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("above maxThreshold 2");
        assertThatThrownBy(() -> Template.of(new byte[0], 1, "m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Landmarks.of(new int[135])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaceBox(0, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void landmarksMustBeSixtyEightPairs() {
        JsonObject json = EventFixtures.faceDetected().toJson();
        JsonMutations.Path lm = JsonMutations.ROOT.member("landmarks");
        JsonObject shorter = (JsonObject) JsonMutations.replace(json, JsonMutations.ROOT, lm,
                v -> org.oversight.domain.json.JsonArray.of(((org.oversight.domain.json.JsonArray) v).elements().subList(0, 67)));
        assertThatThrownBy(() -> FaceDetected.fromJson(shorter))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("$.landmarks")
                .hasMessageContaining("exactly 68");
        JsonObject triple = (JsonObject) JsonMutations.replace(json, JsonMutations.ROOT, lm.element(5),
                v -> org.oversight.domain.json.JsonArray.ofLongs(1, 2, 3));
        assertThatThrownBy(() -> FaceDetected.fromJson(triple))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("$.landmarks[5]");
    }

    @Test
    void textCountsCodePointsAndRejectsLoneSurrogates() throws InvalidEventException {
        String emoji = "\uD83D\uDE00".repeat(256);
        assertThat(Values.text("$.t", emoji, 256)).isEqualTo(emoji);
        assertThatThrownBy(() -> Values.text("$.t", emoji + "x", 256)).hasMessageContaining("text length 257");
    }

    @Test
    void timestampsHaveOneForm() throws InvalidEventException {
        Timestamp t = Timestamp.parse("$", "2024-02-29T23:59:59.999Z");
        assertThat(t.text()).isEqualTo("2024-02-29T23:59:59.999Z");
        assertThat(Timestamp.ofEpochMillis(0).text()).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Timestamp.ofEpochMillis(t.epochMillis())).isEqualTo(t);
        for (String bad : List.of("2023-02-29T00:00:00.000Z", "2024-01-01T00:00:00.000+00:00", "2024-01-01t00:00:00.000Z",
                "2024-01-01T24:00:00.000Z", "2024-01-01T00:00:00.0000Z", "0000-01-01T00:00:00.000Z", " 2024-01-01T00:00:00.000Z")) {
            assertThatThrownBy(() -> Timestamp.parse("$.time", bad)).as(bad)
                    .isInstanceOf(InvalidEventException.class).hasMessageContaining("$.time");
        }
    }
}
