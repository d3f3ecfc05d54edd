package ai.kubiya.secretaudit.cli;

import static ai.kubiya.secretaudit.support.PortalClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.PortalClient;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code daemon} with {@code audit.portal.enabled}: the portal on its port behind the sign-in, while the management
 * port keeps serving health and the Prometheus scrape without one.
 */
class DaemonPortalIntegrationTests {

    @Test
    void theDaemonServesThePortalBehindTheSignInAndKeepsItsManagementPortOpen() throws Exception {
        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "daemon-portal");
        ConfigurableApplicationContext daemon = DaemonCommand.startContext(Map.ofEntries(
                Map.entry("spring.datasource.url", TestDatabases.newDatabase()),
                Map.entry("spring.datasource.username", "postgres"), Map.entry("spring.datasource.password", ""),
                Map.entry("management.server.port", "0"), Map.entry("audit.reports.dir", work.resolve("reports")),
                Map.entry("audit.source", "synthetic:40"), Map.entry("audit.portal.enabled", "true"),
                Map.entry("audit.portal.port", port), Map.entry("audit.portal.auditor-groups", "audit-team"),
                Map.entry(ServeCommand.REGISTRATION + "client-id", "daemon-portal"),
                Map.entry(ServeCommand.REGISTRATION + "client-secret", "s3cret"),
                Map.entry(ServeCommand.ISSUER_URI, provider.issuerUrl("acme").toString())));
        try {
            String management = "http://localhost:" + daemon.getEnvironment().getProperty("local.management.port");
            String portal = "http://localhost:" + port;
            PortalClient anonymous = new PortalClient();
            assertThat(anonymous.get(management + "/actuator/health").statusCode()).isEqualTo(200);
            assertThat(text(anonymous.get(management + "/actuator/prometheus"))).contains("jvm_memory_used_bytes");
            HttpResponse<byte[]> runs = anonymous.get(portal + "/runs");
            assertThat(runs.statusCode()).isEqualTo(302);
            assertThat(runs.headers().firstValue("Location")).hasValue(portal + "/oauth2/authorization/audit");

            PortalClient auditor = new PortalClient();
            provider.enqueueCallback(new DefaultOAuth2TokenCallback("acme", "auditor-d", "JWT",
                    List.of("daemon-portal"), Map.of("groups", List.of("audit-team")), 3600));
            assertThat(auditor.follow(portal + "/runs").statusCode()).isEqualTo(200);
        } finally {
            daemon.close();
            provider.shutdown();
        }
    }
}
