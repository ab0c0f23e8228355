package org.oversight.domain.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.testing.FormatDoc;

/**
 * Recomputes every {@code golden json-example} block of docs/format.md §1 from the code: the
 * {@code input:} text is parsed with {@link JsonParser}, and its canonical bytes, their length and
 * their SHA-256 must match the {@code canonical:}, {@code length:} and {@code sha256:} lines.
 */
class JsonFormatDocGoldenTest {
    private static final String INFO = "json-example";

    @Test
    void section1GoldenExamplesMatchTheCode() throws Exception {
        List<String> blocks = FormatDoc.blocks(FormatDoc.sections("1", "2")).stream()
                .filter(b -> b.name().equals(INFO))
                .map(FormatDoc.Block::body)
                .toList();
        assertThat(blocks).as("golden json-example blocks in docs/format.md").isNotEmpty();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            String input = between(block, "input:\n", "canonical:\n");
            String canonical = between(block, "canonical:\n", "length:").strip();
            String length = between(block, "length:", "sha256:").strip();
            String sha256 = block.substring(block.indexOf("sha256:") + "sha256:".length()).strip();

            byte[] bytes = CanonicalJson.canonicalise(input.getBytes(StandardCharsets.UTF_8));
            String actualText = new String(bytes, StandardCharsets.UTF_8);
            if (!actualText.equals(canonical)) {
                failures.add("block " + i + " canonical: code gives\n" + actualText);
            }
            if (!length.equals(bytes.length + " bytes")) {
                failures.add("block " + i + " length: code gives " + bytes.length + " bytes");
            }
            String digest = Sha256Digest.hash(bytes).hex();
            if (!digest.equals(sha256)) {
                failures.add("block " + i + " sha256: code gives " + digest);
            }
            // The documented bytes are themselves canonical, and any RFC 8785 implementation agrees.
            if (!CanonicalJson.encodeToString(CanonicalJson.parseCanonical(bytes)).equals(actualText)) {
                failures.add("block " + i + ": canonical bytes do not round-trip");
            }
            if (!Rfc8785.canonicalise(input).equals(actualText)) {
                failures.add("block " + i + ": general RFC 8785 canonicaliser disagrees");
            }
        }
        assertThat(failures).isEmpty();
    }

    private static String between(String block, String start, String end) {
        int s = block.indexOf(start);
        int e = block.indexOf(end, s + start.length());
        if (s < 0 || e < 0) {
            throw new AssertionError("golden block lacks '" + start.strip() + "' or '" + end.strip() + "':\n" + block);
        }
        return block.substring(s + start.length(), e);
    }
}
