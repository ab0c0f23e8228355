package org.oversight.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonNull;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonValue;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.MalformedRecordException;
import org.oversight.domain.seal.MalformedSealedBlobException;
import org.oversight.domain.seal.RecordSealer;
import org.oversight.domain.seal.SealedBlob;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.quicktheories.generators.Generate;

/**
 * Fuzzes the parsers of sealed-record documents (docs/format.md §12): {@link SealedBlob#parse},
 * {@link BiometricRecord#parse}, {@link EnrolmentRecord#parse} and {@link SealedEnrolmentRecord#parse} (§12.7; and a watchlist entry's blob), in the style of {@link SignedEventFuzzTest}: random bytes,
 * byte-level mutations of valid documents, and JSON-level mutations re-encoded canonically. A
 * parser may accept or throw its one declared exception, whose path starts with {@code $}; anything
 * else fails the property. Whatever it accepts re-encodes to the same bytes.
 */
class SealedRecordParsersFuzzTest {
    private static final BiometricRecord RECORD = BiometricRecord.of(EventFixtures.template(), EventFixtures.landmarks(),
            EventFixtures.counting(40), EventFixtures.counting(32));
    private static final SealedBlob BLOB = RecordSealer.seal(RECORD, EventFixtures.erasureEpochOpened(),
            StreamId.detections("cam-0042"), 7, new org.oversight.domain.seal.SealFixtures.FixedRandom("fuzz")).blob();

    interface Parser {
        byte[] parseAndReencode(byte[] bytes) throws Exception;
    }

    private static final EnrolmentRecord ENROLMENT = EnrolmentRecord.of("wl-2026-0001", List.of(
            new EnrolmentRecord.Crop(EventFixtures.counting(30), EventFixtures.template()),
            new EnrolmentRecord.Crop(EventFixtures.counting(20), EventFixtures.template())));

    private static final List<Parser> PARSERS = List.of(
            bytes -> SealedBlob.parse(bytes).canonicalBytes(),
            bytes -> BiometricRecord.parse(bytes).canonicalBytes(),
            bytes -> EnrolmentRecord.parse(bytes).canonicalBytes(),
            bytes -> SealedEnrolmentRecord.parse(bytes).canonicalBytes(),
            bytes -> SealedBlob.parse(bytes).canonicalBytes());
    private static final SealedEnrolmentRecord SEALED_ENROLMENT = SealedEnrolmentRecord.of(ENROLMENT,
            EventFixtures.counting(32));
    private static final SealedBlob ENROLMENT_BLOB = RecordSealer.sealEnrolment(SEALED_ENROLMENT,
            EventFixtures.erasureEpochOpened(), new org.oversight.domain.seal.SealFixtures.FixedRandom("fuzz")).blob();
    private static final List<byte[]> SAMPLES = List.of(BLOB.canonicalBytes(), RECORD.canonicalBytes(),
            ENROLMENT.canonicalBytes(), SEALED_ENROLMENT.canonicalBytes(), ENROLMENT_BLOB.canonicalBytes());
    private static final List<JsonObject> JSON = List.of(BLOB.toJson(), RECORD.toJson(), ENROLMENT.toJson(),
            SEALED_ENROLMENT.toJson(), ENROLMENT_BLOB.toJson());
    private static final int LAST = 4;

    private static void parseOnlyThrowsDeclared(int which, byte[] bytes) {
        try {
            assertThat(PARSERS.get(which).parseAndReencode(bytes)).isEqualTo(bytes);
        } catch (MalformedSealedBlobException e) {
            assertThat(which).isIn(0, 4);
            assertThat(e.path()).startsWith("$");
            assertThat(e.getMessage()).isNotBlank();
        } catch (MalformedRecordException e) {
            assertThat(which).isIn(1, 2, 3);
            assertThat(e.path()).startsWith("$");
            assertThat(e.getMessage()).isNotBlank();
        } catch (Exception e) {
            throw new AssertionError("parser " + which + " threw " + e + " for "
                    + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    @Test
    void samplesParse() {
        for (int i = 0; i < SAMPLES.size(); i++) {
            parseOnlyThrowsDeclared(i, SAMPLES.get(i));
        }
    }

    @Test
    void randomBytes() {
        qt().withExamples(300).withFixedSeed(0x5ea1_0001L)
                .forAll(integers().between(0, LAST), Generate.byteArrays(integers().between(0, 400),
                        SignedEventFuzzTest.anyByte()))
                .checkAssert(SealedRecordParsersFuzzTest::parseOnlyThrowsDeclared);
    }

    @Test
    void byteMutationsOfValidDocuments() {
        qt().withExamples(600).withFixedSeed(0x5ea1_0002L)
                .forAll(integers().between(0, LAST), SignedEventFuzzTest.positions(), integers().between(0, 3),
                        SignedEventFuzzTest.anyByte())
                .checkAssert((which, positions, kind, value) -> {
                    byte[] bytes = SAMPLES.get(which).clone();
                    for (int p : positions) {
                        int at = Math.floorMod(p, bytes.length);
                        if (kind == 0) {
                            bytes[at] = (byte) (bytes[at] ^ (value == 0 ? 1 : value));
                        } else if (kind == 1) {
                            byte[] out = new byte[bytes.length + 1];
                            System.arraycopy(bytes, 0, out, 0, at);
                            out[at] = value;
                            System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
                            bytes = out;
                        } else if (kind == 2) {
                            byte[] out = new byte[bytes.length - 1];
                            System.arraycopy(bytes, 0, out, 0, at);
                            System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
                            bytes = out;
                        } else {
                            bytes = Arrays.copyOf(bytes, at);
                        }
                        if (bytes.length == 0) {
                            break;
                        }
                    }
                    parseOnlyThrowsDeclared(which, bytes);
                });
    }

    @Test
    void structuralMutationsOfValidDocuments() {
        qt().withExamples(600).withFixedSeed(0x5ea1_0003L)
                .forAll(integers().between(0, LAST), integers().between(0, Integer.MAX_VALUE),
                        SignedEventFuzzTest.jsonValues())
                .checkAssert((which, choice, replacement) -> {
                    JsonObject json = JSON.get(which);
                    List<JsonMutations.Path> paths = JsonMutations.paths(json, JsonMutations.ROOT);
                    JsonMutations.Path path = paths.get(Math.floorMod(choice, paths.size()));
                    JsonValue mutated = JsonMutations.replace(json, JsonMutations.ROOT, path,
                            v -> path.isMember() && replacement == JsonNull.INSTANCE && choice % 3 == 0
                                    ? null : replacement);
                    parseOnlyThrowsDeclared(which, CanonicalJson.encode(mutated));
                });
    }
}
