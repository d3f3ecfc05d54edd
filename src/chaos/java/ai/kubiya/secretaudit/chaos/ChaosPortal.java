package ai.kubiya.secretaudit.chaos;

import ai.kubiya.secretaudit.support.PortalClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * {@code serve} in a child JVM on a data folder of the suite's, signing in at a real OpenID Connect provider in the
 * suite's JVM (mock-oauth2-server) that sits behind a {@link CuttableProxy}, so the provider can go away at any
 * moment of a sign-in. Auditors are members of {@code audit-team}.
 */
final class ChaosPortal implements AutoCloseable {

    static final String CLIENT_ID = "audit-portal";
    static final String AUDITORS = "audit-team";

    private final MockOAuth2Server provider = new MockOAuth2Server();
    final CuttableProxy idp;
    final Path log;
    private Process serve;
    private String base;

    ChaosPortal(Path log) throws IOException {
        this.log = log;
        provider.start();
        idp = new CuttableProxy(provider.baseUrl().port(), Long.MAX_VALUE);
    }

    /** The issuer as the portal knows it: the proxy, which the provider's discovery document then names too. */
    String issuer() {
        return "http://127.0.0.1:" + idp.port() + "/acme";
    }

    /**
     * Starts {@code serve}.
     *
     * @return {@code null} once it serves, else the exit code of a {@code serve} that ended first
     */
    Integer start(ChaosChild child, Path db, Path reports) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Map<String, String> environment = Map.of(
                "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_AUDIT_CLIENTID", CLIENT_ID,
                "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_AUDIT_CLIENTSECRET", "chaos-portal-secret",
                "SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_AUDIT_ISSUERURI", issuer(),
                "AUDIT_PORTAL_PORT", String.valueOf(port), "AUDIT_PORTAL_AUDITORGROUPS", AUDITORS);
        serve = child.command("serve", db, reports, null, log, List.of(), environment);
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!serve.isAlive()) {
                return serve.exitValue();
            }
            if (Files.exists(log) && Files.readString(log).contains("Auditor portal on http://localhost:" + port)) {
                base = "http://localhost:" + port;
                return null;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("serve did not start within 300 s (see " + log + ")");
    }

    String base() {
        return base;
    }

    /** The provider signs the next user in as an auditor (no login form: the flow runs straight through). */
    void nextAuditor(String subject) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("acme", subject, "JWT", List.of(CLIENT_ID),
                Map.of("email", subject + "@acme.example", "email_verified", true, "groups", List.of(AUDITORS)), 3600));
    }

    /** A browser signed in as an auditor; {@code null} when the sign-in did not land on the runs page. */
    PortalClient auditor(String subject) throws Exception {
        PortalClient client = new PortalClient();
        nextAuditor(subject);
        HttpResponse<byte[]> landing = client.follow(base + "/runs");
        return landing.statusCode() == 200 && landing.uri().getPath().equals("/runs") ? client : null;
    }

    /**
     * Walks a sign-in up to the provider's redirect back to the portal, without following it: the callback that
     * makes the portal call the provider's token endpoint.
     */
    String callback(PortalClient client) throws Exception {
        String url = base + "/runs";
        for (int i = 0; i < 5; i++) {
            HttpResponse<byte[]> response = client.get(url);
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 != 3 || location == null) {
                throw new IllegalStateException("sign-in stopped at " + url + " with " + response.statusCode());
            }
            url = URI.create(url).resolve(location).toString();
            if (url.startsWith(base + "/login/oauth2/code/")) {
                return url;
            }
        }
        throw new IllegalStateException("no redirect back to the portal after 5 steps");
    }

    /** SIGTERM, as an operator stops it; the exit code. */
    int stop() throws InterruptedException {
        if (serve == null) {
            return -1;
        }
        serve.destroy();
        if (!serve.waitFor(60, TimeUnit.SECONDS)) {
            serve.destroyForcibly().waitFor();
            return -1;
        }
        return serve.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (serve != null && serve.isAlive()) {
            stop();
        }
        idp.close();
        provider.shutdown();
    }
}
