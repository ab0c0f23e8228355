package org.oversight.ledger.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.oversight.ledger.web.ProblemType;
import org.oversight.ledger.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request that Spring Security's URL firewall ({@code StrictHttpFirewall}) refuses —
 * {@code ..} segments, {@code ;}, encoded {@code /} or {@code %}, a method outside
 * {@link #ALLOWED_METHODS} — with a problem document: 405 {@code method-not-allowed} for the
 * method, 400 {@code malformed-request} otherwise. The default handler would {@code sendError(400)},
 * which ends in the container's error page; answering here means the request goes no further.
 */
final class ProblemRequestRejectedHandler implements RequestRejectedHandler {
    /** The methods the firewall lets through (Spring Security's defaults: no TRACE, no CONNECT). */
    static final Set<String> ALLOWED_METHODS = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");
    /** The methods the API serves, for the {@code Allow} header of a 405. */
    static final String SERVED_METHODS = "GET, HEAD, POST, PUT";

    private static final Logger LOG = LoggerFactory.getLogger(ProblemRequestRejectedHandler.class);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        String method = request.getMethod();
        if (!ALLOWED_METHODS.contains(method)) {
            LOG.info("rejected: method-not-allowed (405): {} {}", method, request.getRequestURI());
            response.setHeader("Allow", SERVED_METHODS);
            Problems.write(response, ProblemType.METHOD_NOT_ALLOWED, "method " + method + " is not allowed; use "
                    + SERVED_METHODS);
            return;
        }
        LOG.info("rejected: malformed-request (400): {} {}: {}", method, request.getRequestURI(), e.getMessage());
        Problems.write(response, ProblemType.MALFORMED_REQUEST, "request refused by the URL firewall: " + e.getMessage());
    }
}
