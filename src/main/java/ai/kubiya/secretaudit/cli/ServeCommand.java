package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.EnvironmentOnlyKeys;
import ai.kubiya.secretaudit.SecretRotationAuditConfiguration;
import ai.kubiya.secretaudit.portal.PortalProperties;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the read-only auditor portal on audit.portal.port (default 8080) until SIGTERM:"
                + " runs, findings, a secret's history, the stored workbooks and the access log, behind an OpenID"
                + " Connect sign-in (docs/portal.md).",
                "Needs spring.security.oauth2.client.registration.audit.client-id and client-secret and"
                        + " spring.security.oauth2.client.provider.audit.issuer-uri, from the environment."})
class ServeCommand implements Callable<Integer> {

    static final String REGISTRATION = "spring.security.oauth2.client.registration.audit.";
    static final String ISSUER_URI = "spring.security.oauth2.client.provider.audit.issuer-uri";
    static final List<String> REQUIRED = List.of(REGISTRATION + "client-id", REGISTRATION + "client-secret", ISSUER_URI);

    /**
     * The portal in a web context (serve's, or the daemon's with {@code audit.portal.enabled}): on the portal's port,
     * static files (the one style sheet) served, Spring Security on (application.yml leaves it out of every other
     * context) but for the generated-password user store, which an OpenID Connect login never uses.
     */
    static final Map<String, Object> PORTAL_PROPERTIES = Map.of(
            "secret-rotation-audit.serve", "true",
            "server.port", "${audit.portal.port}",
            "spring.web.resources.add-mappings", "true",
            // an error (403, 404, 400) answers with its status only, as a page or as JSON: never the request's path,
            // which may carry whatever a client typed
            "spring.web.error.include-path", "never",
            // an export streams for as long as it takes (a 1,000,000-finding OCSF file is ~1.8 GB): without this,
            // Spring MVC's asynchronous requests end after 30 s and the auditor gets a cut-off file
            "spring.mvc.async.request-timeout", "-1",
            "spring.autoconfigure.exclude",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration");

    /** {@code serve} alone: health on the portal's own port, the only page without sign-in, and no other endpoint. */
    static final Map<String, Object> SERVE_ONLY = Map.of(
            "management.server.port", "${audit.portal.port}",
            "management.endpoints.web.exposure.include", "health");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ConfigurableApplicationContext context = startContext(Map.of());
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Auditor portal on http://localhost:%s/ (sign-in at %s). Stop with SIGTERM.%n",
                context.getEnvironment().getProperty("local.server.port"),
                context.getEnvironment().getProperty(ISSUER_URI));
        out.flush();
        closed.await();
        return ExitCodes.COMPLETED;
    }

    /** The pre-flight first: a missing sign-in key or no group at all is exit 2 before PostgreSQL starts. */
    static ConfigurableApplicationContext startContext(Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>(PORTAL_PROPERTIES);
        all.putAll(SERVE_ONLY);
        all.putAll(properties);
        try (ConfigurableApplicationContext preflight = Preflight.start(all, false)) {
            check(preflight.getEnvironment(), preflight.getBean(PortalProperties.class));
        }
        try {
            return ApplicationContexts.builder(SecretRotationAuditConfiguration.class, true)
                    .web(WebApplicationType.SERVLET).run(ApplicationContexts.arguments(all));
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof PortInUseException inUse) {
                    // Failures words a taken port as the daemon's management port, the only one other commands open
                    throw new ApplicationContexts.ConfigurationError("audit.portal.port " + inUse.getPort()
                            + " is already in use (by another process): set AUDIT_PORTAL_PORT to a free port", e);
                }
            }
            throw e;
        }
    }

    /**
     * The daemon's properties, after its pre-flight (the source checked too): with {@code audit.portal.enabled}, the
     * portal's added and its sign-in keys checked as {@code serve} checks them; the management port stays its own.
     */
    static Map<String, Object> daemonProperties(Map<String, Object> properties) {
        try (ConfigurableApplicationContext preflight = Preflight.start(properties, true)) {
            PortalProperties portal = preflight.getBean(PortalProperties.class);
            if (!portal.enabled()) {
                return properties;
            }
            check(preflight.getEnvironment(), portal);
        }
        Map<String, Object> all = new LinkedHashMap<>(PORTAL_PROPERTIES);
        all.putAll(properties);
        return all;
    }

    static void check(Environment environment, PortalProperties portal) {
        for (String key : REQUIRED) {
            String value = environment.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new ApplicationContexts.ConfigurationError("serve needs " + key + " (environment "
                        + EnvironmentOnlyKeys.environmentName(key) + ")", null);
            }
        }
        URI issuer = issuer(environment.getProperty(ISSUER_URI).strip());
        boolean loopback = "localhost".equals(issuer.getHost()) || "127.0.0.1".equals(issuer.getHost());
        if (!"https".equals(issuer.getScheme()) && !("http".equals(issuer.getScheme()) && loopback)) {
            // the provider's keys come from there: over plain HTTP anyone on the way could sign tokens
            throw new ApplicationContexts.ConfigurationError(ISSUER_URI
                    + " must be an https URL (http only for localhost)", null);
        }
        if (portal.auditorGroups().isEmpty() && portal.ownerGroups().isEmpty()) {
            throw new ApplicationContexts.ConfigurationError("audit.portal.auditor-groups and audit.portal.owner-groups"
                    + " are both empty: nobody who signs in could see anything", null);
        }
    }

    /** Its parse error would quote the value: named by key only. */
    private static URI issuer(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new ApplicationContexts.ConfigurationError(ISSUER_URI + " is not a URL", null);
        }
    }
}
