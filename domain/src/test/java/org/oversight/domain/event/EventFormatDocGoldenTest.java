package org.oversight.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Recomputes every golden block of docs/format.md §3–§5 (the events sections) from the code and
 * fails on any difference, on a golden block the code does not know, and on a computed example
 * missing from the document. Besides, the documented leaf bytes must parse, and the documented
 * signature must verify under the documented key.
 *
 * <p>To refresh the document after an intended format change, run with
 * {@code -Doversight.golden.write=true}: the blocks of §3–§5 are rewritten in place (then review
 * the diff).
 */
class EventFormatDocGoldenTest {
    private static final String FENCE = "```";
    private static final String INFO = "golden ";
    private static final String START = "\n## 3. ";
    private static final String END = "\n## 6. ";

    @Test
    void sections3to5GoldenExamplesMatchTheCode() throws Exception {
        Path docPath = formatDoc();
        String doc = Files.readString(docPath, StandardCharsets.UTF_8);
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        assertThat(start).as("§3 heading").isPositive();
        assertThat(end).as("§6 heading").isGreaterThan(start);
        Map<String, String> expected = EventFormatGoldens.blocks();

        if (Boolean.getBoolean("oversight.golden.write")) {
            String section = rewrite(doc.substring(start, end), expected);
            Files.writeString(docPath, doc.substring(0, start) + section + doc.substring(end), StandardCharsets.UTF_8);
            doc = Files.readString(docPath, StandardCharsets.UTF_8);
            end = doc.indexOf(END);
        }

        Map<String, String> documented = blocks(doc.substring(start, end));
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> e : documented.entrySet()) {
            String want = expected.get(e.getKey());
            if (want == null) {
                failures.add("golden " + e.getKey() + ": the code computes no such example");
            } else if (!want.equals(e.getValue())) {
                failures.add("golden " + e.getKey() + ": the code gives\n" + want);
            }
        }
        for (String name : expected.keySet()) {
            if (!documented.containsKey(name)) {
                failures.add("golden " + name + ": missing from docs/format.md §3-§5");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void documentedExampleEventsParseAndVerify() throws Exception {
        for (SignedEvent e : List.of(EventFormatGoldens.first(), EventFormatGoldens.second())) {
            SignedEvent parsed = SignedEvent.parse(e.leafBytes());
            EventVerifier.verify(parsed, EventFormatGoldens.officer().publicKey());
            assertThat(parsed.eventHash()).isEqualTo(e.eventHash());
        }
        assertThat(EventFormatGoldens.second().header().prev()).contains(EventFormatGoldens.first().eventHash());
    }

    /** Name → body of every golden fence in {@code text}; duplicates are an error. */
    static Map<String, String> blocks(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int from = 0;
        while (true) {
            int open = text.indexOf(FENCE + INFO, from);
            if (open < 0) {
                return out;
            }
            int nameStart = open + FENCE.length() + INFO.length();
            int nameEnd = text.indexOf('\n', nameStart);
            String name = text.substring(nameStart, nameEnd).strip();
            int close = text.indexOf("\n" + FENCE, nameEnd);
            if (out.put(name, text.substring(nameEnd + 1, close + 1)) != null) {
                throw new AssertionError("duplicate golden block " + name);
            }
            from = close + 1 + FENCE.length();
        }
    }

    private static String rewrite(String text, Map<String, String> expected) {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        while (true) {
            int open = text.indexOf(FENCE + INFO, from);
            if (open < 0) {
                return sb.append(text.substring(from)).toString();
            }
            int nameStart = open + FENCE.length() + INFO.length();
            int nameEnd = text.indexOf('\n', nameStart);
            String name = text.substring(nameStart, nameEnd).strip();
            int close = text.indexOf("\n" + FENCE, nameEnd);
            String body = expected.getOrDefault(name, text.substring(nameEnd + 1, close + 1));
            sb.append(text, from, nameEnd + 1).append(body);
            from = close + 1;
        }
    }

    private static Path formatDoc() throws IOException {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("docs").resolve("format.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IOException("docs/format.md not found above " + Paths.get("").toAbsolutePath());
    }
}
