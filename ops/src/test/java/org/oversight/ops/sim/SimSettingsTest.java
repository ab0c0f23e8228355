package org.oversight.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimSettingsTest {
    private static final String[] BASE = {"--url", "http://127.0.0.1:8080", "--token", "ovt.a.b"};

    private static String[] with(String... more) {
        String[] out = new String[BASE.length + more.length];
        System.arraycopy(BASE, 0, out, 0, BASE.length);
        System.arraycopy(more, 0, out, BASE.length, more.length);
        return out;
    }

    @Test
    void defaultsAreTheMaxRateModeOfTheOldIngestGenerator() throws Exception {
        SimSettings s = SimSettings.parse(BASE);
        assertThat(s.maxRate()).isTrue();
        assertThat(s.events()).isEqualTo(20_000);
        assertThat(s.batch()).isEqualTo(100);
        assertThat(s.reviewers()).isZero();
    }

    @Test
    void sealingIsTheDefaultAndClearDetectionsAreOptIn() throws Exception {
        assertThat(SimSettings.parse(BASE).seal()).isTrue();
        assertThat(SimSettings.parse(with("--seal")).seal()).isTrue();
        assertThat(SimSettings.parse(with("--no-seal")).seal()).isFalse();
    }

    @Test
    void openLoopMode() throws Exception {
        SimSettings s = SimSettings.parse(with("--rate", "250", "--cameras", "16", "--reviewers", "3", "--near", "0.02"));
        assertThat(s.maxRate()).isFalse();
        assertThat(s.rate()).isEqualTo(250);
        assertThat(s.reviewers()).isEqualTo(3);
        assertThat(s.near()).isEqualTo(0.02);
    }

    @Test
    void usageErrorsNameTheOptionAndValue() {
        assertThatThrownBy(() -> SimSettings.parse(new String[] {"--url", "http://127.0.0.1:1"}))
                .hasMessageContaining("Missing required option: '--token");
        assertThatThrownBy(() -> SimSettings.parse(with("--rate", "fast"))).hasMessageContaining("--rate 'fast'");
        assertThatThrownBy(() -> SimSettings.parse(with("--cameras", "0"))).hasMessageContaining("--cameras '0'");
        assertThatThrownBy(() -> SimSettings.parse(with("--reviewers", "1"))).hasMessageContaining("--reviewers 1");
        assertThatThrownBy(() -> SimSettings.parse(with("--near", "2"))).hasMessageContaining("--near '2'");
        assertThatThrownBy(() -> SimSettings.parse(with("--bogus", "1"))).hasMessageContaining("Unknown options: '--bogus'");
        assertThatThrownBy(() -> SimSettings.parse(with("--seconds"))).hasMessageContaining("Missing required parameter for option '--seconds'");
        assertThatThrownBy(() -> SimSettings.parse(with("--batch", "10", "--batch", "20")))
                .hasMessageContaining("should be specified only once");
        assertThatThrownBy(() -> SimSettings.parse(with("--clients", "4", "--cameras", "2")))
                .hasMessageContaining("--cameras 2 < --clients 4");
        assertThatThrownBy(() -> SimSettings.parse(new String[] {"--url", "http://192.0.2.1:8080", "--token", "x"}))
                .hasMessageContaining("not a loopback address");
    }

    @Test
    void cliPrintsOneLineAndExitsTwoOnUsageError() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = SimulatorCli.run(with("--rate", "-3"));
        } finally {
            System.setErr(err);
        }
        assertThat(code).isEqualTo(2);
        String out = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(out.lines()).hasSize(1);
        assertThat(out).startsWith("simulator: --rate '-3'");
    }
}
