package org.oversight.domain.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.SignedCheckpoint;

/** docs/format.md §10.2: the checkpoint archive's framing, order and errors. */
class CheckpointArchiveTest {
    private static byte[] archive(int... sizes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CheckpointArchive.Writer w = new CheckpointArchive.Writer(out);
        List<byte[]> leaves = LogExportTest.leaves(10);
        for (int size : sizes) {
            w.write(LogExportTest.signedCheckpoint(leaves.subList(0, size)));
        }
        return out.toByteArray();
    }

    private static List<SignedCheckpoint> read(byte[] bytes) throws Exception {
        CheckpointArchive.Reader r = new CheckpointArchive.Reader(new ByteArrayInputStream(bytes));
        List<SignedCheckpoint> out = new ArrayList<>();
        for (SignedCheckpoint c = r.next(); c != null; c = r.next()) {
            out.add(c);
        }
        return out;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsInIncreasingSize() throws Exception {
        assertThat(read(archive(1, 4, 9))).extracting(c -> c.checkpoint().size()).containsExactly(1L, 4L, 9L);
        assertThat(read(archive())).isEmpty();
    }

    @Test
    void theWriterRefusesSizesThatDoNotIncrease() throws Exception {
        CheckpointArchive.Writer w = new CheckpointArchive.Writer(new ByteArrayOutputStream());
        List<byte[]> leaves = LogExportTest.leaves(3);
        w.write(LogExportTest.signedCheckpoint(leaves));
        assertThatThrownBy(() -> w.write(LogExportTest.signedCheckpoint(leaves.subList(0, 3))))
                .hasMessageContaining("checkpoint size 3 after size 3");
    }

    @Test
    void malformedArchivesNameTheLine() throws Exception {
        assertThatThrownBy(() -> read(new byte[0])).hasMessageContaining("line 1").hasMessageContaining("no header");
        assertThatThrownBy(() -> read(text("{\"format\":\"oversight/export/v1\"}\n")))
                .hasMessageContaining("line 1").hasMessageContaining("is not 'oversight/checkpoints/v1'");
        assertThatThrownBy(() -> read(text("{ \"format\":\"oversight/checkpoints/v1\"}\n"))).hasMessageContaining("line 1");
        byte[] good = archive(2, 5);
        String s = new String(good, StandardCharsets.UTF_8);
        String[] lines = s.split("\n");
        // Sizes out of order.
        assertThatThrownBy(() -> read(text(lines[0] + "\n" + lines[2] + "\n" + lines[1] + "\n")))
                .hasMessageContaining("line 3").hasMessageContaining("tree size 2 does not exceed the previous line's 5");
        // The last line without its LF.
        assertThatThrownBy(() -> read(text(s.substring(0, s.length() - 1))))
                .hasMessageContaining("line 3").hasMessageContaining("not terminated by LF");
        // Another member.
        assertThatThrownBy(() -> read(text(lines[0] + "\n" + lines[1].replace("{\"checkpoint\"", "{\"a\":1,\"checkpoint\"")
                + "\n"))).hasMessageContaining("line 2");
        // Not a checkpoint.
        assertThatThrownBy(() -> read(text(lines[0] + "\n{\"checkpoint\":\"x\"}\n")))
                .hasMessageContaining("line 2").hasMessageContaining("checkpoint");
    }

    @Test
    void mutatedArchivesAreReadOrRefusedWithACheckedException() throws Exception {
        byte[] good = archive(1, 3, 7);
        SplittableRandom random = new SplittableRandom(20261206);
        for (int i = 0; i < 2000; i++) {
            byte[] m = good.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            }
            try {
                read(m);
            } catch (MalformedExportException e) {
                assertThat(e.getMessage()).contains("line ");
            }
        }
    }
}
