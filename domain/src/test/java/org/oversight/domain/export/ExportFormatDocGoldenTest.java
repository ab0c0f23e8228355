package org.oversight.domain.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.oversight.domain.testing.FormatDoc;

/** docs/format.md §10: the worked export example is what {@link LogExportWriter} writes. */
class ExportFormatDocGoldenTest {
    static Map<String, String> generated() throws Exception {
        List<byte[]> leaves = List.of(
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "{\"b\":\"two\"}".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogExportWriter writer = new LogExportWriter(out, LogExportTest.signedCheckpoint(leaves));
        for (byte[] leaf : leaves) {
            writer.writeLeaf(leaf);
        }
        writer.finish();
        Map<String, String> blocks = new TreeMap<>();
        blocks.put("export-example", out.toString(StandardCharsets.UTF_8));
        return blocks;
    }

    @Test
    void goldenBlocksOfSection10MatchTheCode() throws Exception {
        List<String> failures = FormatDoc.check("10", "11", generated());
        assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    }

    /** Prints the blocks, for pasting into docs/format.md when the format deliberately changes. */
    public static void main(String[] args) throws Exception {
        for (Map.Entry<String, String> block : generated().entrySet()) {
            System.out.print("```golden " + block.getKey() + "\n" + block.getValue() + "```\n");
        }
    }
}
