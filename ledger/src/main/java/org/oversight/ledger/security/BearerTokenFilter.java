package org.oversight.ledger.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.oversight.ledger.web.ProblemType;
import org.oversight.ledger.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer ovt.<id>.<secret>} against the credentials file. A
 * presented but unknown or wrong token is answered 401 at once (never silently treated as
 * anonymous); no header leaves the request anonymous for the authorisation rules to decide.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final String BEARER = "Bearer ";

    private final CredentialRegistry credentials;

    BearerTokenFilter(CredentialRegistry credentials) {
        this.credentials = credentials;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            Problems.write(response, ProblemType.UNAUTHENTICATED, "Authorization header must use the Bearer scheme");
            return;
        }
        Optional<ApiCredential> credential = credentials.authenticate(header.substring(BEARER.length()).strip());
        if (credential.isEmpty()) {
            LOG.info("rejected: unauthenticated: invalid bearer token for {} {}", request.getMethod(), request.getRequestURI());
            Problems.write(response, ProblemType.UNAUTHENTICATED, "bearer token is not valid");
            return;
        }
        ApiCredential c = credential.get();
        List<SimpleGrantedAuthority> authorities =
                c.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(c.principal(), null, authorities));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
