package ai.kubiya.secretaudit.job;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.support.TestCertificates;
import ai.kubiya.secretaudit.support.DatabaseDump;
import ai.kubiya.secretaudit.support.TestFiles;
import ai.kubiya.secretaudit.support.TestMail;
import ai.kubiya.secretaudit.support.Workbooks;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole job reading a Control Plane (WireMock) on a real PostgreSQL and a real SMTP server: certificate
 * expiry read from PEM values that never show up anywhere, and a Control Plane that fails fails the run.
 */
@SpringBootTest(properties = "logging.level.ai.kubiya.secretaudit=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class ControlPlaneAuditJobIntegrationTests {

    static final Instant AS_OF = Instant.parse("2026-11-26T00:00:00Z");
    static final String API_KEY = "kubiya-it-key-9b2d71";
    static final String CANARY = "CANARY-SECRET-VALUE-5e8f20";
    static final GreenMail SMTP = TestMail.startSmtp();
    static final WireMockServer CONTROL_PLANE = new WireMockServer(wireMockConfig().dynamicPort());
    static final Path WORK;
    static final String PEM;

    static {
        CONTROL_PLANE.start();
        WORK = TestFiles.directory("cp-job-it");
        // valid until 10 days after the as-of: EXPIRING
        PEM = TestCertificates.selfSignedPem(WORK, "ingress", AS_OF.minus(Duration.ofDays(60)), 70);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestMail.registerRun(registry, SMTP, WORK);
        registry.add("kubiya.api-key", () -> API_KEY);
        registry.add("kubiya.base-url", CONTROL_PLANE::baseUrl);
        registry.add("kubiya.max-attempts", () -> 3);
        registry.add("kubiya.initial-backoff", () -> "10ms");
        registry.add("kubiya.max-backoff", () -> "50ms");
        registry.add("audit.certificates.inspect-values", () -> true);
    }

    @AfterAll
    static void stopServers() {
        SMTP.stop();
        CONTROL_PLANE.stop();
    }

    @Autowired
    AuditRunLauncher launcher;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void reset() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        CONTROL_PLANE.resetAll();
        Files.createDirectories(WORK.resolve("reports"));
    }

    @Test
    void certificateExpiryComesFromThePemAndNoValueEndsUpAnywhere(CapturedOutput output) throws Exception {
        // given: the list carries a value it should not (skipped unread); the value endpoint serves a PEM and a canary
        CONTROL_PLANE.stubFor(get("/api/v1/secrets").willReturn(okJson("[" + String.join(",",
                secret("ingress-tls", "certificate", "carol@acme.example", ""),
                secret("legacy-tls", "certificate", "carol@acme.example", ""),
                secret("aws-env", "env_var", "dave@acme.example", ",\"value\":\"" + CANARY + "\"")) + "]")));
        CONTROL_PLANE.stubFor(get("/api/v1/secrets/value/ingress-tls")
                .willReturn(okJson("{\"value\":\"" + PEM.replace("\r", "\\r").replace("\n", "\\n") + "\"}")));
        CONTROL_PLANE.stubFor(get("/api/v1/secrets/value/legacy-tls").willReturn(okJson("{\"value\":\"" + CANARY + "\"}")));

        // when
        AuditRun run = launcher.launch(AS_OF, "control-plane", false);

        // then
        assertThat(run.status()).as(run.failure()).isEqualTo(AuditRun.RunStatus.COMPLETED);
        assertThat(run.source()).isEqualTo("control-plane");
        assertThat(jdbc.sql("SELECT secret, rule, status FROM finding WHERE run_id = ? ORDER BY secret, rule")
                .param(run.id()).query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3))).list())
                .containsExactly(
                        tuple("ingress-tls", "CERTIFICATE_EXPIRY", "EXPIRING"),
                        tuple("legacy-tls", "METADATA", "INSUFFICIENT_DATA"));
        assertThat(jdbc.sql("SELECT message FROM finding WHERE run_id = ? AND secret = 'legacy-tls'").param(run.id())
                .query(String.class).single()).contains("could not be read as a PEM certificate");
        assertThat(jdbc.sql("SELECT expires_at FROM run_secret WHERE run_id = ? AND name = 'ingress-tls'")
                .param(run.id()).query(java.sql.Timestamp.class).single().toInstant())
                .isEqualTo(AS_OF.plus(Duration.ofDays(10)));
        CONTROL_PLANE.verify(getRequestedFor(urlEqualTo("/api/v1/secrets"))
                .withHeader("Authorization", equalTo("UserKey " + API_KEY)));
        CONTROL_PLANE.verify(0, getRequestedFor(urlEqualTo("/api/v1/secrets/value/aws-env")));

        // nothing of a value in the logs, the database, the workbook or the emails; no API key in the logs
        String pemBody = PEM.lines().skip(1).findFirst().orElseThrow();
        Path workbook = Path.of(run.workbookPath());
        assertThat(SMTP.getReceivedMessages()).isNotEmpty();
        for (String text : new String[] {output.getAll(), DatabaseDump.allText(jdbc), Workbooks.allText(workbook), emailsText()}) {
            assertThat(text).doesNotContain(CANARY).doesNotContain(pemBody).doesNotContain(API_KEY);
        }
        assertThat(DatabaseDump.allText(jdbc)).contains("ingress-tls");
        assertThat(Workbooks.allText(workbook)).contains("ingress-tls");
    }

    @Test
    void aControlPlaneThatKeepsFailingFailsTheRunAndEmailsNobody() throws Exception {
        // given
        CONTROL_PLANE.stubFor(get("/api/v1/secrets").willReturn(aResponse().withStatus(503)));

        // when
        AuditRun run = launcher.launch(AS_OF.plus(Duration.ofDays(1)), "control-plane", false);

        // then
        assertFailedWithoutReportOrEmail(run, "GET " + CONTROL_PLANE.baseUrl() + "/api/v1/secrets failed after 3 attempts"
                + " (last: HTTP 503)");
        CONTROL_PLANE.verify(3, getRequestedFor(urlEqualTo("/api/v1/secrets")));
    }

    @Test
    void aRejectedApiKeyFailsTheRunAtOnce() throws Exception {
        CONTROL_PLANE.stubFor(get("/api/v1/secrets").willReturn(aResponse().withStatus(401)));

        AuditRun run = launcher.launch(AS_OF.plus(Duration.ofDays(2)), "control-plane", false);

        assertFailedWithoutReportOrEmail(run, "the Control Plane rejected the API key (HTTP 401)");
        CONTROL_PLANE.verify(1, getRequestedFor(urlEqualTo("/api/v1/secrets")));
    }

    @Test
    void aResponseCutOffMidwayFailsTheRun() throws Exception {
        CONTROL_PLANE.stubFor(get("/api/v1/secrets").willReturn(okJson("[" + secret("a", "token", "eve@acme.example", "")
                + ",{\"name\":\"b\",\"ty")));

        AuditRun run = launcher.launch(AS_OF.plus(Duration.ofDays(3)), "control-plane", false);

        assertFailedWithoutReportOrEmail(run, "control-plane " + CONTROL_PLANE.baseUrl() + " is truncated");
    }

    @Test
    void aResponseThatIsNotAnArrayFailsTheRun() throws Exception {
        CONTROL_PLANE.stubFor(get("/api/v1/secrets").willReturn(okJson("{\"detail\":\"maintenance\"}")));

        AuditRun run = launcher.launch(AS_OF.plus(Duration.ofDays(4)), "control-plane", false);

        assertFailedWithoutReportOrEmail(run, "is not a JSON array");
    }

    private void assertFailedWithoutReportOrEmail(AuditRun run, String failure) throws IOException {
        assertThat(run.status()).isEqualTo(AuditRun.RunStatus.FAILED);
        assertThat(jdbc.sql("SELECT status FROM audit_run WHERE id = ?").param(run.id()).query(String.class).single())
                .isEqualTo("FAILED");
        assertThat(run.failure()).contains(failure).doesNotContain(API_KEY);
        assertThat(run.workbookPath()).isNull();
        try (Stream<Path> files = Files.walk(WORK.resolve("reports")).filter(Files::isRegularFile)) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith("-run" + run.id() + ".xlsx"));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM mail_outbox WHERE run_id = ?").param(run.id()).query(Long.class)
                .single()).isZero();
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }


    private static String emailsText() throws Exception {
        StringBuilder text = new StringBuilder();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            text.append(raw);
        }
        return text.toString();
    }

    private static String secret(String name, String type, String owner, String extra) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"scope\":\"org\",\"integration\":\"github\","
                + "\"created_by\":\"" + owner + "\",\"created_at\":\"" + AS_OF.minus(Duration.ofDays(20))
                + "\",\"last_used\":\"" + AS_OF.minus(Duration.ofDays(1)) + "\"" + extra + "}";
    }
}
