package org.oversight.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class LimitsReportArgumentsTest {
    @Test
    void ownOptionsAreReadAndTheRestGoesToJmh() {
        LimitsReport.Arguments a = LimitsReport.parse(new String[] {"--quick", "--native-memread", "m.properties", "-f",
                "1", "--checkpoint-interval-ms", "250", "-wi", "2"});
        assertThat(a.quick).isTrue();
        assertThat(a.nativeMemread).isEqualTo(Path.of("m.properties"));
        assertThat(a.interval).isEqualTo(250);
        assertThat(a.jmh).isEqualTo(List.of("-f", "1", "-wi", "2"));
        assertThat(a.sodiumUnavailable).startsWith("not run");
    }

    @Test
    void aMissingValueOrABadNumberIsAUsageError() {
        assertThatThrownBy(() -> LimitsReport.parse(new String[] {"--sim-max"})).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--sim-max");
        assertThatThrownBy(() -> LimitsReport.parse(new String[] {"--checkpoint-interval-ms", "soon"}))
                .hasMessageContaining("soon");
    }
}
