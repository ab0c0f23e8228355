package org.oversight.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class DemoScenarioOptionsTest {
    private static final String[] BASE = {"--token", "@op", "--auditor-token", "@au", "--photos", "p.tsv", "--out", "o"};

    private static String[] with(String... more) {
        String[] all = new String[BASE.length + more.length];
        System.arraycopy(BASE, 0, all, 0, BASE.length);
        System.arraycopy(more, 0, all, BASE.length, more.length);
        return all;
    }

    @Test
    void readsEveryOption() {
        DemoScenario.Options o = DemoScenario.parse(with("--url-file", "u", "--small"));
        assertThat(o.urlFile).isEqualTo(Path.of("u"));
        assertThat(o.url).isNull();
        assertThat(o.small).isTrue();
        assertThat(o.photos).isEqualTo(Path.of("p.tsv"));
        assertThat(o.witnesses).isZero();
        assertThat(DemoScenario.parse(with("--url-file", "u", "--witnesses", "2")).witnesses).isEqualTo(2);
    }

    @Test
    void aWitnessCountOutsideZeroToSixteenIsRefused() {
        assertThatThrownBy(() -> DemoScenario.parse(with("--url-file", "u", "--witnesses", "-1")))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--witnesses -1 outside 0..16");
        assertThatThrownBy(() -> DemoScenario.parse(with("--url-file", "u", "--witnesses", "17")))
                .hasMessageContaining("--witnesses 17");
    }

    @Test
    void readsTheSealedRecordOptions() {
        DemoScenario.Options o = DemoScenario.parse(with("--url-file", "u", "--witness-url", "http://127.0.0.1:1",
                "--witness-url", "http://127.0.0.1:2", "--officer-token", "@of", "--authority-token", "@pa",
                "--seal-seconds", "7", "--erase-after-seconds", "0"));
        assertThat(o.witnessUrls).extracting(java.net.URI::toString)
                .containsExactly("http://127.0.0.1:1", "http://127.0.0.1:2");
        assertThat(o.officerToken).isEqualTo("@of");
        assertThat(o.authorityToken).isEqualTo("@pa");
        assertThat(o.sealSeconds).isEqualTo(7);
        assertThat(o.eraseAfterSeconds).isZero();
        DemoScenario.Options defaults = DemoScenario.parse(with("--url-file", "u"));
        assertThat(defaults.witnessUrls).isEmpty();
        assertThat(defaults.sealSeconds).isEqualTo(20);
        assertThat(defaults.eraseAfterSeconds).isEqualTo(10);
    }

    @Test
    void epochWindowsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> DemoScenario.parse(with("--url-file", "u", "--seal-seconds", "0")))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--seal-seconds 0 outside 1..3600");
        assertThatThrownBy(() -> DemoScenario.parse(with("--url-file", "u", "--erase-after-seconds", "-1")))
                .hasMessageContaining("--erase-after-seconds -1 outside 0..3600");
        assertThatThrownBy(() -> DemoScenario.parse(with("--url-file", "u", "--seal-seconds", "3601")))
                .hasMessageContaining("--seal-seconds 3601");
    }

    @Test
    void badCommandLinesNameTheOption() {
        assertThatThrownBy(() -> DemoScenario.parse(BASE)).isInstanceOf(ParameterException.class)
                .hasMessageContaining("exactly one of --url and --url-file");
        assertThatThrownBy(() -> DemoScenario.parse(with("--url", "http://127.0.0.1:1", "--url-file", "u")))
                .hasMessageContaining("exactly one of --url and --url-file");
        assertThatThrownBy(() -> DemoScenario.parse(with("--url-file", "u", "--out", "again")))
                .hasMessageContaining("--out");
        assertThatThrownBy(() -> DemoScenario.parse(with("--url-file", "u", "--bogus")))
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> DemoScenario.parse(new String[] {"--url-file", "u"}))
                .hasMessageContaining("--token");
    }
}
