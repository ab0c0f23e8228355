package org.oversight.ledger.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.oversight.ledger.LedgerApplication;
import org.oversight.ledger.security.Role;
import org.oversight.ledger.testing.TestSite;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * A ledger that must re-derive sealed enrolment crops ({@code oversight.vault.derive-enrolments},
 * true by default) but cannot load the face model does not start: it stops at start-up with one
 * line naming the property and the model directory (docs/ledger.md §12.6), instead of answering
 * the first sealed watchlist entry with a 500. Without derivation it starts without the model.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultModelStartupTest {
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext start(TestSite site, String... extra) {
        List<String> args = new ArrayList<>(List.of("--oversight.store.type=postgres",
                "--oversight.data-dir=" + site.dataDir(), "--spring.datasource.url=" + site.dbUrl(),
                "--oversight.log.origin=test.oversight/vault-model-startup", "--server.port=0",
                "--server.address=127.0.0.1", "--oversight.vault.closer-enabled=false",
                "--axon.eventhandling.processors.default.mode=subscribing"));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(LedgerApplication.class)
                .run(args.toArray(String[]::new));
        started.add(ctx);
        return ctx;
    }

    @Test
    void derivingWithoutAModelStopsTheStartWithOneLineNamingThePropertyAndTheDirectory(CapturedOutput output)
            throws Exception {
        TestSite site = TestSite.create("oversight-vault-model-startup", Role.OPERATOR);
        Path missing = Files.createTempDirectory("oversight-no-model").resolve("face-api-model");

        Throwable failure = catchThrowable(() -> start(site, "--oversight.vault.model-dir=" + missing));

        assertThat(failure).as("the ledger started without the model it needs").isNotNull();
        VaultModelUnavailableException cause = causeOf(failure);
        assertThat(cause.getMessage()).doesNotContain("\n").contains("oversight.vault.derive-enrolments")
                .contains("oversight.vault.model-dir").contains(missing.toString());
        assertThat(cause.modelDir()).isEqualTo(missing);

        // Spring Boot reports it through the ledger's failure analyzer: the one line, then what to do.
        FailureAnalysis analysis = SpringFactoriesLoader.forDefaultResourceLocation()
                // Boot's own analyzers need constructor arguments the failure reporter passes: skipped here.
                .load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((m, e) -> { }))
                .stream().map(a -> a.analyze(failure)).filter(a -> a != null
                        && a.getDescription().contains("oversight.vault.derive-enrolments"))
                .findFirst().orElseThrow(() -> new AssertionError("no failure analyzer of the ledger explains " + cause));
        assertThat(analysis.getDescription()).isEqualTo(cause.getMessage());
        assertThat(analysis.getAction()).contains("oversight.vault.model-dir").contains("fetch-assets.sh");
        assertThat(output.getAll()).contains(cause.getMessage());
    }

    @Test
    void withoutDerivationTheLedgerStartsWithoutTheModel() throws Exception {
        TestSite site = TestSite.create("oversight-vault-model-startup-off", Role.OPERATOR);
        Path missing = Files.createTempDirectory("oversight-no-model").resolve("face-api-model");

        ConfigurableApplicationContext ctx = start(site, "--oversight.vault.model-dir=" + missing,
                "--oversight.vault.derive-enrolments=false");

        assertThat(ctx.isActive()).isTrue();
        assertThat(ctx.getBean(VaultEnrolments.class)).isNotNull();
    }

    private static VaultModelUnavailableException causeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof VaultModelUnavailableException v) {
                return v;
            }
        }
        throw new AssertionError("the start failed for another reason", failure);
    }
}
