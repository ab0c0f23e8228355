package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.checkpoint.SignedCheckpoint;

class TofuStateFileTest {
    @TempDir
    Path dir;

    @Test
    void missingFileIsFirstUse() throws Exception {
        assertThat(new TofuStateFile(dir.resolve("none")).load()).isEmpty();
    }

    @Test
    void saveCreatesDirectoriesReplacesAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        List<byte[]> leaves = TestLog.scenario().leaves();
        SignedCheckpoint first = TestLog.checkpoint(leaves.subList(0, 5), TestLog.logKey(TestLog.LOG_SEED));
        SignedCheckpoint second = TestLog.checkpoint(leaves, TestLog.logKey(TestLog.LOG_SEED));
        TofuStateFile state = new TofuStateFile(dir.resolve("a").resolve("b").resolve("log.checkpoint"));
        state.save(first);
        assertThat(state.load().map(SignedCheckpoint::toString)).contains(first.toString());
        state.save(second);
        assertThat(state.load().map(SignedCheckpoint::toString)).contains(second.toString());
        try (Stream<Path> files = Files.list(dir.resolve("a").resolve("b"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("log.checkpoint");
        }
    }

    @Test
    void malformedStateIsRejectedNamingTheFile() throws Exception {
        Path path = dir.resolve("state");
        Files.writeString(path, "example.org/log\n3\n");
        assertThatThrownBy(() -> new TofuStateFile(path).load())
                .isInstanceOf(TofuStateFile.MalformedStateException.class)
                .hasMessageContaining(path.toString());
    }

    @Test
    void progressIsReportedAtIntervalsAndAtTheEnd() throws Exception {
        List<byte[]> leaves = TestLog.scenario().leaves();
        byte[] export = TestLog.export(leaves, TestLog.logKey(TestLog.LOG_SEED));
        List<long[]> calls = new ArrayList<>();
        new LogAuditor(TestLog.logKey(TestLog.LOG_SEED).verifier(), TestLog.ORIGIN, AuditOptions.defaults())
                .audit(new ByteArrayInputStream(export), Optional.empty(), (done, total) -> calls.add(new long[] {done, total}));
        assertThat(calls).singleElement().satisfies(c -> assertThat(c).containsExactly(14, 14));
    }
}
