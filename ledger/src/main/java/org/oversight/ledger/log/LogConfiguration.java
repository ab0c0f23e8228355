package org.oversight.ledger.log;

import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the read side. */
@Configuration
@ConditionalOnPostgresLog
public class LogConfiguration {
    @Bean
    BiometricReadAudit biometricReadAudit(DataSource dataSource, Clock clock) {
        return new BiometricReadAudit(dataSource, clock);
    }
}
