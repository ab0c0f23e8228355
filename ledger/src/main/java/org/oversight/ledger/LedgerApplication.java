package org.oversight.ledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Oversight ledger service. By default it starts its own PostgreSQL (see docs/storage.md).
 *
 * <p>{@link DataSourceAutoConfiguration} is excluded: the storage configuration builds the
 * DataSource itself for {@code oversight.store.type=embedded-postgres} and {@code postgres}, and
 * none for {@code kurrentdb}.
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class LedgerApplication {

    /** System property that stops Axon from calling home on start. */
    public static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        disableAxonUpdateChecker();
        SpringApplication.run(LedgerApplication.class, args);
    }

    /** Must run before Spring starts; an explicit setting by the operator wins. */
    public static void disableAxonUpdateChecker() {
        if (System.getProperty(UPDATE_CHECKER_DISABLED) == null) {
            System.setProperty(UPDATE_CHECKER_DISABLED, "true");
        }
    }
}
