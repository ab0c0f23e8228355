package org.oversight.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonParser;
import org.oversight.domain.testing.SharedTestData;

/** Every case of Wycheproof's ed25519_test.json; failures are collected and listed by tcId. */
class WycheproofEd25519Test {

    @Test
    void everyCaseHasTheExpectedResult() throws Exception {
        Path file = SharedTestData.requireDir("wycheproof").resolve("ed25519_test.json");
        JsonObject root = JsonParser.parseObject(Files.readAllBytes(file));
        List<String> failures = new ArrayList<>();
        int run = 0;
        JsonArray groups = root.requireArray("testGroups");
        for (int g = 0; g < groups.size(); g++) {
            JsonObject group = groups.requireObject(g);
            String pkHex = group.requireObject("publicKey").requireString("pk");
            Ed25519PublicKey key = null;
            String keyProblem = null;
            try {
                key = Ed25519PublicKey.fromBytes(Hex.decode(pkHex));
            } catch (MalformedKeyException e) {
                keyProblem = e.getMessage();
            }
            JsonArray tests = group.requireArray("tests");
            for (int t = 0; t < tests.size(); t++) {
                JsonObject test = tests.requireObject(t);
                run++;
                long tcId = test.requireLong("tcId");
                String expected = test.requireString("result");
                byte[] msg = Hex.decode(test.requireString("msg"));
                byte[] sig = Hex.decode(test.requireString("sig"));
                boolean accepted = key != null && RawEd25519.verify(key, msg, sig);
                boolean ok = switch (expected) {
                    case "valid" -> accepted;
                    case "invalid" -> !accepted;
                    case "acceptable" -> true;
                    default -> false;
                };
                if (!ok) {
                    failures.add("tcId " + tcId + " (" + test.optionalString("comment").orElse(null) + "): expected "
                            + expected + ", got " + (accepted ? "accepted" : "rejected")
                            + (keyProblem != null ? " [key: " + keyProblem + "]" : ""));
                }
            }
        }
        assertThat(run).as("cases run").isEqualTo(root.requireInt("numberOfTests"));
        assertThat(failures).as("failing Wycheproof cases").isEmpty();
    }
}
