package org.oversight.ledger.testing;

import java.nio.file.Path;
import java.util.Map;
import org.oversight.ledger.LedgerApplication;
import org.oversight.ledger.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of the HTTP tests: ONE application context for all of them (same configuration, so Spring
 * caches it), on a fresh database in the JVM's one shared embedded PostgreSQL
 * ({@code oversight.store.type=postgres}), with a temporary data directory holding the keys and one
 * API credential per role. MockMvc for most requests; a real Tomcat on a random port
 * ({@link #port}) for what only a servlet container does (URL firewall, error pages, HEAD,
 * client aborts). Tests share the log, so each uses
 * its own stream ids; {@link #WORLD}'s genesis is submitted once, first.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
    "oversight.store.type=postgres",
    "oversight.checkpoint.every-leaves=1",
    "oversight.checkpoint.interval-ms=50",
    "oversight.log.origin=test.oversight/log",
    "oversight.ingest.max-batch-events=50",
    "axon.eventhandling.processors.default.mode=subscribing"
})
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
public abstract class LedgerAppTest {
    private static final TestSite SITE = TestSite.create("oversight-ledger-test", Role.values());
    protected static final Path DATA_DIR = SITE.dataDir();
    protected static final Map<Role, String> TOKENS = SITE.tokens();
    protected static final World WORLD = new World();


    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SITE.register(registry);
    }

    @Autowired
    protected MockMvc mvc;

    /** The port of the context's real Tomcat. */
    @LocalServerPort
    protected int port;

    protected static String bearer(Role role) {
        return "Bearer " + TOKENS.get(role);
    }
}
