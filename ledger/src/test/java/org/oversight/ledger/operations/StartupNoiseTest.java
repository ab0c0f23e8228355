package org.oversight.ledger.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oversight.ledger.testing.LedgerAppTest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * The start-up chatter of the libraries is turned down in the application's own configuration:
 * the loggers that wrote initdb's transcript, the pool, servlet-engine and Axon advertisement lines
 * are set to WARN (deprecation notices to ERROR), so their warnings still show; the banner is off.
 */
class StartupNoiseTest extends LedgerAppTest {
    @Value("${spring.main.banner-mode}")
    String bannerMode;

    @Test
    void noisyStartupLoggersAreSetToWarn() {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        for (String logger : new String[] {"io.zonky.test.db.postgres", "com.zaxxer.hikari", "org.apache.catalina",
                "org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext",
                "org.springframework.boot.actuate.endpoint.web.EndpointLinksResolver",
                "org.springframework.security.config.annotation.authentication.configuration",
                "org.axonframework.config.AxonIQConsoleModule", "org.axonframework.updates"}) {
            assertThat(logging.getLoggerConfiguration(logger).getConfiguredLevel()).as(logger).isEqualTo(LogLevel.WARN);
        }
        assertThat(logging.getLoggerConfiguration("org.springframework.core.annotation.AnnotationTypeMapping")
                .getConfiguredLevel()).isEqualTo(LogLevel.ERROR);
        assertThat(bannerMode).isEqualTo("off");
    }
}
