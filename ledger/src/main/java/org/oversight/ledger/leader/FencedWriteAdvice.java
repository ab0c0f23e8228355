package org.oversight.ledger.leader;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.oversight.ledger.sequencer.FencedWriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A write refused by the epoch fence (this node lost the lease while the request ran): nothing of
 * it was stored, so the client gets the same 503 problem as on a follower and may retry at the
 * leader. Ordered before the generic handler of {@code ProblemResponses}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FencedWriteAdvice {
    private static final Logger LOG = LoggerFactory.getLogger(FencedWriteAdvice.class);

    private final ObjectProvider<LeadershipManager> leadership;

    public FencedWriteAdvice(ObjectProvider<LeadershipManager> leadership) {
        this.leadership = leadership;
    }

    @ExceptionHandler(FencedWriteException.class)
    public void fenced(FencedWriteException e, HttpServletResponse response) throws IOException {
        LOG.warn("write refused by the lease fence: {}", e.getMessage());
        LeadershipManager m = leadership.getIfAvailable();
        NotLeaderProblem.write(response, m == null ? "?" : m.nodeId(), Optional.empty(), 1,
                "its lease fence refused the write: " + e.getMessage());
    }
}
