package org.oversight.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.SignatureDomain;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonNull;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonString;
import org.oversight.domain.json.JsonValue;

/** The signed envelope: round trip, canonical form, unknown fields, header rules, signatures. */
class SignedEventTest {
    private static final Ed25519PrivateKey CAMERA_OFFICER = EventFixtures.key(EventFixtures.OFFICER_SEED);

    private static SignedEvent sample() {
        return EventSigner.sign("ev-1", 0, Optional.empty(), EventFixtures.time("2026-11-27T09:00:00.000Z"),
                EventFixtures.cameraRegistered(), CAMERA_OFFICER);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeRoundTripsThroughBytesAndVerifies(EventType type) throws Exception {
        SignedEvent e = EventFixtures.signed(EventFixtures.payload(type), EventFixtures.OFFICER_SEED);
        SignedEvent parsed = SignedEvent.parse(e.leafBytes());
        assertThat(parsed).isEqualTo(e);
        assertThat(parsed.header()).isEqualTo(e.header());
        assertThat(parsed.payload()).isEqualTo(e.payload());
        assertThat(parsed.signature()).isEqualTo(e.signature());
        assertThat(parsed.leafBytes()).isEqualTo(e.leafBytes());
        assertThat(parsed.eventHash()).isEqualTo(e.eventHash());
        assertThat(CanonicalJson.encode(parsed.toJson())).isEqualTo(e.leafBytes());
        EventVerifier.verify(parsed, CAMERA_OFFICER.publicKey());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void unsignedBytesCutFromLeafEqualCanonicalEncodingWithoutSig(EventType type) {
        SignedEvent e = EventFixtures.signed(EventFixtures.payload(type), EventFixtures.ENGINE_SEED);
        JsonObject.Builder b = JsonObject.builder();
        e.toJson().forEach((name, value) -> {
            if (!name.equals("sig")) {
                b.put(name, value);
            }
        });
        assertThat(e.unsignedBytes()).isEqualTo(CanonicalJson.encode(b.build()));
        assertThat(e.signingInput()).isEqualTo(SignatureDomain.EVENT_V1.frame(e.unsignedBytes()));
    }

    @Test
    void eventHashIsRfc9162LeafHashOfLeafBytes() {
        SignedEvent e = sample();
        byte[] leaf = e.leafBytes();
        byte[] prefixed = new byte[leaf.length + 1];
        System.arraycopy(leaf, 0, prefixed, 1, leaf.length);
        assertThat(e.eventHash().toByteArray())
                .isEqualTo(org.oversight.domain.crypto.Sha256Digest.hash(prefixed).toByteArray());
    }

    @Test
    void signingIsDeterministic() {
        assertThat(sample().leafBytes()).isEqualTo(sample().leafBytes());
    }

    @Test
    void nonCanonicalBytesAreRejected() {
        String text = new String(sample().leafBytes(), StandardCharsets.UTF_8);
        for (String variant : new String[] {
            text + "\n",
            " " + text,
            text.replace("{\"header\":", "{ \"header\":"),
            text.replace("\"seq\":0", "\"seq\":0.0"),
            text.replace("\"v\":1}", "\"v\":1e0}"),
            "{\"v\":1," + text.substring(1, text.length() - ",\"v\":1}".length()) + "}",
            text.replace("cam-0042", "cam-\\u0030042"),
        }) {
            InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                    () -> SignedEvent.parse(variant.getBytes(StandardCharsets.UTF_8)));
            assertThat(e).as(variant).isNotNull();
            assertThat(e.path()).isEqualTo("$");
        }
    }

    @Test
    void envelopeMustBeAnObjectOfBoundedSize() {
        assertThatThrownBy(() -> SignedEvent.parse("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> SignedEvent.parse(new byte[SignedEvent.MAX_BYTES + 1]))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("longer than");
    }

    /** Re-encodes the sample envelope with one change (the signature no longer matters: parsing comes first). */
    private static byte[] mutate(String path, UnaryOperator<JsonValue> f) {
        JsonMutations.Path p = JsonMutations.ROOT;
        for (String part : path.split("\\.")) {
            p = p.member(part);
        }
        return CanonicalJson.encode(JsonMutations.replace(sample().toJson(), JsonMutations.ROOT, p, f));
    }

    private static void assertRejected(byte[] bytes, String path, String fragment) {
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class, () -> SignedEvent.parse(bytes));
        assertThat(e).as("accepted %s", new String(bytes, StandardCharsets.UTF_8)).isNotNull();
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.getMessage()).contains(fragment);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "header.", "payload.", "payload.location."})
    void unknownFieldsAnywhereAreRejected(String at) {
        String container = at.isEmpty() ? null : at.substring(0, at.length() - 1);
        byte[] bytes = container == null
                ? CanonicalJson.encode(with(sample().toJson(), "extra"))
                : mutate(container, v -> with((JsonObject) v, "extra"));
        assertRejected(bytes, "$." + at + "extra", "unexpected member");
    }

