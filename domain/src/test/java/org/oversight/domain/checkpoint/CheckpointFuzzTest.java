package org.oversight.domain.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oversight.domain.note.MalformedNoteException;

/**
 * Fuzz-style tests of the checkpoint parsers: mutated and random inputs produce only the declared
 * checked exceptions, and whatever parses re-encodes to exactly its input (one text per checkpoint).
 */
class CheckpointFuzzTest {
    private static final int ITERATIONS = 3000;
    private static final String ALPHABET = "\n\n0123456789+/=ABCabc. -\u0001é";

    @Test
    void mutatedCheckpointTextsParseCanonicallyOrFailWithMalformedCheckpoint() {
        String valid = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\next\n";
        Random random = new Random(3);
        List<String> failures = new ArrayList<>();
        int parsed = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            StringBuilder sb = new StringBuilder(valid);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int pos = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.setCharAt(pos, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    case 1 -> sb.insert(pos, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    default -> sb.deleteCharAt(pos);
                }
            }
            String text = sb.toString();
            try {
                Checkpoint cp = Checkpoint.parse(text);
                parsed++;
                if (!cp.toNoteText().equals(text)) {
                    failures.add(i + ": " + text.replace("\n", "\\n") + " re-encodes differently");
                }
            } catch (MalformedCheckpointException expected) {
                // declared outcome
            } catch (RuntimeException e) {
                failures.add(i + ": threw " + e);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(parsed).as("some mutations are still checkpoints").isPositive();
    }

    @Test
    void randomSignedCheckpointBytesFailOnlyWithDeclaredExceptions() {
        byte[] valid = CheckpointTest.SPEC_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(4);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input;
            if (random.nextBoolean()) {
                input = new byte[random.nextInt(160)];
                random.nextBytes(input);
            } else {
                input = valid.clone();
                input[random.nextInt(input.length)] = (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length() - 1));
            }
            try {
                SignedCheckpoint sc = SignedCheckpoint.parse(input);
                if (!Arrays.equals(sc.toBytes(), input)) {
                    failures.add(i + ": re-encodes differently");
                }
            } catch (MalformedNoteException | MalformedCheckpointException expected) {
                // declared outcomes
            } catch (RuntimeException e) {
                failures.add(i + ": threw " + e);
            }
        }
        assertThat(failures).isEmpty();
    }
}
