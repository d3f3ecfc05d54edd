package ai.kubiya.secretaudit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.TestDatabases;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} and {@code validate} against a Control Plane (WireMock), as the CronJob and a pre-flight run them. */
class ControlPlaneCommandLineIntegrationTests {

    static final String API_KEY = "kubiya-cli-key-0c44aa";
    static final String SECRETS = """
            [{"name": "datadog-api-key", "type": "api_key", "created_at": "2026-11-01T00:00:00Z",
              "created_by": "bob@acme.example"},
             {"name": "github-api-token", "type": "token", "created_at": "2026-11-01T00:00:00Z"},
             {"name": "ingress-tls", "type": "certificate", "created_at": "2026-11-01T00:00:00Z"}]""";

    @RegisterExtension
    static WireMockExtension controlPlane = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path reports;

    final Map<String, String> properties = new LinkedHashMap<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void pointAtATestDatabaseAndTheControlPlane() {
        properties.put("spring.datasource.url", TestDatabases.newDatabase());
        properties.put("spring.datasource.username", "postgres");
        properties.put("audit.reports.dir", reports.toString());
        properties.put("kubiya.api-key", API_KEY);
        properties.put("kubiya.base-url", controlPlane.baseUrl());
        properties.put("kubiya.max-attempts", "2");
        properties.put("kubiya.initial-backoff", "10ms");
        properties.forEach(System::setProperty);
    }

    @AfterEach
    void clearProperties() {
        properties.keySet().forEach(System::clearProperty);
    }

    @Test
    void aControlPlaneThatKeepsFailingFailsTheRunWithExitOne() throws Exception {
        // given
        controlPlane.stubFor(get("/api/v1/secrets").willReturn(aResponse().withStatus(503)));

        // when
        int exit = execute("run", "--as-of=2026-11-26");

        // then
        assertThat(exit).as(err.toString()).isEqualTo(1);
        assertThat(out.toString())
                .contains("FAILED (as of 2026-11-26T00:00:00Z, source control-plane)")
                .contains("Failure: GET " + controlPlane.baseUrl() + "/api/v1/secrets failed after 2 attempts (last: HTTP 503)");
        assertThat(out + err.toString()).doesNotContain(API_KEY);
        try (Stream<Path> files = Files.walk(reports).filter(Files::isRegularFile)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aRejectedKeyFailsTheRunWithExitOne() {
        controlPlane.stubFor(get("/api/v1/secrets").willReturn(aResponse().withStatus(403)));

        assertThat(execute("run")).isEqualTo(1);
        assertThat(out.toString()).contains("the Control Plane rejected the API key (HTTP 403)").doesNotContain(API_KEY);
    }

    @Test
    void withoutAnApiKeyTheControlPlaneSourceIsAUsageError() {
        System.clearProperty("kubiya.api-key");

        assertThat(execute("run")).isEqualTo(2);
        assertThat(err.toString()).contains("KUBIYA_API_KEY");
        controlPlane.verify(0, getRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void aBadControlPlaneSettingIsAUsageErrorNamingTheKey() {
        System.setProperty("kubiya.read-timeout", "0s");
        try {
            assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);
            assertThat(err.toString()).contains("kubiya.read-timeout must be a positive duration");
        } finally {
            System.clearProperty("kubiya.read-timeout");
        }
    }

    @Test
    void validateExitsZeroWhenEveryRequiredSecretIsPresent() {
        controlPlane.stubFor(get("/api/v1/secrets").willReturn(okJson(SECRETS)));

        int exit = execute("validate", "--required=datadog-api-key, github-api-token");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("2 of 2 required secrets present in control-plane " + controlPlane.baseUrl())
                .contains("Present: datadog-api-key, github-api-token")
                .contains("Missing: (none)");
    }

    @Test
    void validateNamesTheBuildsVersionInItsUserAgentThoughItStartsNoDatabase() throws Exception {
        controlPlane.stubFor(get("/api/v1/secrets").willReturn(okJson(SECRETS)));

        assertThat(execute("validate", "--required=datadog-api-key")).as(err.toString()).isZero();

        String version = BuildVersion.buildProperties().getVersion();
        controlPlane.verify(getRequestedFor(urlPathMatching("/api/v1/secrets"))
                .withHeader("User-Agent", equalTo(
                        "secret-rotation-audit/" + version)));
    }

    @Test
    void validateExitsFiveNamingTheMissingSecretsAndReadsNoValue() {
        // given: certificate inspection on, which validate must ignore
        System.setProperty("audit.certificates.inspect-values", "true");
        controlPlane.stubFor(get("/api/v1/secrets").willReturn(okJson(SECRETS)));
        try {
            // when
            int exit = execute("validate", "--required=github-api-token,slack-bot-token,ingress-tls,pagerduty-key");

            // then
            assertThat(exit).as(err.toString()).isEqualTo(5);
            assertThat(out.toString())
                    .contains("2 of 4 required secrets present")
                    .contains("Present: github-api-token, ingress-tls")
                    .contains("Missing: slack-bot-token, pagerduty-key");
            controlPlane.verify(0, getRequestedFor(urlPathMatching("/api/v1/secrets/value/.*")));
        } finally {
            System.clearProperty("audit.certificates.inspect-values");
        }
    }

    @Test
    void validateExitsOneWhenTheSourceCannotBeRead() {
        controlPlane.stubFor(get("/api/v1/secrets").willReturn(aResponse().withStatus(401)));

        assertThat(execute("validate", "--required=datadog-api-key")).isEqualTo(1);
        assertThat(err.toString()).contains("rejected the API key (HTTP 401)").doesNotContain(API_KEY);
    }

    @Test
    void validateWorksOnAnySource() {
        assertThat(execute("validate", "--source=synthetic:0", "--required=anything")).isEqualTo(5);
        assertThat(out.toString()).contains("0 of 1 required secrets present in synthetic:0").contains("Missing: anything");
    }

    @Test
    void validateWithoutRequiredNamesIsAUsageError() {
        assertThat(execute("validate")).isEqualTo(2);
        assertThat(execute("validate", "--required=, ,")).isEqualTo(2);
        assertThat(err.toString()).contains("--required");
    }

    private int execute(String... args) {
        return AuditCommandLine.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
