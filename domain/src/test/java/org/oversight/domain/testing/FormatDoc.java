package org.oversight.domain.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docs/format.md} as a golden file: every fenced block whose info string is
 * {@code golden <name>} must equal what the code produces for that name. Each module's format-doc
 * test supplies the generated blocks for its sections; this class finds the document, cuts out the
 * sections and lists every difference at once.
 *
 * <p>After a deliberate format change, run the format-doc tests with
 * {@code -Doversight.golden.update=true} ({@link #UPDATE_PROPERTY}): {@link #check} then rewrites the
 * section's golden blocks from the code before comparing. Review the diff of docs/format.md.
 */
public final class FormatDoc {
    /** System property that makes {@link #check} rewrite the golden blocks first. */
    public static final String UPDATE_PROPERTY = "oversight.golden.update";

    private static final Pattern BLOCK = Pattern.compile("(?ms)^```golden ([^\\n]+)\\n(.*?)^```\\s*$");

    /** One golden block: its name and body (ending in a newline). */
    public record Block(String name, String body) {}

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
        int[] range = range(doc, fromSection, untilSection);
        return doc.substring(range[0], range[1]);
    }

    /** The golden blocks of {@code sectionText} in document order (names may repeat). */
    public static List<Block> blocks(String sectionText) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(sectionText);
        while (m.find()) {
            blocks.add(new Block(m.group(1).trim(), m.group(2)));
        }
        return blocks;
    }

    /**
     * Compares the golden blocks of {@code sectionText} with {@code generated} (name → block body,
     * ending in a newline) and returns one message per difference, repeated name, missing block or
     * block without a generator; empty when the document and the code agree.
     */
    public static List<String> differences(String sectionText, Map<String, String> generated) {
        Set<String> found = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        for (Block block : blocks(sectionText)) {
            String name = block.name();
            if (!found.add(name)) {
                failures.add("golden " + name + ": appears more than once");
            }
            String want = generated.get(name);
            if (want == null) {
                failures.add("golden " + name + ": no generator for this block");
            } else if (!want.equals(block.body())) {
                failures.add("golden " + name + " differs; the code produces:\n" + want);
            }
        }
        for (Map.Entry<String, String> block : generated.entrySet()) {
            if (!found.contains(block.getKey())) {
                failures.add("golden " + block.getKey() + ": missing from the document; the code produces:\n"
                        + block.getValue());
            }
        }
        return failures;
    }

    /**
     * Replaces, between the headings of {@code fromSection} and {@code untilSection} (see
     * {@link #sections}), the body of every golden block that has a generator with the generated
     * body, and writes the document back if anything changed. Blocks without a generator stay; a
     * generated block missing from the document is not added (write its fence by hand).
     *
     * @return whether the document changed
     */
    public static boolean rewrite(String fromSection, String untilSection, Map<String, String> generated)
            throws IOException {
        Path path = path();
        String doc = Files.readString(path, StandardCharsets.UTF_8);
        int[] range = range(doc, fromSection, untilSection);
        StringBuilder out = new StringBuilder(doc.substring(0, range[0]));
        Matcher m = BLOCK.matcher(doc).region(range[0], range[1]);
        int copied = range[0];
        while (m.find()) {
            String want = generated.get(m.group(1).trim());
            if (want != null) {
                out.append(doc, copied, m.start(2)).append(want);
                copied = m.end(2);
            }
        }
        String updated = out.append(doc.substring(copied)).toString();
        if (updated.equals(doc)) {
            return false;
        }
        Files.writeString(path, updated, StandardCharsets.UTF_8);
        System.err.println("rewrote golden blocks of docs/format.md from section " + fromSection + " to "
                + (untilSection == null ? "the end" : "section " + untilSection) + " in " + path);
        return true;
    }

    /**
     * {@link #differences} of the sections from {@code fromSection} to {@code untilSection}, after a
     * {@link #rewrite} when the system property {@value #UPDATE_PROPERTY} is {@code true}.
     */
    public static List<String> check(String fromSection, String untilSection, Map<String, String> generated)
            throws IOException {
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            rewrite(fromSection, untilSection, generated);
        }
        return differences(sections(fromSection, untilSection), generated);
    }

    private static int[] range(String doc, String fromSection, String untilSection) throws IOException {
        int start = doc.indexOf("\n## " + fromSection + ". ");
        if (start < 0) {
            throw new IOException("docs/format.md has no section " + fromSection);
        }
        int end = untilSection == null ? doc.length() : doc.indexOf("\n## " + untilSection + ". ", start);
        if (end < 0) {
            throw new IOException("docs/format.md has no section " + untilSection + " after " + fromSection);
        }
        return new int[] {start, end};
    }
}
