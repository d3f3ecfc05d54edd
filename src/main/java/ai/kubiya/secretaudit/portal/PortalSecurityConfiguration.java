package ai.kubiya.secretaudit.portal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may open what (docs/portal.md#who-may-see-what): nothing but health without signing in at the OpenID Connect
 * provider; the access log and the downloads for auditors only; every other page for auditors and owners, each page
 * narrowing an owner to their own findings itself. Only the {@code serve} command sets {@link #SERVE}: every other
 * command leaves the portal, and Spring Security's auto-configuration (application.yml), out of its context.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = PortalSecurityConfiguration.SERVE, havingValue = "true")
class PortalSecurityConfiguration {

    /** Set by {@code serve} only; not an {@code audit.*} key, so no configuration file can turn the portal on. */
    public static final String SERVE = "secret-rotation-audit.serve";

    /**
     * Pages are the application's own templates and one style sheet: no script at all, nothing from elsewhere, no
     * frame. {@code form-action 'self'} covers the sign-out form, the only form that leaves a page by POST.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * No observation around each of the ~15 security filters and each authorization decision of every request: they
     * were a tenth of a findings page's CPU (JFR), and nothing reads them. The request itself stays timed
     * ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PortalRoles portalRoles(PortalProperties properties) {
        return new PortalRoles(properties);
    }

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http, PortalRoles roles, AccessLog accessLog) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        // the daemon's management port, when it serves the portal too, gets this chain as well:
                        // its scrape stays open there (serve exposes no Prometheus endpoint at all)
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/signed-out", SignInFailures.PATH, "/error", "/portal/portal.css").permitAll()
                        .requestMatchers("/access-log", "/runs/*/workbook", "/runs/*/export/**")
                        .hasRole(PortalRoles.AUDITOR)
                        .anyRequest().hasAnyRole(PortalRoles.AUDITOR, PortalRoles.OWNER))
                .oauth2Login(login -> login
                        .tokenEndpoint(token -> token.accessTokenResponseClient(
                                ProviderCalls.tokenClient(ProviderCalls.TIMEOUT)))
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(roles)
                                .oidcUserService(ProviderCalls.userService(ProviderCalls.TIMEOUT)))
                        .successHandler(new RecordingSuccessHandler(accessLog))
                        .failureHandler(new SignInFailures()))
                .logout(logout -> logout.logoutSuccessUrl("/signed-out"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        // a page's URL carries filter values (an owner's address): never sent to another site
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    /** Every sign-in into the access log, a user with no role included (they then get 403 on every page). */
    private static final class RecordingSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

        private final AccessLog accessLog;

        RecordingSuccessHandler(AccessLog accessLog) {
            this.accessLog = accessLog;
        }

        @Override
        public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                Authentication authentication) throws IOException, ServletException {
            String role = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(name -> name.startsWith("ROLE_")).map(name -> name.substring(5)).findFirst()
                    .orElse("NONE");
            String email = authentication.getPrincipal() instanceof OidcUser user ? user.getEmail() : null;
            accessLog.record(authentication.getName(), email, role, AccessLog.Action.SIGN_IN, null, null);
            super.onAuthenticationSuccess(request, response, authentication);
        }
    }
}
