package org.oversight.domain.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docs/format.md} as a golden file: every fenced block whose info string is
 * {@code golden <name>} must equal what the code produces for that name. Each module's format-doc
 * test supplies the generated blocks for its sections; this class finds the document, cuts out the
 * sections and lists every difference at once.
 */
public final class FormatDoc {
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```golden ([^\\n]+)\\n(.*?)^```\\s*$");

    private FormatDoc() {}

    /** {@code docs/format.md}, found by walking up from the working directory. */
    public static Path path() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("format.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("docs/format.md not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * The text from the heading starting {@code "## " + fromSection + ". "} up to the next heading
     * {@code "## " + untilSection + ". "} (or the end when {@code untilSection} is null).
     */
    public static String sections(String fromSection, String untilSection) throws IOException {
        String doc = Files.readString(path(), StandardCharsets.UTF_8);
        int start = doc.indexOf("\n## " + fromSection + ". ");
        if (start < 0) {
            throw new IOException("docs/format.md has no section " + fromSection);
        }
        int end = untilSection == null ? doc.length() : doc.indexOf("\n## " + untilSection + ". ", start);
        if (end < 0) {
            throw new IOException("docs/format.md has no section " + untilSection + " after " + fromSection);
        }
        return doc.substring(start, end);
    }

    /**
     * Compares the golden blocks of {@code sectionText} with {@code generated} (name → block body,
     * ending in a newline) and returns one message per difference, missing block or block without
     * a generator; empty when the document and the code agree.
     */
    public static List<String> differences(String sectionText, Map<String, String> generated) {
        Map<String, String> found = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Matcher m = BLOCK.matcher(sectionText);
        while (m.find()) {
            String name = m.group(1).trim();
            found.put(name, m.group(2));
            String want = generated.get(name);
            if (want == null) {
                failures.add("golden " + name + ": no generator for this block");
            } else if (!want.equals(m.group(2))) {
                failures.add("golden " + name + " differs; the code produces:\n" + want);
            }
        }
        for (Map.Entry<String, String> block : generated.entrySet()) {
            if (!found.containsKey(block.getKey())) {
                failures.add("golden " + block.getKey() + ": missing from the document; the code produces:\n"
                        + block.getValue());
            }
        }
        return failures;
    }
}
