package org.oversight.ledger.leader;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.axonframework.common.caching.Cache;
import org.oversight.ledger.aggregate.AggregateConfiguration;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.engine.EngineProperties;
import org.oversight.ledger.engine.RecognitionProcessor;
import org.oversight.ledger.ingest.RegistryResync;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.TakeoverStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Leadership for several ledger nodes on one PostgreSQL (docs/ledger.md "Leadership"), on with
 * {@code oversight.leadership.enabled=true}. Keys: {@code node-id} (default host name and pid),
 * {@code advertised-url} (shown to clients of followers), {@code poll-interval-ms} (1000),
 * {@code session-timeout-ms} (10000; failover bound), {@code lock-key}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnPostgresLog
@ConditionalOnProperty(name = "oversight.leadership.enabled", havingValue = "true")
@EnableConfigurationProperties({LeadershipProperties.class, EngineProperties.class})
public class LeadershipConfiguration {
    private static final String SCHEMA = "/db/ledger-leader-schema.sql";

    /** Installed into the sequencer before any write; creates the epoch table. */
    @Bean
    EpochFence sequencerFence(DataSource dataSource) {
        createSchema(dataSource);
        return new EpochFence(dataSource);
    }

    @Bean(destroyMethod = "close")
    LeaderLease leaderLease(DataSource dataSource, LeadershipProperties leadership) {
        return new LeaderLease(unpooled(dataSource), leadership.lockKey(), leadership.sessionTimeoutMs());
    }

    @Bean
    LeadershipManager leadershipManager(LeaderLease lease, EpochFence fence, Sequencer sequencer,
            Checkpointer checkpointer, LedgerRegistry registry, LeafStore store,
            @Qualifier(AggregateConfiguration.CACHE) Cache aggregateCache,
            ObjectProvider<RecognitionProcessor> processor, ObjectProvider<TakeoverStep> takeoverSteps,
            DataSource dataSource,
            EngineProperties engine, LeadershipProperties leadership) {
        RegistryResync resync = new RegistryResync(registry, store, aggregateCache);
        // The registry first: a takeover step (the KurrentDB mirror) reads signer principals from it.
        List<TakeoverStep> steps = takeoverSteps.orderedStream().toList();
        LongConsumer takeOver = size -> {
            resync.resync(size);
            steps.forEach(step -> step.beforeWrites(size));
        };
        return new LeadershipManager(lease, fence, sequencer, checkpointer, takeOver,
                Optional.ofNullable(processor.getIfAvailable()), engine.pollIntervalMs(), dataSource,
                leadership.node(), leadership.url(), leadership.pollIntervalMs());
    }

    @Bean
    FilterRegistrationBean<LeaderWriteFilter> leaderWriteFilter(LeadershipManager leadership,
            LeadershipProperties properties) {
        FilterRegistrationBean<LeaderWriteFilter> r = new FilterRegistrationBean<>(
                new LeaderWriteFilter(leadership, Math.max(1, (properties.sessionTimeoutMs() + 999) / 1000)));
        r.addUrlPatterns("/v1/events", "/v1/events/batch");
        r.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return r;
    }

    @Bean
    LeadershipHealthIndicator leadershipHealthIndicator(LeadershipManager leadership) {
        return new LeadershipHealthIndicator(leadership);
    }

    /** The lease session must not come from the pool, which may close or share connections. */
    private static DataSource unpooled(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource h) {
            DriverManagerDataSource d = new DriverManagerDataSource(h.getJdbcUrl(), h.getUsername(), h.getPassword());
            d.setConnectionProperties(h.getDataSourceProperties());
            return d;
        }
        return dataSource;
    }

    static void createSchema(DataSource dataSource) {
        try (InputStream in = LeadershipConfiguration.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + SCHEMA + " missing from the jar");
            }
            new JdbcTemplate(dataSource).execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCHEMA, e);
        }
    }

    static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
