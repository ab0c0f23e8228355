package org.oversight.ledger.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.oversight.ledger.web.ProblemType;
import org.oversight.ledger.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.oversight.ledger.storage.OversightStorageProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Who may call what. Public: {@code GET} and {@code HEAD} of {@code /checkpoint} and {@code /tile/**}
 * (the transparency log must be readable by anyone), the health endpoint (its details only for
 * operators, {@code management.endpoint.health.roles}) and the API description with its Swagger UI. Writes ({@code POST /v1/events/**}) need an
 * officer, reviewer or operator credential; the event's own signature is what authorises its
 * content. Every other endpoint needs any authenticated role; Prometheus metrics and the credential
 * administration ({@code /v1/admin/credentials}) need an operator.
 * Unauthenticated calls get a 401 problem, calls with the wrong role a 403 problem.
 */
@Configuration
@EnableConfigurationProperties({CredentialsProperties.class, OversightStorageProperties.class})
public class SecurityConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    /**
     * The reviewer console runs only its own scripts and talks only to this ledger: no inline
     * script, no other origin, not framed (a page holding a signing key must not be injectable).
     */
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

    @Bean
    CredentialRegistry credentialRegistry(
            CredentialsProperties properties, OversightStorageProperties storage, ObjectProvider<Clock> clock)
            throws IOException, MalformedCredentialsException {
        Path file = properties.credentials(storage.getDataDir());
        CredentialRegistry credentials = new CredentialRegistry(file, clock.getIfAvailable(Clock::systemUTC),
                new SecureRandom());
        LOG.info("loaded {} API credential(s) from {}: {}", credentials.list().size(), file,
                credentials.credentials().describe());
        return credentials;
    }

    /** No user/password store: keeps Boot from generating a default password. */
    @Bean
    UserDetailsService noUsers() {
        return username -> {
            throw new UsernameNotFoundException("password login is disabled; use a bearer token");
        };
    }

    /** Spring Security's strict firewall with its default methods, named so the rejection handler agrees. */
    @Bean
    HttpFirewall strictFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHttpMethods(ProblemRequestRejectedHandler.ALLOWED_METHODS);
        return firewall;
    }

    /** Firewall rejections as problem documents instead of a bare {@code sendError(400)}. */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler() {
        return new ProblemRequestRejectedHandler();
    }

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, CredentialRegistry credentials) throws Exception {
        String[] writers = {Role.OFFICER.name(), Role.REVIEWER.name(), Role.OPERATOR.name(), Role.CAMERA.name(),
                Role.AUTHORITY.name()};
        String[] anyRole = {Role.AUDITOR.name(), Role.OFFICER.name(), Role.REVIEWER.name(), Role.OPERATOR.name()};
        String[] blobWriters = {Role.CAMERA.name(), Role.OPERATOR.name(), Role.OFFICER.name()};
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        PathPatternRequestMatcher.withDefaults().matcher("/console/**"),
                        new StaticHeadersWriter("Content-Security-Policy", CONSOLE_CSP))))
                .addFilterBefore(new BearerTokenFilter(credentials), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // HEAD is GET without the body: every GET rule below has its HEAD twin.
                        .requestMatchers(HttpMethod.GET, "/checkpoint", "/tile/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/checkpoint", "/tile/**").permitAll()
                        // The reviewer console's static files hold no data; its API calls carry a token.
                        .requestMatchers(HttpMethod.GET, "/console", "/console/", "/console/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/console", "/console/", "/console/**").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // The API description and its UI: what an integrator reads before having a token.
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                                "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.OPERATOR.name())
                        .requestMatchers("/v1/admin/**").hasRole(Role.OPERATOR.name())
                        .requestMatchers(HttpMethod.POST, "/v1/events", "/v1/events/**").hasAnyRole(writers)
                        .requestMatchers(HttpMethod.GET, "/v1/matches/*/bundle").hasAnyRole(anyRole)
                        .requestMatchers(HttpMethod.HEAD, "/v1/matches/*/bundle").hasAnyRole(anyRole)
                        .requestMatchers(HttpMethod.GET, "/v1/export").hasAnyRole(Role.AUDITOR.name(), Role.OPERATOR.name())
                        .requestMatchers(HttpMethod.HEAD, "/v1/export").hasAnyRole(Role.AUDITOR.name(), Role.OPERATOR.name())
                        // The vault (docs/ledger.md "Vault"): cameras store sealed blobs (officers those of
                        // watchlist entries' enrolment records), live auditors read them (ciphertext),
                        // authorities get epoch keys; plaintext only via a disclosure.
                        // One rule for both ways of storing a blob: one PUT, or many in a POST.
                        .requestMatchers(HttpMethod.PUT, "/v1/vault/blobs/*").hasAnyRole(blobWriters)
                        .requestMatchers(HttpMethod.POST, "/v1/vault/blobs").hasAnyRole(blobWriters)
                        .requestMatchers(HttpMethod.GET, "/v1/vault/blobs/*")
                                .hasAnyRole(Role.WITNESS.name(), Role.AUDITOR.name())
                        .requestMatchers(HttpMethod.HEAD, "/v1/vault/blobs/*")
                                .hasAnyRole(Role.WITNESS.name(), Role.AUDITOR.name())
                        .requestMatchers(HttpMethod.POST, "/v1/vault/epochs/*/key")
                                .hasAnyRole(Role.OPERATOR.name(), Role.AUTHORITY.name())
                        .requestMatchers(HttpMethod.PUT, "/v1/vault/enrolments/*").hasRole(Role.OFFICER.name())
                        .requestMatchers(HttpMethod.POST, "/v1/vault/disclosures").hasAnyRole(Role.AUTHORITY.name(),
                                Role.OFFICER.name(), Role.REVIEWER.name(), Role.AUDITOR.name())
                        .requestMatchers("/v1/vault/**").denyAll()
                        // Retrospective searches' results (rule R4): the requesting officer (checked
                        // against the request's signer by the controller) and authorities.
                        .requestMatchers(HttpMethod.GET, "/v1/searches/*")
                                .hasAnyRole(Role.OFFICER.name(), Role.AUTHORITY.name())
                        .anyRequest().hasAnyRole(anyRole))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> Problems.write(res, ProblemType.UNAUTHENTICATED,
                                req.getMethod() + " " + req.getRequestURI() + " needs a bearer token"))
                        .accessDeniedHandler((req, res, ex) -> {
                            LOG.info("rejected: forbidden: {} {} for {}", req.getMethod(), req.getRequestURI(),
                                    req.getUserPrincipal() == null ? "anonymous" : req.getUserPrincipal().getName());
                            Problems.write(res, ProblemType.FORBIDDEN, req.getMethod() + " " + req.getRequestURI()
                                    + " is not permitted for this principal's roles");
                        }));
        return http.build();
    }
}
