package org.oversight.domain.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.domain.note.GoNoteVectors.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Error messages for malformed notes are part of the auditor's experience: they are pinned in
 * {@code malformed-notes.golden}. Run with {@code -Doversight.golden.update=true} to rewrite the file
 * after a deliberate change, then review the diff.
 */
class MalformedNoteGoldenTest {
    private static final String GOLDEN = "malformed-notes.golden";

    @Test
    void errorMessagesMatchTheGoldenFile() throws IOException {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("text-only", utf8(TEXT));
        cases.put("no-signature-lines", utf8(TEXT + "\n"));
        cases.put("unterminated-signature-line", utf8(TEXT + "\n" + PETER_SIG.strip()));
        cases.put("control-character", utf8("\u0001" + TEXT + "\n" + PETER_SIG));
        cases.put("tab-in-text", utf8("If you\tthink\n\n" + PETER_SIG));
        cases.put("space-in-key-name", utf8(TEXT + "\n" + PETER_SIG.replace("PeterNeumann", "Peter Neumann")));
        cases.put("plus-in-key-name", utf8(TEXT + "\n" + PETER_SIG.replace("PeterNeumann", "Peter+Neumann")));
        cases.put("unexpected-line", utf8(TEXT + "\n" + PETER_SIG + "Unexpected line.\n"));
        cases.put("hyphen-instead-of-em-dash", utf8(TEXT + "\n" + PETER_SIG.replace("—", "-")));
        cases.put("no-space-after-name", utf8(TEXT + "\n" + "— PeterNeumann\n"));
        cases.put("base64-without-padding", utf8(TEXT + "\n" + PETER_SIG.replace("=", "")));
        cases.put("short-signature", utf8(TEXT + "\n" + "— PeterNeumann AAAAAA==\n"));
        cases.put("too-many-signatures", utf8(TEXT + "\n" + PETER_SIG.repeat(101)));
        byte[] badUtf8 = utf8(TEXT + "\n" + PETER_SIG);
        badUtf8[3] = (byte) 0xc0;
        cases.put("overlong-utf8", badUtf8);

        StringBuilder actual = new StringBuilder();
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            String message;
            try {
                Note.parse(c.getValue());
                message = "ACCEPTED";
            } catch (MalformedNoteException e) {
                message = e.getMessage();
            }
            actual.append(c.getKey()).append(": ").append(message).append('\n');
        }

        if (Boolean.getBoolean("oversight.golden.update")) {
            Path file = Path.of("src/test/resources/org/oversight/domain/note", GOLDEN);
            Files.writeString(file, actual.toString(), StandardCharsets.UTF_8);
            System.err.println("rewrote " + file.toAbsolutePath());
        }
        String expected;
        try (InputStream in = getClass().getResourceAsStream(GOLDEN)) {
            assertThat(in).as("golden file " + GOLDEN + " on the test classpath").isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(actual.toString()).isEqualTo(expected);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
