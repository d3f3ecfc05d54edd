package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.support.Exposition;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code daemon}'s context over real HTTP: health (liveness, readiness) and the Prometheus scrape on the
 * management port, and nothing else on it or on any other port.
 */
@ExtendWith(OutputCaptureExtension.class)
class DaemonEndpointsIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static ConfigurableApplicationContext daemon;
    static String management;

    @BeforeAll
    static void startDaemonContext() throws IOException {
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "daemon-endpoints");
        daemon = DaemonCommand.startContext(Map.of("spring.datasource.url", TestDatabases.newDatabase(),
                "spring.datasource.username", "postgres", "spring.datasource.password", "",
                "management.server.port", "0", "audit.reports.dir", work.resolve("reports"),
                "audit.source", "synthetic:40"));
        management = "http://127.0.0.1:" + daemon.getEnvironment().getRequiredProperty("local.management.port");
    }

    @AfterAll
    static void closeDaemonContext() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void healthLivenessAndReadinessAreUpOnTheManagementPort() throws Exception {
        assertThat(get("/actuator/health")).satisfies(ok()).extracting(HttpResponse::body).asString()
                .contains("\"status\":\"UP\"").doesNotContain("postgres").doesNotContain("jdbc");
        assertThat(get("/actuator/health/liveness")).satisfies(ok());
        assertThat(get("/actuator/health/readiness")).satisfies(ok());
    }

    @Test
    void thePrometheusScrapeCarriesTheGaugesOfTheLastRun() throws Exception {
        AuditRun run = daemon.getBean(AuditRunLauncher.class).launchNow("synthetic:40", false);

        HttpResponse<String> scrape = get("/actuator/prometheus");

        assertThat(scrape).satisfies(ok());
        Exposition metrics = Exposition.parse(scrape.body());
        assertThat(metrics.value("secret_audit_run_status", Map.of("status", run.status().name()))).isEqualTo(1);
        assertThat(metrics.value("secret_audit_run_secrets", Map.of("stage", "read"))).isEqualTo(40);
        assertThat(metrics.names()).contains("secret_audit_last_success_timestamp_seconds", "secret_audit_secrets",
                "secret_audit_findings", "secret_audit_step_duration_seconds", "jvm_memory_used_bytes");
    }

    @Test
    void noOtherEndpointIsExposedAndNoOtherPortIsOpen() throws Exception {
        for (String path : new String[] {"/actuator", "/actuator/env", "/actuator/beans", "/actuator/configprops",
                "/actuator/metrics", "/actuator/loggers", "/actuator/threaddump", "/actuator/heapdump",
                "/actuator/quartz", "/actuator/info", "/"}) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
        // /error renders those 404s; asked directly it says nothing more than that there is no error
        assertThat(get("/error").body()).matches("\\{\"timestamp\":\"[^\"]+\",\"status\":999,\"error\":\"None\"}");
        HttpResponse<String> shutdown = HTTP.send(HttpRequest.newBuilder(URI.create(management + "/actuator/shutdown"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(shutdown.statusCode()).isEqualTo(404);
        // the application's own web server (server.port -1) is never started: the portal of a later issue will be
        assertThat(((WebServerApplicationContext) daemon).getWebServer().getPort()).isEqualTo(-1);
        assertThat(daemon.getEnvironment().getProperty("local.server.port")).isEqualTo("-1");
    }

    @Test
    void aScannersRequestsAreAnsweredWithoutLoggingThePathsTheySent(CapturedOutput output) throws Exception {
        assertThat(get("/actuator/scanner-probe-4711").statusCode()).isEqualTo(404);
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(management + "/actuator/health"))
                .POST(HttpRequest.BodyPublishers.ofString("scanner-body-4711")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);

        assertThat(output.getAll()).doesNotContain("scanner-probe-4711").doesNotContain("scanner-body-4711")
                .doesNotContain("HttpRequestMethodNotSupportedException");
    }

    private static java.util.function.Consumer<HttpResponse<String>> ok() {
        return response -> assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(management + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