    private static JsonObject with(JsonObject o, String name) {
        JsonObject.Builder b = JsonObject.builder();
        o.forEach(b::put);
        return b.put(name, true).build();
    }

    @Test
    void everyEnvelopeAndHeaderMemberIsRequired() {
        for (String name : new String[] {"header", "payload", "sig", "v"}) {
            assertRejected(mutate(name, v -> null), "$." + name, "missing");
        }
        for (String name : new String[] {"eventId", "type", "schema", "stream", "seq", "prev", "time", "signer"}) {
            assertRejected(mutate("header." + name, v -> null), "$.header." + name, "missing");
        }
    }

    @Test
    void headerValuesAreValidated() {
        assertRejected(mutate("v", v -> JsonNumber.of(2)), "$.v", "not in [1, 1]");
        assertRejected(mutate("header.eventId", v -> JsonString.of("a b")), "$.header.eventId", "not an identifier");
        assertRejected(mutate("header.eventId", v -> JsonString.of("")), "$.header.eventId", "not an identifier");
        assertRejected(mutate("header.type", v -> JsonString.of("CameraMoved")), "$.header.type", "not an event type");
        assertRejected(mutate("header.schema", v -> JsonNumber.of(2)), "$.header.schema", "must be 1");
        assertRejected(mutate("header.schema", v -> JsonNumber.of(0)), "$.header.schema", "not in");
        assertRejected(mutate("header.stream", v -> JsonString.of("camera")), "$.header.stream", "no '/'");
        assertRejected(mutate("header.stream", v -> JsonString.of("cameras/cam-0042")), "$.header.stream",
                "unknown stream kind");
        assertRejected(mutate("header.stream", v -> JsonString.of("match/cam-0042")), "$.header.stream",
                "belongs in a camera/ stream");
        assertRejected(mutate("header.stream", v -> JsonString.of("camera/cam-0043")), "$.header.stream",
                "payload names stream camera/cam-0042");
        assertRejected(mutate("header.seq", v -> JsonNumber.of(-1)), "$.header.seq", "not in");
        assertRejected(mutate("header.time", v -> JsonString.of("2026-11-27T09:00:00Z")), "$.header.time",
                "not a timestamp");
        assertRejected(mutate("header.signer", v -> JsonString.of("00")), "$.header.signer", "not a key id");
        assertRejected(mutate("sig", v -> JsonString.of("AAAA")), "$.sig", "not a base64 Ed25519 signature");
    }

    @Test
    void prevIsNullExactlyAtSeqZeroAndTypesStandWhereAllowed() {
        String hash = "ab".repeat(32);
        assertRejected(mutate("header.prev", v -> JsonString.of(hash)), "$.header.prev", "must be null at seq 0");
        // CameraRegistered opens its stream: seq 1 is not allowed, whatever prev says.
        assertRejected(mutate("header.seq", v -> JsonNumber.of(1)), "$.header.seq", "only at seq 0");
        SignedEvent decommission = EventFixtures.signed(EventFixtures.cameraDecommissioned(), EventFixtures.OFFICER_SEED);
        byte[] nullPrev = CanonicalJson.encode(JsonMutations.replace(decommission.toJson(), JsonMutations.ROOT,
                JsonMutations.ROOT.member("header").member("prev"), v -> JsonNull.INSTANCE));
        assertRejected(nullPrev, "$.header.prev", "must be the previous event's hash at seq 1");
        byte[] seq0 = CanonicalJson.encode(JsonMutations.replace(decommission.toJson(), JsonMutations.ROOT,
                JsonMutations.ROOT.member("header").member("seq"), v -> JsonNumber.of(0)));
        assertRejected(seq0, "$.header.seq", "only at seq >= 1");
        byte[] badPrev = CanonicalJson.encode(JsonMutations.replace(decommission.toJson(), JsonMutations.ROOT,
                JsonMutations.ROOT.member("header").member("prev"), v -> JsonString.of("AB".repeat(32))));
        assertRejected(badPrev, "$.header.prev", "not a lowercase hex digit");
    }

