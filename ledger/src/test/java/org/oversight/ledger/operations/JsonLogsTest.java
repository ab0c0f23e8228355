package org.oversight.ledger.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.core.io.DefaultResourceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** {@code --oversight.log.json=true} and the profile {@code json-logs} make the console log JSON lines. */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Configuration
    static class Nothing {}

    /**
     * The tests' logback-test.xml would take precedence over Boot's own configuration, where the
     * structured format lives; the application under test does not see it, as the packaged jar.
     */
    private static final ClassLoader WITHOUT_TEST_LOGBACK = new ClassLoader(JsonLogsTest.class.getClassLoader()) {
        @Override
        public URL getResource(String name) {
            return name.startsWith("logback-test") ? null : super.getResource(name);
        }
    };

    /**
     * Boot initialises logging once per logger context: an application context of another test
     * still alive in this JVM would make the one under test skip it. Resetting forgets that.
     */
    @BeforeEach
    void forgetEarlierInitialisation() throws Exception {
        restoreTestLogging();
    }

    /** Puts the tests' own logging back for the tests that run after these in this JVM. */
    @AfterEach
    void restoreTestLogging() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private static void logOneLine(String... args) {
        try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(Nothing.class)
                .resourceLoader(new DefaultResourceLoader(WITHOUT_TEST_LOGBACK))
                .web(WebApplicationType.NONE).bannerMode(org.springframework.boot.Banner.Mode.OFF)
                .run(args)) {
            LoggerFactory.getLogger("oversight.test").info("json-logs probe {}", 42);
        }
    }

    private static JsonNode probeLine(CapturedOutput output) throws Exception {
        String line = output.getOut().lines().filter(l -> l.contains("json-logs probe")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no probe line in: " + output.getOut()));
        return JSON.readTree(line);
    }

    @Test
    void theOptionMakesEachLogLineAJsonObject(CapturedOutput output) throws Exception {
        logOneLine("--oversight.log.json=true", "--oversight.store.type=postgres");
        JsonNode line = probeLine(output);
        assertThat(line.path("message").asText()).isEqualTo("json-logs probe 42");
        // ECS as Spring Boot 3.5 writes it: nested "log" object.
        assertThat(line.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(line.at("/log/logger").asText()).isEqualTo("oversight.test");
    }

    @Test
    void theProfileDoesTheSame(CapturedOutput output) throws Exception {
        logOneLine("--spring.profiles.active=json-logs", "--oversight.store.type=postgres");
        assertThat(probeLine(output).path("message").asText()).isEqualTo("json-logs probe 42");
    }

    @Test
    void withoutItTheLogIsPlainTextAndAnExplicitFormatWins() {
        StandardEnvironment plain = new StandardEnvironment();
        new JsonLogs().postProcessEnvironment(plain, new SpringApplication());
        assertThat(plain.containsProperty(JsonLogs.BOOT_PROPERTY)).isFalse();

        StandardEnvironment explicit = new StandardEnvironment();
        explicit.getPropertySources().addFirst(new MapPropertySource("args", Map.of(JsonLogs.PROPERTY, "true",
                JsonLogs.BOOT_PROPERTY, "logstash")));
        new JsonLogs().postProcessEnvironment(explicit, new SpringApplication());
        assertThat(explicit.getProperty(JsonLogs.BOOT_PROPERTY)).isEqualTo("logstash");

        StandardEnvironment on = new StandardEnvironment();
        on.getPropertySources().addFirst(new MapPropertySource("args", Map.of(JsonLogs.PROPERTY, "true")));
        new JsonLogs().postProcessEnvironment(on, new SpringApplication());
        assertThat(on.getProperty(JsonLogs.BOOT_PROPERTY)).isEqualTo(JsonLogs.FORMAT);
    }
}
