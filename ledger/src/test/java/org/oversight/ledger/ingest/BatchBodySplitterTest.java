package org.oversight.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonValue;
import org.oversight.ledger.testing.World;

/**
 * {@link BatchBodySplitter} is only ever trusted together with a canonical parse of every slice;
 * the property that makes the fast path safe: whenever the split succeeds and every slice parses
 * as an envelope, the whole body is canonical JSON whose elements encode to exactly those slices
 * (so the reference path would have accepted the same events). Checked on valid bodies and on
 * bodies with one byte changed, inserted or deleted (fixed seeds).
 */
class BatchBodySplitterTest {
    private static final World WORLD = new World();
    private static final List<SignedEvent> EVENTS = events();

    private static List<SignedEvent> events() {
        try {
            List<SignedEvent> e = new ArrayList<>(WORLD.genesis());
            e.add(WORLD.chains.next(WORLD.camera("cam-split", 3), WORLD.authority));
            e.add(WORLD.chains.next(World.detection("cam-split", 0), World.cameraKey(3)));
            e.add(WORLD.chains.next(World.detection("cam-split", 1), World.cameraKey(3)));
            return e;
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] body(List<Integer> picks) {
        StringBuilder b = new StringBuilder("[");
        for (int p : picks) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(new String(EVENTS.get(p).leafBytes(), StandardCharsets.UTF_8));
        }
        return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The fast path as the controller runs it: split, then parse every slice; null if either fails. */
    private static List<SignedEvent> fastPath(byte[] body) {
        Optional<List<byte[]>> slices = BatchBodySplitter.split(body, 1000);
        if (slices.isEmpty()) {
            return null;
        }
        List<SignedEvent> out = new ArrayList<>();
        for (byte[] s : slices.get()) {
            try {
                out.add(SignedEvent.parse(s));
            } catch (InvalidEventException e) {
                return null;
            }
        }
        return out;
    }

    private static void assertAgreesWithReferencePath(byte[] body) {
        List<SignedEvent> fast = fastPath(body);
        if (fast == null) {
            return; // the reference path decides
        }
        JsonValue whole;
        try {
            whole = CanonicalJson.parseCanonical(body);
        } catch (JsonException e) {
            throw new AssertionError("fast path accepted a body the canonical parser rejects: " + e.getMessage()
                    + "\n" + new String(body, StandardCharsets.UTF_8), e);
        }
        assertThat(whole).isInstanceOf(JsonArray.class);
        JsonArray array = (JsonArray) whole;
        assertThat(array.size()).isEqualTo(fast.size());
        for (int i = 0; i < fast.size(); i++) {
            assertThat(CanonicalJson.encode(array.get(i))).isEqualTo(fast.get(i).leafBytes());
        }
    }

    @Test
    void validBodiesSplitIntoTheirEnvelopes() {
        qt().withExamples(200).withFixedSeed(20261127L)
                .forAll(lists().of(integers().between(0, EVENTS.size() - 1)).ofSizeBetween(1, 12))
                .checkAssert(picks -> {
                    byte[] body = body(picks);
                    List<SignedEvent> fast = fastPath(body);
                    assertThat(fast).as("fast path of a valid body").isNotNull();
                    assertThat(fast).extracting(e -> new String(e.leafBytes(), StandardCharsets.UTF_8))
                            .containsExactlyElementsOf(picks.stream()
                                    .map(p -> new String(EVENTS.get(p).leafBytes(), StandardCharsets.UTF_8)).toList());
                    assertAgreesWithReferencePath(body);
                });
    }

    @Test
    void mutatedBodiesAreNeverAcceptedDifferently() {
        byte[] alphabet = "[]{},:\"\\ 0a\n".getBytes(StandardCharsets.UTF_8);
        qt().withExamples(3000).withFixedSeed(20261128L)
                .forAll(lists().of(integers().between(0, EVENTS.size() - 1)).ofSizeBetween(1, 3),
                        integers().between(0, Integer.MAX_VALUE), integers().between(0, alphabet.length - 1),
                        integers().between(0, 2))
                .checkAssert((picks, where, what, how) -> {
                    byte[] body = body(picks);
                    int at = where % body.length;
                    byte[] mutated = switch (how) {
                        case 0 -> {
                            byte[] m = body.clone();
                            m[at] = alphabet[what];
                            yield m;
                        }
                        case 1 -> {
                            byte[] m = new byte[body.length + 1];
                            System.arraycopy(body, 0, m, 0, at);
                            m[at] = alphabet[what];
                            System.arraycopy(body, at, m, at + 1, body.length - at);
                            yield m;
                        }
                        default -> {
                            byte[] m = new byte[body.length - 1];
                            System.arraycopy(body, 0, m, 0, at);
                            System.arraycopy(body, at + 1, m, at, body.length - at - 1);
                            yield m;
                        }
                    };
                    assertAgreesWithReferencePath(mutated);
                });
    }

    @Test
    void shapesOtherThanAnArrayOfObjectsAreLeftToTheReferencePath() {
        byte[] one = EVENTS.get(0).leafBytes();
        for (String s : List.of("[]", "{}", "[1]", "[{}", "[{}]x", "[{},]", "[,{}]", "[{}{}]", "[{\"a\":\"}\"}", "[[{}]]")) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertThat(BatchBodySplitter.split(b, 10)).as(s).satisfiesAnyOf(
                    r -> assertThat(r).isEmpty(),
                    r -> assertThat(fastPath(b)).isNull());
        }
        assertThat(BatchBodySplitter.split(("[" + new String(one, StandardCharsets.UTF_8) + "]").getBytes(
                StandardCharsets.UTF_8), 0)).as("more elements than allowed").isEmpty();
        assertThat(BatchBodySplitter.split(body(List.of(0, 1)), 2)).get().satisfies(l ->
                assertThat(Arrays.equals(l.get(1), EVENTS.get(1).leafBytes())).isTrue());
    }
}
