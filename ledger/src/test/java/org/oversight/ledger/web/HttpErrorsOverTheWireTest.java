package org.oversight.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.ledger.testing.RawHttp.assertProblem;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.security.Role;
import org.oversight.ledger.testing.LedgerAppTest;
import org.oversight.ledger.testing.RawHttp;

/**
 * Every error the service answers is an RFC 9457 problem, also those that never reach a controller:
 * the URL firewall, Tomcat's own request parsing, the {@code /error} path. Sent over a raw socket to
 * the real Tomcat, because HTTP clients normalise paths and refuse some of these requests.
 */
class HttpErrorsOverTheWireTest extends LedgerAppTest {
    @Test
    void dotDotSegmentsAreRefusedByTheFirewall() throws Exception {
        assertProblem(RawHttp.request(port, "GET", "/tile/../v1/keys"), 400, "malformed-request");
        assertProblem(RawHttp.request(port, "GET", "/tile/../v1/keys", "Authorization: " + bearer(Role.AUDITOR)),
                400, "malformed-request");
    }

    @Test
    void encodedSlashesAndSemicolonsAreRefused() throws Exception {
        assertProblem(RawHttp.request(port, "GET", "/tile/0%2F000"), 400, "malformed-request");
        assertProblem(RawHttp.request(port, "GET", "/checkpoint;jsessionid=1"), 400, "malformed-request");
        assertProblem(RawHttp.request(port, "GET", "/tile/%zz"), 400, "malformed-request");
    }

    @Test
    void traceIsNotAllowed() throws Exception {
        assertProblem(RawHttp.request(port, "TRACE", "/checkpoint"), 405, "method-not-allowed");
    }

    @Test
    void oversizedHeadersAreAProblem() throws Exception {
        RawHttp.Response r = RawHttp.request(port, "GET", "/checkpoint", "X-Padding: " + "a".repeat(20_000));
        assertProblem(r, r.status(), "malformed-request");
        assertThat(r.status()).isIn(400, 431);
    }

    @Test
    void malformedRequestLineIsAProblem() throws Exception {
        RawHttp.Response r = RawHttp.exchange(port,
                "GET /check point HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertProblem(r, 400, "malformed-request");
    }

    @Test
    void theErrorPathIsNotAPage() throws Exception {
        assertProblem(RawHttp.request(port, "GET", "/error"), 404, "not-found");
        assertProblem(RawHttp.request(port, "GET", "/error", "Authorization: " + bearer(Role.AUDITOR)), 404,
                "not-found");
    }

    @Test
    void unknownPathsAndMissingTokensAreProblems() throws Exception {
        assertProblem(RawHttp.request(port, "GET", "/no/such/thing"), 401, "unauthenticated");
        assertProblem(RawHttp.request(port, "GET", "/no/such/thing", "Authorization: " + bearer(Role.AUDITOR)), 404,
                "not-found");
        assertProblem(RawHttp.request(port, "DELETE", "/checkpoint", "Authorization: " + bearer(Role.AUDITOR)), 405,
                "method-not-allowed");
    }
}