    @Test
    void thePolicyPayloadHasNoIdAndItsStreamIsFixed() throws Exception {
        // format.md §3.2/§4.2: RecognitionPolicySet carries no stream id; its stream is policy/recognition.
        SignedEvent policy = EventFixtures.signed(EventFixtures.recognitionPolicySet(), EventFixtures.AUTHORITY_SEED);
        assertThat(policy.stream().text()).isEqualTo("policy/recognition");
        assertThat(policy.toJson().requireObject("payload").names())
                .doesNotContain("principal", "camera", "entry", "match", "policy", "stream");
        byte[] otherPolicy = CanonicalJson.encode(JsonMutations.replace(policy.toJson(), JsonMutations.ROOT,
                JsonMutations.ROOT.member("header").member("stream"), v -> JsonString.of("policy/other")));
        assertRejected(otherPolicy, "$.header.stream", "the only policy stream is policy/recognition");
    }

    @Test
    void payloadErrorsCarryTheirEnvelopePath() {
        assertRejected(mutate("payload.location.latitudeE7", v -> JsonString.of("22.3")),
                "$.payload.location.latitudeE7", "expected an integer");
    }

    @Test
    void signerRejectsInconsistentHeaders() {
        Ed25519PrivateKey other = EventFixtures.key(EventFixtures.ENGINE_SEED);
        EventHeader header = sample().header();
        assertThatThrownBy(() -> EventSigner.sign(header, EventFixtures.cameraRegistered(), other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header signer");
        assertThatThrownBy(() -> EventSigner.sign(header, EventFixtures.cameraDecommissioned(), CAMERA_OFFICER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header type");
        assertThatThrownBy(() -> EventSigner.sign("ev", 1, Optional.empty(), EventFixtures.time("2026-11-27T09:00:00.000Z"),
                EventFixtures.cameraDecommissioned(), CAMERA_OFFICER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.header.prev");
    }

    @Test
    void signatureChecksKeyAndContent() throws Exception {
        SignedEvent e = sample();
        assertThatCode(() -> EventVerifier.verify(e, CAMERA_OFFICER.publicKey())).doesNotThrowAnyException();
        Ed25519PrivateKey other = EventFixtures.key(EventFixtures.ENGINE_SEED);
        assertThatThrownBy(() -> EventVerifier.verify(e, other.publicKey()))
                .isInstanceOf(EventSignatureException.class).hasMessageContaining("header names signer");
        // A parsed event whose payload was altered after signing: same key id, signature fails.
        byte[] tampered = mutate("payload.purpose", v -> JsonString.of("anything at all"));
        SignedEvent parsed = SignedEvent.parse(tampered);
        EventSignatureException ex = catchThrowableOfType(EventSignatureException.class,
                () -> EventVerifier.verify(parsed, CAMERA_OFFICER.publicKey()));
        assertThat(ex).isNotNull();
        assertThat(ex.getMessage()).contains("ev-1").contains(CAMERA_OFFICER.publicKey().keyId().hex());
        assertThat(ex.keyId()).isEqualTo(CAMERA_OFFICER.publicKey().keyId());
    }

    @Test
    void largestWatchlistEntryFitsTheEnvelopeLimit() throws Exception {
        WatchlistEntryAuthorized base = EventFixtures.watchlistEntryAuthorized();
        java.util.List<Template> templates = java.util.Collections.nCopies(WatchlistEntryAuthorized.MAX_TEMPLATES,
                Template.of(new byte[Template.MAX_BYTES], 1, "m"));
        WatchlistEntryAuthorized big = new WatchlistEntryAuthorized(base.entry(), base.subject(), base.category(),
                base.authorisationRef(), base.authorisedBy(), base.validFrom(), base.validUntil(), templates,
                base.sourceImageDigest());
        SignedEvent e = EventFixtures.signed(big, EventFixtures.OFFICER_SEED);
        assertThat(e.leafLength()).isLessThan(SignedEvent.MAX_BYTES);
        assertThat(SignedEvent.parse(e.leafBytes())).isEqualTo(e);
    }

    @Test
    void deepNestingIsRejectedBeforeFieldValidation() {
        byte[] deep = mutate("payload.purpose", v -> {
            JsonValue x = JsonNumber.of(1);
            for (int i = 0; i < 8; i++) {
                x = org.oversight.domain.json.JsonArray.of(x);
            }
            return x;
        });
        assertRejected(deep, "$", "not canonical JSON");
    }
}
