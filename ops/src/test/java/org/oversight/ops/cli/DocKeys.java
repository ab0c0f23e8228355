package org.oversight.ops.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.oversight.domain.testing.FormatDoc;

/** The public example keys and golden blocks of docs/format.md §3.6, §4 that the CLI tests reproduce. */
final class DocKeys {
    private DocKeys() {}

    /** Writes a key file holding the seed of 32 bytes all equal to {@code b} (01 authority, 02 officer, 03 camera). */
    static Path keyFile(Path dir, int b) throws IOException {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) b);
        Path file = dir.resolve("seed-0" + b + ".key");
        Files.writeString(file, org.oversight.domain.bytes.Hex.encode(seed) + "\n", StandardCharsets.US_ASCII);
        return file;
    }

    /** The body of the golden block {@code name} of docs/format.md. */
    static String golden(String name) throws IOException {
        String doc = Files.readString(FormatDoc.path(), StandardCharsets.UTF_8);
        return FormatDoc.blocks(doc).stream().filter(b -> b.name().equals(name)).map(FormatDoc.Block::body)
                .reduce((a, b) -> {
                    throw new IllegalStateException("golden block " + name + " appears twice");
                })
                .orElseThrow(() -> new IllegalStateException("no golden block " + name + " in docs/format.md"));
    }

    /** The value after {@code label} on its line of the golden block {@code name}. */
    static String goldenValue(String name, String label) throws IOException {
        for (String line : golden(name).split("\n")) {
            if (line.startsWith(label)) {
                return line.substring(label.length()).strip();
            }
        }
        throw new IllegalStateException("no '" + label + "' in golden block " + name);
    }

    /** The line after the line starting with {@code label} in the golden block {@code name}. */
    static String goldenLineAfter(String name, String label) throws IOException {
        String[] lines = golden(name).split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith(label)) {
                return lines[i + 1];
            }
        }
        throw new IllegalStateException("no '" + label + "' in golden block " + name);
    }

    /** docs/examples/{@code name}. */
    static Path example(String name) throws IOException {
        return FormatDoc.path().getParent().resolve("examples").resolve(name);
    }
}
