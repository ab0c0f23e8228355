package org.oversight.ledger.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.testing.LedgerAppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.oversight.ledger.ingest.IngestService;
import org.oversight.ledger.sequencer.Sequencer;
import java.nio.charset.StandardCharsets;

/**
 * Axon 4.11+ wraps every message handler in a time limit by default ({@code axon.timeout.enabled},
 * true unless set), and each wrapped invocation captures the calling thread's stack
 * ({@code AxonTimeLimitedTask.start} → {@code Thread.getStackTrace}) — on the single writer's path,
 * for every command and every applied event (docs/ledger.md §1). The ledger turns it off; this test
 * fails if the wrapping comes back (a property default, a new auto-configuration or a bean). Likewise
 * Axon's default correlation data (a trace and a correlation id in every event's metadata).
 */
class AxonWritePathSettingsTest extends LedgerAppTest {
    @Autowired
    Configuration axon;
    @Autowired
    ApplicationContext context;
    @Autowired
    IngestService ingest;
    @Autowired
    Sequencer sequencer;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noHandlerOfTheStreamAggregateIsWrappedInATimeLimit() throws Exception {
        // Package-private in Axon: named, so that unwrap() finds it anywhere in a handler's wrapper chain.
        Class<?> timeLimited = Class.forName("org.axonframework.messaging.timeout.TimeoutWrappedMessageHandlingMember");
        AnnotatedHandlerInspector<StreamAggregate> inspector = AnnotatedHandlerInspector.inspectType(
                StreamAggregate.class, axon.parameterResolverFactory(), axon.handlerDefinition(StreamAggregate.class));
        List<MessageHandlingMember<? super StreamAggregate>> handlers = inspector.getAllHandlers().values().stream()
                .flatMap(java.util.Collection::stream).collect(Collectors.toList());

        // Two command handlers (SubmitEvent, SubmitEvents) and the event-sourcing handler: the check is not vacuous.
        assertThat(handlers).hasSizeGreaterThanOrEqualTo(3);
        assertThat(handlers).allSatisfy(h -> assertThat(h.unwrap(timeLimited))
                .as("handler %s wrapped in Axon's handler timeout", h.signature()).isEmpty());
    }

    @Test
    void axonsTimeoutAutoConfigurationIsOff() {
        assertThat(context.getBeansOfType(HandlerTimeoutHandlerEnhancerDefinition.class)).isEmpty();
        // The same auto-configuration registers the unit-of-work time limit on the command bus.
        assertThat(context.containsBean("axonTimeoutConfigurerModule")).isFalse();
    }

    @Test
    void eventsCarryOnlyTheLedgersMetaData() throws Exception {
        synchronized (LedgerAppTest.class) {
            if (sequencer.committed().size() == 0) {
                ingest.submit(WORLD.genesis());
            }
        }
        byte[] stored = jdbc.queryForObject(
                "SELECT metaData FROM DomainEventEntry ORDER BY globalIndex DESC LIMIT 1", byte[].class);
        String metaData = new String(stored, StandardCharsets.UTF_8);

        assertThat(metaData).contains("\"" + EventRecorded.LEAF_INDEX + "\"", "\"" + EventRecorded.EVENT_TYPE + "\"");
        assertThat(metaData).doesNotContain("traceId", "correlationId");
    }
}
