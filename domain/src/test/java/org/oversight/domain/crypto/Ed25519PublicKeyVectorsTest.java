package org.oversight.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonParser;
import org.oversight.domain.testing.TestVectors;

/**
 * The public-key validity rule of docs/format.md §2.1 against {@code ed25519-public-keys.json}
 * (generated from RFC 8032 arithmetic by the script beside it): all eight small-order points,
 * their non-canonical encodings (y ≥ p, x = 0 with the sign bit), points off the curve and
 * mixed-order points are refused, both as bytes and as {@code ed25519:} text; valid keys are
 * accepted. Failures are collected and listed by case id.
 */
class Ed25519PublicKeyVectorsTest {
    private static final String VECTORS = "org/oversight/domain/crypto/ed25519-public-keys.json";

    @Test
    void everyKeyVectorHasTheExpectedResult() throws Exception {
        JsonObject root = JsonParser.parseObject(TestVectors.classpath(VECTORS));
        JsonArray tests = root.requireArray("tests");
        List<String> failures = new ArrayList<>();
        TreeMap<String, Integer> casesPerFlag = new TreeMap<>();
        for (int i = 0; i < tests.size(); i++) {
            JsonObject test = tests.requireObject(i);
            long id = test.requireLong("tcId");
            byte[] key = Hex.decode(test.requireString("pk"));
            boolean valid = switch (test.requireString("result")) {
                case "valid" -> true;
                case "invalid" -> false;
                default -> throw new IllegalStateException("tcId " + id + ": unknown result");
            };
            JsonArray flags = test.requireArray("flags");
            for (int f = 0; f < flags.size(); f++) {
                casesPerFlag.merge(flags.requireString(f), 1, Integer::sum);
            }
            String fromBytes = outcome(() -> Ed25519PublicKey.fromBytes(key));
            String fromText = outcome(() -> Ed25519PublicKey.parseText(Ed25519PublicKey.TEXT_PREFIX
                    + StrictBase64.encode(key)));
            for (String[] got : new String[][] {{"bytes", fromBytes}, {"text", fromText}}) {
                boolean accepted = got[1] == null;
                if (accepted != valid) {
                    failures.add("tcId " + id + " (" + test.requireString("comment") + ") as " + got[0]
                            + ": expected " + (valid ? "accepted" : "rejected") + ", got "
                            + (accepted ? "accepted" : "rejected: " + got[1]));
                }
            }
        }
        assertThat(tests.size()).as("cases run").isEqualTo(root.requireInt("numberOfTests"));
        assertThat(failures).as("failing key vectors").isEmpty();
        // The file really covers what §2.1 names: all eight small-order points among others.
        assertThat(casesPerFlag).containsKeys("SmallOrder", "NonCanonical", "NotOnCurve", "MixedOrder", "Valid");
        assertThat(casesPerFlag.get("SmallOrder")).isGreaterThanOrEqualTo(8);
    }

    private interface KeyParse {
        Ed25519PublicKey parse() throws MalformedKeyException;
    }

    /** {@code null} if the key was accepted, else the rejection message. */
    private static String outcome(KeyParse parse) {
        try {
            parse.parse();
            return null;
        } catch (MalformedKeyException e) {
            return e.getMessage();
        }
    }
}
