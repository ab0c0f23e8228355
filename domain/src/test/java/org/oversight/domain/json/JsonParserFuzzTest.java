package org.oversight.domain.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;

/**
 * Fuzzes the three parsers on the shared lexer with random bytes and with mutations (bit flips,
 * byte insertions and deletions, splices) of canonical documents. None may throw anything but a
 * {@link JsonException}; whatever the canonical parser accepts must re-encode to exactly the same
 * bytes; whatever the lenient parser accepts must canonicalise to bytes the canonical parser
 * accepts; {@link PlainJson} must read the same value wherever the lenient parser accepts, and may
 * accept more only where the lenient parser refused a number outside the integer model. Seeded, so
 * failures reproduce; failures are listed with their input in hex.
 */
class JsonParserFuzzTest {
    private static final int ITERATIONS = 20_000;
    private static final byte[] INTERESTING = "{}[]\",:\\u0-19.eE+ tfn\t\n\u007f".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void randomBytes() {
        Random random = new Random(0x6a736f6eL);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < ITERATIONS / 2 && failures.size() < 10; i++) {
            byte[] input = new byte[random.nextInt(24)];
            for (int j = 0; j < input.length; j++) {
                input[j] = random.nextInt(3) == 0 ? (byte) random.nextInt(256)
                        : INTERESTING[random.nextInt(INTERESTING.length)];
            }
            check(input, failures);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void mutationsOfCanonicalDocuments() {
        Random random = new Random(8785);
        List<String> failures = new ArrayList<>();
        int acceptedMutants = 0;
        for (int i = 0; i < ITERATIONS && failures.size() < 10; i++) {
            RandomJson gen = new RandomJson(random.nextLong());
            byte[] doc = CanonicalJson.encode(gen.value(4));
            byte[] mutant = mutate(doc, random);
            if (check(mutant, failures)) {
                acceptedMutants++;
            }
        }
        assertThat(failures).isEmpty();
        // The mutations must also reach the accepting paths, not only the error paths.
        assertThat(acceptedMutants).isGreaterThan(ITERATIONS / 50);
    }

    @Test
    void deepAndLongInputsFailCleanly() {
        List<String> failures = new ArrayList<>();
        check("[".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII), failures);
        check("{\"a\":".repeat(200_000).getBytes(StandardCharsets.US_ASCII), failures);
        check(("\"" + "\\u0000".repeat(100_000)).getBytes(StandardCharsets.US_ASCII), failures);
        check("9".repeat(100_000).getBytes(StandardCharsets.US_ASCII), failures);
        assertThat(failures).isEmpty();
    }

    private static byte[] mutate(byte[] doc, Random random) {
        byte[] out = doc;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = out.length == 0 ? 0 : random.nextInt(out.length);
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (out.length > 0) {
                        out = out.clone();
                        out[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    byte b = random.nextBoolean() ? (byte) random.nextInt(256)
                            : INTERESTING[random.nextInt(INTERESTING.length)];
                    out = insert(out, at, b);
                }
                case 2 -> {
                    if (out.length > 0) {
                        out = delete(out, at);
                    }
                }
                case 3 -> {
                    if (out.length > 0) {
                        out = out.clone();
                        out[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    }
                }
                default -> {
                    // Duplicate a slice: repeats members, nests deeper, doubles escapes.
                    int len = Math.min(out.length - at, random.nextInt(8));
                    byte[] copy = new byte[out.length + len];
                    System.arraycopy(out, 0, copy, 0, at + len);
                    System.arraycopy(out, at, copy, at + len, out.length - at);
                    out = copy;
                }
            }
        }
        return out;
    }

    private static byte[] insert(byte[] in, int at, byte b) {
        byte[] out = new byte[in.length + 1];
        System.arraycopy(in, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(in, at, out, at + 1, in.length - at);
        return out;
    }

    private static byte[] delete(byte[] in, int at) {
        byte[] out = new byte[in.length - 1];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, at + 1, out, at, in.length - at - 1);
        return out;
    }

    /** Runs both parsers on {@code input}; returns whether the canonical parser accepted it. */
    private static boolean check(byte[] input, List<String> failures) {
        String id = input.length > 200 ? "(" + input.length + " bytes)" : Hex.encode(input);
        boolean accepted = false;
        try {
            JsonValue v = CanonicalJson.parseCanonical(input);
            accepted = true;
            if (!Arrays.equals(CanonicalJson.encode(v), input)) {
                failures.add(id + ": parseCanonical accepted bytes that re-encode as " + v);
            }
        } catch (JsonException expected) {
            // refused cleanly
        } catch (RuntimeException | Error e) {
            failures.add(id + ": parseCanonical threw " + e);
        }
        JsonValue lenient = null;
        String lenientRefusal = null;
        try {
            JsonValue v = JsonParser.parse(input);
            lenient = v;
            byte[] canonical = CanonicalJson.encode(v);
            if (!CanonicalJson.parseCanonical(canonical).equals(v)) {
                failures.add(id + ": JsonParser value does not survive canonical round-trip");
            }
        } catch (JsonException expected) {
            lenientRefusal = expected.getMessage();
            if (accepted) {
                failures.add(id + ": canonical parser accepted what JsonParser refused: " + expected.getMessage());
            }
        } catch (RuntimeException | Error e) {
            failures.add(id + ": JsonParser threw " + e);
        }
        try {
            Object plain = PlainJson.parse(input);
            if (lenient != null && !PlainJsonTest.toModel(plain).equals(lenient)) {
                failures.add(id + ": PlainJson read " + plain + " where JsonParser read " + lenient);
            }
            if (lenientRefusal != null && !lenientRefusal.contains("only integers are allowed")
                    && !lenientRefusal.contains("outside ±(2^53-1)")) {
                failures.add(id + ": PlainJson accepted what JsonParser refused: " + lenientRefusal);
            }
        } catch (JsonException expected) {
            if (lenient != null) {
                failures.add(id + ": JsonParser accepted what PlainJson refused: " + expected.getMessage());
            }
        } catch (RuntimeException | Error e) {
            failures.add(id + ": PlainJson threw " + e);
        }
        try {
            Rfc8785.canonicalise(new String(input, StandardCharsets.ISO_8859_1));
        } catch (JsonException expected) {
            // refused cleanly
        } catch (RuntimeException | Error e) {
            failures.add(id + ": Rfc8785.canonicalise threw " + e);
        }
        return accepted;
    }
}
