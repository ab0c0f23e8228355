package org.oversight.ledger.leader;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets log writes ({@code POST /v1/events}, {@code POST /v1/events/batch}) through only on the
 * leader; a follower answers them with a 503 problem naming the leader and a {@code Retry-After}
 * (1 s when a leader is known, otherwise the lease session timeout: the longest a takeover waits
 * for a silent leader's session to end). Registered after Spring Security, so credentials are
 * checked first. A write that passes here on a node that loses the lease meanwhile is refused by
 * the epoch fence ({@link FencedWriteAdvice}).
 */
public final class LeaderWriteFilter extends OncePerRequestFilter {
    private final LeadershipManager leadership;
    private final long takeoverSeconds;

    public LeaderWriteFilter(LeadershipManager leadership, long takeoverSeconds) {
        this.leadership = leadership;
        this.takeoverSeconds = takeoverSeconds;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !(path.equals("/v1/events") || path.equals("/v1/events/batch"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (leadership.isLeader()) {
            chain.doFilter(request, response);
            return;
        }
        var leader = leadership.leader();
        NotLeaderProblem.write(response, leadership.nodeId(), leader, leader.isPresent() ? 1 : takeoverSeconds,
                "follower");
    }
}
