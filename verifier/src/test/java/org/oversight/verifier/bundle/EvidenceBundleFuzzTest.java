package org.oversight.verifier.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.bundle.MalformedBundleException;
import org.oversight.verifier.report.VerificationReport;

/**
 * Random corruption of a bundle's bytes: the parser either rejects it with
 * {@link MalformedBundleException} or yields a bundle that re-encodes to exactly the input and that
 * the verifier then rejects — nothing else is ever thrown and no changed bundle passes.
 */
class EvidenceBundleFuzzTest {
    private static final int ROUNDS = 250;
    private static final String ALPHABET = "{}[]\",:0123456789abcdefAZ+/= \\\n-é";

    @Test
    void corruptedBundlesFailOnlyWithDeclaredOutcomes() throws Exception {
        byte[] clean = BundleLog.build(BundleLog.Options.CLEAN).bundle().toBytes();
        BundleVerifier verifier = BundleLog.verifier();
        Random random = new Random(11_2026_11_27L);
        List<String> failures = new ArrayList<>();
        int malformed = 0;
        int parsed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            StringBuilder sb = new StringBuilder(new String(clean, StandardCharsets.UTF_8));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int pos = random.nextInt(sb.length());
                switch (random.nextInt(4)) {
                    case 0 -> sb.setCharAt(pos, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    case 1 -> sb.insert(pos, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    case 2 -> sb.deleteCharAt(pos);
                    default -> sb.setCharAt(pos, Character.isDigit(sb.charAt(pos))
                            ? (char) ('0' + (sb.charAt(pos) - '0' + 1) % 10) : sb.charAt(pos));
                }
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            boolean same = java.util.Arrays.equals(bytes, clean);
            try {
                EvidenceBundle b = EvidenceBundle.parse(bytes);
                parsed++;
                if (!java.util.Arrays.equals(b.toBytes(), bytes)) {
                    failures.add(round + ": parsed bundle re-encodes differently");
                }
                VerificationReport report = verifier.verify(b);
                if (!same && report.passed()) {
                    failures.add(round + ": changed bundle passed");
                }
            } catch (MalformedBundleException expected) {
                malformed++;
            } catch (RuntimeException e) {
                failures.add(round + ": threw " + e);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(malformed).isPositive();
        assertThat(parsed).as("some corruptions still parse and must be rejected by verification").isPositive();
    }

    /** {@code text} with the first match of {@code regex} after the snapshot member replaced. */
    private static String inSnapshot(String text, String regex, String replacement) {
        int at = text.lastIndexOf("\"snapshot\":{");
        return text.substring(0, at) + text.substring(at).replaceFirst(regex, replacement);
    }

    @Test
    void strictMembersAreEnforced() throws Exception {
        String clean = new String(BundleLog.build(BundleLog.Options.CLEAN).bundle().toBytes(), StandardCharsets.UTF_8);
        List<String> bad = List.of(
                clean.replace("\"format\":\"oversight/bundle/v1\"", "\"format\":\"oversight/bundle/v2\""),
                clean.replace("\"format\":", "\"formats\":"),
                clean.replaceFirst("\"leafIndex\":0,", "\"leafIndex\":-1,"),
                clean.replaceFirst("\"treeSize\":\\d+", "\"treeSize\":0"),
                clean.substring(0, clean.lastIndexOf("\"match\":"))
                        + clean.substring(clean.lastIndexOf("\"match\":")).replaceFirst("\"match\":\"[^\"]+\"",
                                "\"match\":\"bad id\""),
                inSnapshot(clean, "\"root\":\"([0-9a-f]{64})\"", "\"root\":\"$1ab\""),
                inSnapshot(clean, "\"size\":\\d+", "\"size\":0"),
                inSnapshot(clean, "\"leafData\":\"", "\"leafData\":\"!"),
                "{\"format\":\"oversight/bundle/v1\"}",
                "[]");
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < bad.size(); i++) {
            String b = bad.get(i);
            assertThat(b).as("case %d changes the bundle", i).isNotEqualTo(clean);
            try {
                EvidenceBundle.parse(b.getBytes(StandardCharsets.UTF_8));
                accepted.add("case " + i);
            } catch (MalformedBundleException e) {
                assertThat(e.getMessage()).as("case %d", i).contains("$");
            }
        }
        assertThat(accepted).isEmpty();
    }
}
