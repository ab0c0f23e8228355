package org.oversight.ledger.leader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.oversight.ledger.web.ProblemType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The RFC 9457 answer to a write on a node that is not the leader: 503 {@code unavailable} with a
 * {@code Retry-After} header and, when known, the extension members {@code leader} (the leader's
 * advertised URL, where to send the write) and {@code leaderNode}.
 */
final class NotLeaderProblem {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NotLeaderProblem() {}

    static void write(HttpServletResponse response, String nodeId, Optional<LeaderInfo> leader, long retryAfterSeconds,
            String why) throws IOException {
        ProblemType type = ProblemType.UNAVAILABLE;
        ObjectNode body = MAPPER.createObjectNode();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", type.status().value());
        body.put("detail", "node " + nodeId + " is not the log's leader (" + why + "); "
                + leader.map(l -> "the leader is node " + l.nodeId() + l.url().map(u -> " at " + u).orElse("")
                        + " (epoch " + l.epoch() + ")").orElse("no leader is known, a takeover may be in progress"));
        leader.ifPresent(l -> {
            body.put("leaderNode", l.nodeId());
            l.url().ifPresent(u -> body.put("leader", u));
        });
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.setStatus(type.status().value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
