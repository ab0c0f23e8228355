package org.oversight.ledger.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

class LogOriginTest {

    /** C2SP: the origin is the schema-less URL prefix of the log, without trailing slashes. */
    @ParameterizedTest
    @CsvSource({
        "https://ledger.example.org, ledger.example.org",
        "https://ledger.example.org/, ledger.example.org",
        "https://Ledger.Example.ORG/oversight/log//, ledger.example.org/oversight/log",
        "http://127.0.0.1:8080, 127.0.0.1:8080",
        "https://logs.example.net:8443/a/b, logs.example.net:8443/a/b",
        "HTTPS://rome.ct.filippo.io/2024h1/, rome.ct.filippo.io/2024h1"})
    void originIsTheSchemaLessPrefix(String url, String origin) throws Exception {
        assertThat(LogOrigin.fromPublicUrl(url)).isEqualTo(origin);
        LogOrigin resolved = LogOrigin.resolve(Optional.of(url), Optional.empty());
        assertThat(resolved.value()).isEqualTo(origin);
        assertThat(resolved.source()).contains(url);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ledger.example.org/log | needs the scheme",
        "ftp://ledger.example.org | needs the scheme",
        "https:///log | no host",
        "https://user:pw@ledger.example.org | user info",
        "https://ledger.example.org/log?x=1 | query or fragment",
        "https://ledger.example.org/log#top | query or fragment",
        "https://ledger example.org | not a URL",
        "https://ledger.example.org/a+b | cannot name a key"})
    void invalidPublicUrlsFailNamingTheValue(String url, String why) {
        assertThatThrownBy(() -> LogOrigin.resolve(Optional.of(url), Optional.empty()))
                .isInstanceOf(InvalidLogAddressException.class)
                .hasMessageContaining("oversight.log.public-url").hasMessageContaining(why);
    }

    @Test
    void explicitOriginOverridesThePublicUrl() throws Exception {
        LogOrigin o = LogOrigin.resolve(Optional.of("https://new.example.org"), Optional.of("old.example.org/log"));
        assertThat(o.value()).isEqualTo("old.example.org/log");
        assertThat(o.source()).contains("overrides 'new.example.org'");
        assertThat(LogOrigin.resolve(Optional.of(""), Optional.of("a.example/log")).value()).isEqualTo("a.example/log");
        assertThatThrownBy(() -> LogOrigin.resolve(Optional.empty(), Optional.of("bad origin")))
                .isInstanceOf(InvalidLogAddressException.class).hasMessageContaining("oversight.log.origin");
        // An invalid URL fails even when an origin overrides it: a typo is never silently ignored.
        assertThatThrownBy(() -> LogOrigin.resolve(Optional.of("nonsense"), Optional.of("a.example/log")))
                .isInstanceOf(InvalidLogAddressException.class);
    }

    /** Wired: the log key is named after the public URL; an invalid URL stops the start naming the value. */
    @Test
    void theLedgerKeysFollowThePublicUrlAndAnInvalidOneFailsTheStart(@TempDir Path dir) {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(KeysConfiguration.class)
                .withPropertyValues("oversight.data-dir=" + dir);
        runner.withPropertyValues("oversight.log.public-url=https://ledger.example.org/log/").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(LedgerKeys.class).logKey().keyName()).isEqualTo("ledger.example.org/log");
            assertThat(context.getBean(LogOrigin.class).value()).isEqualTo("ledger.example.org/log");
        });
        // The context logs the expected failure at WARN; muted here so that it is not read as a fault.
        Logger contextLog = (Logger) LoggerFactory.getLogger(AnnotationConfigApplicationContext.class);
        Level level = contextLog.getLevel();
        contextLog.setLevel(Level.ERROR);
        try {
            runner.withPropertyValues("oversight.log.public-url=ledger.example.org/log").run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidLogAddressException.class)
                        .hasMessageContaining("'ledger.example.org/log' needs the scheme");
            });
        } finally {
            contextLog.setLevel(level);
        }
    }

    @Test
    void neitherGivesThePlaceholder() throws Exception {
        assertThat(LogOrigin.resolve(Optional.empty(), Optional.empty()).value()).isEqualTo(LogOrigin.PLACEHOLDER);
        assertThat(LogOrigin.resolve(Optional.of(" "), Optional.of("")).value()).isEqualTo(LogOrigin.PLACEHOLDER);
    }
}
