package org.oversight.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.security.Role;
import org.oversight.ledger.testing.LedgerAppTest;
import org.slf4j.LoggerFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A client that goes away is its own business: one INFO line, no ERROR and no stack trace that an
 * operator would take for a fault of the ledger. Real faults still log at ERROR.
 */
class ClientAbortLoggingTest extends LedgerAppTest {
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger problems = (Logger) LoggerFactory.getLogger(ProblemResponses.class);
    private Level problemsLevel;

    @BeforeEach
    void capture() {
        problemsLevel = problems.getLevel();
        problems.setLevel(Level.INFO);
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void release() {
        root.detachAppender(logged);
        problems.setLevel(problemsLevel);
    }

    private List<ILoggingEvent> errors() {
        return logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
    }

    private boolean loggedClientWentAway() {
        return logged.list.stream().anyMatch(e -> e.getLevel() == Level.INFO
                && e.getFormattedMessage().startsWith("client went away: POST /v1/events"));
    }

    private void awaitClientWentAway() throws InterruptedException {
        for (int i = 0; i < 200 && !loggedClientWentAway(); i++) {
            Thread.sleep(50);
        }
        assertThat(loggedClientWentAway()).as("INFO line; logged: %s", logged.list).isTrue();
    }

    private byte[] head(int contentLength) {
        return ("POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + bearer(Role.OPERATOR)
                + "\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\nConnection: close\r\n\r\n"
                + "{\"header\":").getBytes(StandardCharsets.US_ASCII);
    }

    /** Content-Length says 1000, ten bytes arrive, then the client half-closes. */
    @Test
    void shortBodyIsOneInfoLine() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(1000));
            out.flush();
            socket.shutdownOutput();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).doesNotContain(" 500 ").doesNotContain("internal");
        }
        awaitClientWentAway();
        assertThat(errors()).as("ERROR lines").isEmpty();
    }

    /** The client resets the connection in the middle of its body. */
    @Test
    void resetMidBodyIsOneInfoLine() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(60_000));
            out.flush();
            Thread.sleep(200);
            socket.setSoLinger(true, 0);
        }
        awaitClientWentAway();
        assertThat(errors()).as("ERROR lines").isEmpty();
    }

    /** An export reader that stops reading: the response is under way, so nothing more is sent. */
    @Test
    void disconnectDuringTheResponseSendsNothingMore() {
        ProblemResponses handler = new ProblemResponses();
        MockHttpServletResponse committed = new MockHttpServletResponse();
        committed.setCommitted(true);
        Exception gone = new ClientAbortException(new IOException("Broken pipe"));
        assertThat(handler.unexpected(gone, new MockHttpServletRequest("GET", "/v1/export"), committed)).isNull();
        assertThat(handler.unexpected(new RuntimeException(gone), new MockHttpServletRequest("GET", "/v1/export"),
                new MockHttpServletResponse()).getStatusCode().value()).isEqualTo(400);
        assertThat(errors()).isEmpty();
    }

    /** Captured only (not printed): an expected ERROR in the test output would look like a failure. */
    @Test
    void realFaultsStillLogAtError() {
        problems.addAppender(logged);
        problems.setAdditive(false);
        try {
            var answer = new ProblemResponses().unexpected(new IllegalStateException("a broken invariant"),
                    new MockHttpServletRequest("GET", "/v1/export"), new MockHttpServletResponse());
            assertThat(answer.getStatusCode().value()).isEqualTo(500);
        } finally {
            problems.setAdditive(true);
            problems.detachAppender(logged);
        }
        assertThat(errors()).singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).isEqualTo("internal error"));
    }
}
