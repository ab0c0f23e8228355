package org.oversight.ledger.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.CameraDecommissioned;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonException;

/**
 * The console's canonical.js (run by node, the same ECMAScript and WebCrypto the browser has)
 * against the Java implementation: canonical JSON of the §1.4 worked example and of 400 random
 * values (strings with controls, escapes, non-BMP characters and the UTF-16 ordering traps;
 * integers at ±(2^53−1)), refusals of what §1.1 excludes, and signed envelopes (signing input,
 * leaf bytes, event hash, key id, public key text) byte for byte. The browser end-to-end test
 * ({@code ConsoleBrowserTest}) checks the same module in Chromium.
 */
class ConsoleJsConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path CANONICAL_JS = Path.of("src/main/resources/static/console/canonical.js");
    private static final int[] POOL = {'a', 'b', 'A', 'z', '0', ' ', '"', '\\', '/', 0x00, 0x08, 0x09, 0x0a, 0x0c,
        0x0d, 0x1f, 0x7f, 0xe9, 0x20ac, 0x2028, 0x2029, 0xfb33, 0xffff, 0x1f600, 0x10ffff, 0x05d3};

    @Test
    void canonicalJsonAndSignedEnvelopesAreByteIdenticalToJava() throws Exception {
        Path node = ExternalTools.require("ConsoleJsConformanceTest", ExternalTools.find("node"), "node (Debian nodejs)");
        List<String> values = new ArrayList<>();
        values.add("""
                {
                  "type": "Example",
                  "seq": 42,
                  "min": -9007199254740991,
                  "flags": [true, false, null],
                  "name": "Zo\\u00eb \\u20ac \\ud83d\\ude00",
                  "text": "tab\\there \\"q\\" back\\\\slash \\/ \\u001F",
                  "bytes": "AAECAw==",
                  "order": {"b": [], "a": {}, "\\u00e9": 1, "\\ufb33": 2, "\\ud83d\\ude00": 3, "A": 0}
                }""");
        Random random = new Random(20261206);
        for (int i = 0; i < 400; i++) {
            values.add(JSON.writeValueAsString(randomValue(random, 0)));
        }
        List<String> refused = List.of("\"\\ud800\"", "[\"a\\udc00\"]", "1.5", "9007199254740992",
                "-9007199254740992");
        values.add("{\"a\":-0}"); // canonicalised as 0 by both
        values.addAll(refused);

        List<SignedEvent> events = new ArrayList<>();
        List<Ed25519PrivateKey> keys = new ArrayList<>();
        Ed25519PrivateKey officer = EventFixtures.key(2);
        SignedEvent registered = EventSigner.sign("ev-cam-0042-0", 0, Optional.empty(),
                EventFixtures.time("2026-11-27T09:00:00.000Z"), EventFixtures.cameraRegistered(), officer);
        add(events, keys, registered, officer);
        add(events, keys, EventSigner.sign("ev-cam-0042-1", 1, Optional.of(registered.eventHash()),
                EventFixtures.time("2026-11-27T17:45:10.250Z"), new CameraDecommissioned("cam-0042", "deployment ended"),
                officer), officer);
        Ed25519PrivateKey reviewer = EventFixtures.key(77);
        add(events, keys, EventSigner.sign("ev-review-1", 3, Optional.of(registered.eventHash()),
                EventFixtures.time("2026-12-06T16:00:00.123Z"), new MatchReviewed("m-000001", Verdict.CONFIRM,
                        "same scar \"above\" left eyebrow\nZoë 😀 דּ \\ / \u2028 end"), reviewer), reviewer);
        // A schema-2 disclosure (format.md §4.9): the header's schema 2 is signed like any member.
        add(events, keys, EventSigner.sign("ev-d-2", 0, Optional.empty(), EventFixtures.time("2026-12-06T16:01:00.000Z"),
                org.oversight.domain.event.RecordDisclosed.withEntries("d-2", List.of(new org.oversight.domain.event
                        .DetectionRef(registered.eventHash(), 41)), List.of("wl-1"),
                        org.oversight.domain.event.DisclosurePurpose.REVIEW, "review of match m-1", "Reviewer reviewer-x"),
                reviewer), reviewer);

        Map<String, Object> input = new LinkedHashMap<>();
        input.put("values", values);
        List<Map<String, Object>> eventCases = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            SignedEvent e = events.get(i);
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("eventId", e.header().eventId());
            header.put("type", e.type().wireName());
            header.put("stream", e.stream().text());
            header.put("seq", e.seq());
            header.put("prev", e.header().prev().map(h -> h.hex()).orElse(null));
            header.put("time", e.header().time().text());
            header.put("schema", e.header().schema());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("seedHex", HexFormat.of().formatHex(seedOf(i, events)));
            c.put("publicHex", HexFormat.of().formatHex(keys.get(i).publicKey().toByteArray()));
            c.put("header", header);
            c.put("payload", CanonicalJson.encodeToString(e.payload().toJson()));
            eventCases.add(c);
        }
        input.put("events", eventCases);
        Map<String, Object> records = new LinkedHashMap<>();
        records.put("text", RECORDS_EXAMPLE);
        records.put("disclosure", "c409412e3752caf6bf8cc984ac20ae3779eb4b168f39ae5d7b6904e22c800ad2");
        records.put("detection", Map.of("eventHash", "e60d4fb535c4eee556e014784b1d3e75016d1fa0947822f5f289891aab22440c",
                "leafIndex", 41));
        records.put("commitment", RECORDS_EXAMPLE_COMMITMENT);
        input.put("records", records);
        // An enrolment line (format.md §10.1, §12.7) as the vault writes it, and the entry's template digests.
        byte[] enrolmentCrop = new byte[150 * 150 * 3];
        for (int i = 0; i < enrolmentCrop.length; i++) {
            enrolmentCrop[i] = (byte) (i * 7 + 3);
        }
        org.oversight.domain.event.Template enrolled = org.oversight.domain.event.Template.of(new byte[] {1, 2, 3, 4}, 1,
                "face-api/face_recognition_model@1.7.15");
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        new org.oversight.domain.export.RecordsFileWriter(file, org.oversight.domain.event.EventHash.ofLeafBytes(
                new byte[] {1})).writeEnrolment(org.oversight.domain.seal.EnrolmentRecord.of("wl-1", List.of(
                        new org.oversight.domain.seal.EnrolmentRecord.Crop(enrolmentCrop, enrolled))));
        Map<String, Object> enrolment = new LinkedHashMap<>();
        enrolment.put("text", file.toString(StandardCharsets.UTF_8));
        enrolment.put("entry", "wl-1");
        enrolment.put("templateDigests", List.of(org.oversight.domain.crypto.Sha256Digest.hash(enrolled.data()).hex()));
        input.put("enrolment", enrolment);

        JsonNode out = run(node, JSON.writeValueAsBytes(input));

        for (int i = 0; i < values.size(); i++) {
            String text = values.get(i);
            JsonNode js = out.get("values").get(i);
            byte[] expected;
            try {
                expected = CanonicalJson.canonicalise(text.getBytes(StandardCharsets.UTF_8));
            } catch (JsonException e) {
                assertThat(js.has("error")).as("Java refuses %s (%s); JS must too, gave %s", text, e.getMessage(), js)
                        .isTrue();
                continue;
            }
            assertThat(js.has("hex")).as("JS refused %s: %s", text, js).isTrue();
            assertThat(js.get("hex").asText()).as(text).isEqualTo(HexFormat.of().formatHex(expected));
        }
        for (int i = values.size() - refused.size(); i < values.size(); i++) {
            assertThat(out.get("values").get(i).has("error")).as("refused: " + values.get(i)).isTrue();
        }
        // docs/format.md §1.4: the worked example's canonical bytes have this SHA-256
        assertThat(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(
                HexFormat.of().parseHex(out.get("values").get(0).get("hex").asText()))))
                .as("§1.4 worked example").isEqualTo("62e49ec7fb7df9f98a2289770037cc0cfe0bb1fc224136ca359206c895ce23a5");
        for (int i = 0; i < events.size(); i++) {
            SignedEvent e = events.get(i);
            JsonNode js = out.get("events").get(i);
            assertThat(js.get("keyId").asText()).isEqualTo(e.header().signer().hex());
            assertThat(js.get("publicText").asText()).isEqualTo(keys.get(i).publicKey().toText());
            assertThat(js.get("signingInputHex").asText()).isEqualTo(HexFormat.of().formatHex(e.signingInput()));
            assertThat(js.get("leafHex").asText()).isEqualTo(HexFormat.of().formatHex(e.leafBytes()));
            assertThat(js.get("eventHash").asText()).isEqualTo(e.eventHash().hex());
        }
        // The records file of the sealed-data build (issue #12, format.md §10.1 and §12.2 on the
        // seal-ledger branch): the crop panel finds the detection's record and computes the same
        // commitment as the Java golden; another disclosure or commitment is refused in words.
        JsonNode rec = out.get("records");
        assertThat(rec.get("commitment").asText()).isEqualTo(RECORDS_EXAMPLE_COMMITMENT);
        assertThat(rec.get("otherDisclosure").asText()).contains("names disclosure c409412e");
        assertThat(rec.get("otherCommitment").asText()).contains("is not the ffff");
        assertThat(rec.get("disclosurePayload").asText()).isEqualTo("{\"caseRef\":\"review of match m-1\","
                + "\"disclosure\":\"d-X\",\"purpose\":\"review\",\"recipient\":\"Reviewer reviewer-x\","
                + "\"records\":[{\"eventHash\":\"e60d4fb535c4eee556e014784b1d3e75016d1fa0947822f5f289891aab22440c\","
                + "\"leafIndex\":41}]}");
        assertThat(rec.at("/disclosureHeader/type").asText()).isEqualTo("RecordDisclosed");
        assertThat(rec.at("/disclosureHeader/seq").asLong()).isZero();
        assertThat(rec.at("/disclosureHeader/stream").asText()).startsWith("disclosure/d-");
        assertThat(rec.at("/disclosureHeader/schema").asInt()).isEqualTo(1);
        assertThat(rec.at("/disclosureV2Header/schema").asInt()).isEqualTo(2);
        assertThat(rec.get("disclosureV2Payload").asText()).isEqualTo("{\"caseRef\":\"review of match m-1\","
                + "\"disclosure\":\"d-X\",\"entries\":[\"wl-1\"],\"purpose\":\"review\",\"recipient\":\"Reviewer"
                + " reviewer-x\",\"records\":[{\"eventHash\":\"e60d4fb535c4eee556e014784b1d3e75016d1fa0947822f5f289891aab22440c\","
                + "\"leafIndex\":41}]}");
        // Java parses the page's schema-2 payload as the schema-2 RecordDisclosed it signs.
        assertThat(org.oversight.domain.event.EventType.RECORD_DISCLOSED.parsePayload(2,
                (org.oversight.domain.json.JsonObject) CanonicalJson.parseCanonical(rec.get("disclosureV2Payload").asText()
                        .getBytes(StandardCharsets.UTF_8), org.oversight.domain.json.JsonLimits.DEFAULT)))
                .satisfies(p -> assertThat(p.schema()).isEqualTo(2));
        JsonNode en = out.get("enrolment");
        assertThat(en.get("cropHex").asText()).isEqualTo(HexFormat.of().formatHex(enrolmentCrop));
        assertThat(en.get("template").asInt()).isZero();
        assertThat(en.get("absent").isNull()).isTrue();
        assertThat(en.get("otherTemplate").asText()).contains("is not the entry's template in the log");
        // the golden event of docs/format.md §3.6, signed by the JS module
        assertThat(new String(HexFormat.of().parseHex(out.get("events").get(0).get("leafHex").asText()),
                StandardCharsets.UTF_8)).contains("\"sig\":\"cg06szjDS5ZrafnMjPY7BvUXQacgd1rSFLvA16/q2FUIAoFgRf4VuXxBElN87tiuWjKacFfC09hJyBmKYeNtBw==\"");
    }

    /**
     * The golden records file of docs/format.md §10.1 on the seal-ledger branch (one record with a
     * toy 4-byte template and 3-byte crop) and its commitment (golden records-example-commitment).
     */
    private static final String RECORDS_EXAMPLE = "{\"disclosure\":\"c409412e3752caf6bf8cc984ac20ae3779eb4b168f39ae5d7b6904e22c800ad2\","
            + "\"format\":\"oversight/records/v1\"}\n"
            + "{\"detection\":{\"eventHash\":\"e60d4fb535c4eee556e014784b1d3e75016d1fa0947822f5f289891aab22440c\","
            + "\"leafIndex\":41},\"record\":{\"alignedCrop\":\"ChQe\",\"landmarks\":" + landmarks()
            + ",\"nonce\":\"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\",\"template\":{\"data\":\"AQIDBA==\","
            + "\"format\":1,\"modelId\":\"face-api/face_recognition_model@1.7.15\"}}}\n";
    private static final String RECORDS_EXAMPLE_COMMITMENT =
            "a5462bad2eaf65fb42421f6e35e52dc213449a258bb5cdf1e99ee49c95806ffc";

    /** format.md §4.7's example landmarks: (6400 + 64 i, 12800 + 32 i), i = 0 … 67. */
    private static String landmarks() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 68; i++) {
            b.append(i == 0 ? "" : ",").append('[').append(6400 + 64 * i).append(',').append(12800 + 32 * i).append(']');
        }
        return b.append(']').toString();
    }

    private static byte[] seedOf(int i, List<SignedEvent> events) {
        int b = i < 2 ? 2 : 77;
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) b);
        return seed;
    }

    private static void add(List<SignedEvent> events, List<Ed25519PrivateKey> keys, SignedEvent e, Ed25519PrivateKey k) {
        events.add(e);
        keys.add(k);
    }

    private static Object randomValue(Random r, int depth) {
        int kind = r.nextInt(depth >= 3 ? 4 : 6);
        switch (kind) {
            case 0: return null;
            case 1: return r.nextBoolean();
            case 2: {
                long[] edges = {0, 1, -1, 9007199254740991L, -9007199254740991L, 1L << 52, 255, 1000000};
                return r.nextBoolean() ? edges[r.nextInt(edges.length)]
                        : (r.nextLong() % 9007199254740991L);
            }
            case 3: return randomString(r, 12);
            case 4: {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    list.add(randomValue(r, depth + 1));
                }
                return list;
            }
            default: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    map.put(randomString(r, 4), randomValue(r, depth + 1));
                }
                return map;
            }
        }
    }

    private static String randomString(Random r, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(max + 1); i > 0; i--) {
            b.appendCodePoint(POOL[r.nextInt(POOL.length)]);
        }
        return b.toString();
    }

    private static JsonNode run(Path node, byte[] input) throws IOException, InterruptedException {
        Path script = Path.of("src/test/resources/console/conformance.mjs");
        Process p = new ProcessBuilder(node.toString(), script.toString(), CANONICAL_JS.toAbsolutePath().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(input);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream s = p.getInputStream()) {
            s.transferTo(out);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(p.exitValue()).as("node exit code; output: " + out).isZero();
        return JSON.readTree(out.toByteArray());
    }
}
