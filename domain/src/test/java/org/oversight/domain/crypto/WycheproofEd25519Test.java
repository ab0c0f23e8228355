package org.oversight.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.testing.SharedTestData;

/** Every case of Wycheproof's ed25519_test.json; failures are collected and listed by tcId. */
class WycheproofEd25519Test {

    @Test
    @SuppressWarnings("unchecked")
    void everyCaseHasTheExpectedResult() throws Exception {
        Path file = SharedTestData.requireDir("wycheproof").resolve("ed25519_test.json");
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(Files.readString(file, StandardCharsets.UTF_8));
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (Object g : (List<Object>) root.get("testGroups")) {
            Map<String, Object> group = (Map<String, Object>) g;
            String pkHex = (String) ((Map<String, Object>) group.get("publicKey")).get("pk");
            Ed25519PublicKey key = null;
            String keyProblem = null;
            try {
                key = Ed25519PublicKey.fromBytes(Hex.decode(pkHex));
            } catch (MalformedKeyException e) {
                keyProblem = e.getMessage();
            }
            for (Object t : (List<Object>) group.get("tests")) {
                Map<String, Object> test = (Map<String, Object>) t;
                run++;
                long tcId = (Long) test.get("tcId");
                String expected = (String) test.get("result");
                byte[] msg = Hex.decode((String) test.get("msg"));
                byte[] sig = Hex.decode((String) test.get("sig"));
                boolean accepted = key != null && RawEd25519.verify(key, msg, sig);
                boolean ok = switch (expected) {
                    case "valid" -> accepted;
                    case "invalid" -> !accepted;
                    case "acceptable" -> true;
                    default -> false;
                };
                if (!ok) {
                    failures.add("tcId " + tcId + " (" + test.get("comment") + "): expected " + expected + ", got "
                            + (accepted ? "accepted" : "rejected") + (keyProblem != null ? " [key: " + keyProblem + "]" : ""));
                }
            }
        }
        assertThat(run).as("cases run").isEqualTo(((Long) root.get("numberOfTests")).intValue());
        assertThat(failures).as("failing Wycheproof cases").isEmpty();
    }
}
