package org.oversight.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonNull;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonString;
import org.oversight.domain.json.JsonValue;

/**
 * The retrospective-search types (docs/format.md §4.10) and the optional policy member
 * {@code searchAuthorisationMs} (§4.4): placement, the (type, schema) dispatch, invalid values
 * named with path and value, and a structural fuzz of the five parsers (accept and re-encode the
 * same bytes, or throw {@link InvalidEventException} naming a path under {@code $}). Missing,
 * mistyped and unknown members of every type are PayloadValidationTest's; the envelope fuzz of
 * every type is SignedEventFuzzTest's.
 */
class SearchPayloadsTest {
    private static final List<EventPayload> SEARCH = List.of(EventFixtures.retrospectiveSearchRequested(),
            EventFixtures.retrospectiveSearchPerformed(), EventFixtures.retrospectiveSearchAuthorized(),
            EventFixtures.retrospectiveSearchDestroyed());

    @Test
    void aSearchStreamHoldsRequestedThenPerformedThenOneOfAuthorizedOrDestroyed() {
        assertThat(SEARCH).extracting(p -> p.type().placement()).containsExactly(SeqPlacement.FIRST,
                SeqPlacement.SECOND, SeqPlacement.THIRD, SeqPlacement.THIRD);
        assertThat(SEARCH).allSatisfy(p -> {
            assertThat(p.type().streamKind()).isEqualTo(StreamKind.SEARCH);
            assertThat(p.stream().text()).isEqualTo("search/s-000001");
            assertThat(p.type().schemas()).containsExactly(1);
        });
        assertThat(SeqPlacement.THIRD.allows(2)).isTrue();
        assertThat(SeqPlacement.THIRD.allows(1)).isFalse();
        assertThat(SeqPlacement.THIRD.allows(3)).isFalse();
        assertThat(SeqPlacement.THIRD.describe()).isEqualTo("seq 2");
    }

