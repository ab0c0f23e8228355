package org.oversight.domain.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.domain.note.GoNoteVectors.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzz-style tests of the note parser and verifier: random and mutated inputs may only produce the
 * declared checked exceptions, never a runtime exception. Seeded, so any failure reproduces; each
 * failure is listed with its iteration number.
 */
class NoteFuzzTest {
    private static final int ITERATIONS = 3000;
    private static final byte[] VALID = (TEXT + "\n" + PETER_SIG + ENOCH_SIG).getBytes(StandardCharsets.UTF_8);
    private static final byte[] ALPHABET = "\n\n\n  +/=—ABab09 \t\u0001é".getBytes(StandardCharsets.UTF_8);

    @Test
    void randomBytesOnlyFailWithMalformedNote() {
        Random random = new Random(1);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = new byte[random.nextInt(200)];
            random.nextBytes(input);
            if (random.nextBoolean()) {
                for (int k = 0; k < input.length; k++) {
                    input[k] = ALPHABET[Math.floorMod(input[k], ALPHABET.length)];
                }
            }
            check(i, input, failures);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void mutatedNotesOnlyFailWithDeclaredExceptionsAndNeverVerifyAnotherText() throws Exception {
        NoteVerifiers known = NoteVerifiers.of(Ed25519NoteVerifier.parse(PETER_VERIFIER), Ed25519NoteVerifier.parse(ENOCH_VERIFIER));
        Random random = new Random(2);
        List<String> failures = new ArrayList<>();
        int verified = 0;
        for (int i = 0; i < ITERATIONS / 2; i++) {
            byte[] input = mutate(VALID, random);
            check(i, input, failures);
            try {
                VerifiedNote v = known.open(input);
                verified++;
                if (!v.text().equals(TEXT)) {
                    failures.add(i + ": verified a different text: " + v.text());
                }
            } catch (MalformedNoteException | NoteVerificationException expected) {
                // declared outcomes
            } catch (RuntimeException e) {
                failures.add(i + ": open threw " + e);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(verified).as("some mutations keep a valid note (e.g. dropped or duplicated lines)").isPositive();
    }

    private static void check(int iteration, byte[] input, List<String> failures) {
        try {
            Note note = Note.parse(input);
            if (!Arrays.equals(note.toBytes(), input)) {
                failures.add(iteration + ": parsed note does not re-encode to its input");
            }
        } catch (MalformedNoteException expected) {
            if (expected.getMessage() == null || expected.reason().isEmpty()) {
                failures.add(iteration + ": exception without a reason");
            }
        } catch (RuntimeException e) {
            failures.add(iteration + ": parse threw " + e);
        }
    }

    /** One to three random edits: flip, insert, delete, duplicate or drop a line, truncate. */
    static byte[] mutate(byte[] valid, Random random) {
        byte[] out = valid.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && out.length > 0; e++) {
            int pos = random.nextInt(out.length);
            switch (random.nextInt(6)) {
                case 0 -> out[pos] ^= (byte) (1 << random.nextInt(8));
                case 1 -> {
                    byte[] b = new byte[out.length + 1];
                    System.arraycopy(out, 0, b, 0, pos);
                    b[pos] = ALPHABET[random.nextInt(ALPHABET.length)];
                    System.arraycopy(out, pos, b, pos + 1, out.length - pos);
                    out = b;
                }
                case 2 -> {
                    byte[] b = new byte[out.length - 1];
                    System.arraycopy(out, 0, b, 0, pos);
                    System.arraycopy(out, pos + 1, b, pos, out.length - pos - 1);
                    out = b;
                }
                case 3 -> out = Arrays.copyOf(out, pos);
                default -> out = editLine(out, random, random.nextBoolean());
            }
        }
        return out;
    }

    private static byte[] editLine(byte[] in, Random random, boolean duplicate) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(in, StandardCharsets.UTF_8).split("\n", -1)));
        int k = random.nextInt(lines.size());
        if (duplicate) {
            lines.add(k, lines.get(k));
        } else {
            lines.remove(k);
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }
}
