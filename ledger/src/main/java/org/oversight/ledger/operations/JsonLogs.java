package org.oversight.ledger.operations;

import java.util.Map;
import org.oversight.ledger.keys.LogProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code --oversight.log.json=true} (or the Spring profile {@code json-logs}) switches the console
 * log to Spring Boot's structured logging in the Elastic Common Schema: one JSON object per line,
 * for a log shipper. Runs before the logging system starts; an explicit
 * {@code logging.structured.format.console} wins.
 */
public class JsonLogs implements EnvironmentPostProcessor {
    /** The switch. */
    public static final String PROPERTY = "oversight.log.json";
    /** The format chosen: ECS, which log shippers read without configuration. */
    public static final String FORMAT = "ecs";
    static final String BOOT_PROPERTY = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        boolean json = binder.bind("oversight.log", LogProperties.class).map(LogProperties::json)
                .orElseGet(() -> new LogProperties(null, null, null).json());
        if (json && !environment.containsProperty(BOOT_PROPERTY)) {
            environment.getPropertySources().addLast(new MapPropertySource("oversight-json-logs",
                    Map.of(BOOT_PROPERTY, FORMAT)));
        }
    }
}