    @Test
    void aSearchEventAtSeq3IsRefusedBySignerAndParser() {
        EventPayload p = EventFixtures.retrospectiveSearchAuthorized();
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> EventSigner.sign("ev-1", 3,
                java.util.Optional.of(EventHash.ofLeafBytes(new byte[] {1})), EventFixtures.time(
                        "2026-11-27T09:30:01.000Z"), p, EventFixtures.key(EventFixtures.AUTHORITY_SEED))))
                .hasMessageContaining("may stand only at seq 2, found 3");
        JsonObject atSeq2 = EventFixtures.signed(p, EventFixtures.AUTHORITY_SEED).toJson();
        JsonObject atSeq3 = (JsonObject) JsonMutations.replace(atSeq2, JsonMutations.ROOT,
                JsonMutations.ROOT.member("header").member("seq"), v -> JsonNumber.of(3));
        InvalidEventException ex = catchThrowableOfType(InvalidEventException.class,
                () -> SignedEvent.parse(CanonicalJson.encode(atSeq3)));
        assertThat(ex).as("seq 3 accepted").isNotNull();
        assertThat(ex.path()).isEqualTo("$.header.seq");
        assertThat(ex.getMessage()).contains("seq 2");
    }

    @Test
    void schema2PolicyWithoutTheOptionalMemberMeans48Hours() throws InvalidEventException {
        RecognitionPolicySet absent = EventFixtures.recognitionPolicySetV2();
        RecognitionPolicySet parsed = (RecognitionPolicySet) EventType.RECOGNITION_POLICY_SET.parsePayload(2,
                absent.toJson());
        assertThat(parsed.retention().orElseThrow().searchAuthorisationMs()).isEmpty();
        assertThat(parsed.searchAuthorisationWindowMs()).isEqualTo(172_800_000L);
        assertThat(parsed.toJson().has("searchAuthorisationMs")).isFalse();
        assertThat(EventFixtures.recognitionPolicySet().searchAuthorisationWindowMs()).isEqualTo(172_800_000L);
    }

    @Test
    void aPresentMemberIsKeptAsGivenEvenAtTheDefault() throws InvalidEventException {
        RecognitionPolicySet present = EventFixtures.recognitionPolicySetV2WithSearchWindow();
        RecognitionPolicySet parsed = (RecognitionPolicySet) EventType.RECOGNITION_POLICY_SET.parsePayload(2,
                present.toJson());
        assertThat(parsed).isEqualTo(present);
        assertThat(parsed.searchAuthorisationWindowMs()).isEqualTo(3_600_000L);
        RecognitionPolicySet atDefault = EventFixtures.recognitionPolicySet().withRetention(
                new RetentionTerms(183, 90, 300_000).withSearchAuthorisationMs(172_800_000L));
        JsonObject json = atDefault.toJson();
        assertThat(json.get("searchAuthorisationMs")).contains(JsonNumber.of(172_800_000L));
        RecognitionPolicySet reparsed = (RecognitionPolicySet) EventType.RECOGNITION_POLICY_SET.parsePayload(2, json);
        assertThat(reparsed.retention().orElseThrow().searchAuthorisationMs()).isEqualTo(OptionalLong.of(172_800_000L));
        assertThat(reparsed).isNotEqualTo(EventFixtures.recognitionPolicySetV2());
        assertThat(CanonicalJson.encode(reparsed.toJson())).isEqualTo(CanonicalJson.encode(json));
    }

    @Test
    void theOptionalMemberIsUnknownToSchema1() {
        JsonObject.Builder b = JsonObject.builder();
        EventFixtures.recognitionPolicySet().toJson().forEach(b::put);
        JsonObject v1 = b.put("searchAuthorisationMs", 3_600_000).build();
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                () -> EventType.RECOGNITION_POLICY_SET.parsePayload(1, v1));
        assertThat(e.path()).isEqualTo("$.searchAuthorisationMs");
        assertThat(e.getMessage()).contains("unexpected member");
    }

    private static JsonObject hit(long leafIndex, long score) {
        return new SearchHit(new DetectionRef(EventHash.ofLeafBytes(new byte[] {(byte) leafIndex}), leafIndex), score)
                .toJson();
    }

    static Stream<Arguments> invalidValues() {
        EventPayload requested = EventFixtures.retrospectiveSearchRequested();
        EventPayload performed = EventFixtures.retrospectiveSearchPerformed();
        return Stream.of(
                Arguments.of(EventFixtures.recognitionPolicySetV2WithSearchWindow(), "searchAuthorisationMs",
                        JsonNumber.of(0), "not in 1..172800000"),
                Arguments.of(EventFixtures.recognitionPolicySetV2WithSearchWindow(), "searchAuthorisationMs",
                        JsonNumber.of(172_800_001L), "not in 1..172800000"),
                Arguments.of(EventFixtures.recognitionPolicySetV2WithSearchWindow(), "searchAuthorisationMs",
                        JsonString.of("1h"), "searchAuthorisationMs"),
                Arguments.of(requested, "captureUntil", JsonString.of("2026-11-27T09:00:00.000Z"),
                        "not after captureFrom 2026-11-27T09:00:00.000Z"),
                Arguments.of(requested, "entry", JsonString.of("wl 1"), "not an identifier"),
                Arguments.of(requested, "caseRef", JsonString.of("x".repeat(257)), "text length 257"),
                Arguments.of(requested, "reason", JsonString.of(""), "text length 0"),
                Arguments.of(requested, "search", JsonString.of("s/1"), "not an identifier"),
                Arguments.of(performed, "searched", JsonNumber.of(-1), "not in"),
                Arguments.of(performed, "hits", JsonArray.of(hit(5, 1), hit(4, 1)), "not after the previous leafIndex 5"),
                Arguments.of(performed, "hits", JsonArray.of(hit(5, 1), hit(5, 2)), "not after the previous leafIndex 5"),
                Arguments.of(performed, "modelId", JsonString.of("a model"), "not a model id"),
                Arguments.of(performed, "engineVersion", JsonString.of(""), "not 1-128 chars"),
                Arguments.of(performed, "threshold", JsonString.of("5200"), "threshold"),
                Arguments.of(EventFixtures.retrospectiveSearchAuthorized(), "authorisationRef",
                        JsonString.of("a\u0001b"), "control character"),
                Arguments.of(EventFixtures.retrospectiveSearchDestroyed(), "reason", JsonString.of(""), "text length 0"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidValues")
    void invalidValueIsRejectedNamingFieldAndValue(EventPayload p, String field, JsonValue value, String fragment) {
        JsonObject.Builder b = JsonObject.builder();
        p.toJson().forEach((name, v) -> b.put(name, name.equals(field) ? value : v));
        JsonObject mutated = b.build();
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                () -> p.type().parsePayload(p.schema(), mutated));
        assertThat(e).as("accepted %s = %s", field, value).isNotNull();
        assertThat(e.getMessage()).contains(fragment);
        assertThat(e.path()).startsWith("$." + field);
    }

    @Test
    void tooManyHitsAreRejected() {
        JsonArray.Builder hits = JsonArray.builder();
        for (int i = 0; i <= RetrospectiveSearchPerformed.MAX_HITS; i++) {
            hits.add(hit(i, 1));
        }
        JsonObject.Builder b = JsonObject.builder();
        EventFixtures.retrospectiveSearchPerformed().toJson().forEach((n, v) -> b.put(n, n.equals("hits") ? hits.build() : v));
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                () -> EventType.RETROSPECTIVE_SEARCH_PERFORMED.parsePayload(b.build()));
        assertThat(e.path()).isEqualTo("$.hits");
        assertThat(e.getMessage()).contains("4097");
    }

    @Test
    void aSearchWithNoHitsIsValid() throws InvalidEventException {
        RetrospectiveSearchPerformed none = new RetrospectiveSearchPerformed("s-2", 0, List.of(), 5200,
                "face-api/face_recognition_model@1.7.15", "oversight-engine/0.1.0");
        assertThat(EventType.RETROSPECTIVE_SEARCH_PERFORMED.parsePayload(none.toJson())).isEqualTo(none);
    }

    private static final List<EventPayload> FUZZED = Stream.concat(SEARCH.stream(),
            Stream.of(EventFixtures.recognitionPolicySetV2WithSearchWindow())).toList();

    @Test
    void structuralMutationsOfValidPayloads() {
        qt().withExamples(1000).withFixedSeed(0x5ea7_0001L)
                .forAll(integers().between(0, FUZZED.size() - 1), integers().between(0, Integer.MAX_VALUE),
                        SignedEventFuzzTest.jsonValues())
                .checkAssert((which, choice, replacement) -> {
                    EventPayload p = FUZZED.get(which);
                    JsonObject json = p.toJson();
                    List<JsonMutations.Path> paths = JsonMutations.paths(json, JsonMutations.ROOT);
                    JsonMutations.Path path = paths.get(Math.floorMod(choice, paths.size()));
                    JsonObject mutated = (JsonObject) JsonMutations.replace(json, JsonMutations.ROOT, path,
                            v -> path.isMember() && replacement == JsonNull.INSTANCE && choice % 3 == 0
                                    ? null : replacement);
                    try {
                        EventPayload parsed = p.type().parsePayload(p.schema(), mutated);
                        assertThat(CanonicalJson.encode(parsed.toJson())).isEqualTo(CanonicalJson.encode(mutated));
                    } catch (InvalidEventException e) {
                        assertThat(e.path()).startsWith("$");
                        assertThat(e.getMessage()).isNotBlank();
                    } catch (RuntimeException e) {
                        throw new AssertionError(p.type() + " threw " + e + " for " + mutated, e);
                    }
                });
    }
}
