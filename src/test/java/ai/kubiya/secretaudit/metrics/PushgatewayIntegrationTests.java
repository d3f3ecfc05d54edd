package ai.kubiya.secretaudit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRun.RunStatus;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.support.Exposition;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.Pushgateway;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The push against a real Pushgateway (Debian's {@code prometheus-pushgateway}, started on a free loopback port),
 * read back the way Prometheus scrapes it: what a CronJob's run leaves for the alerts.
 */
@SpringBootTest(properties = {"management.prometheus.metrics.export.enabled=true",
        "management.prometheus.metrics.export.pushgateway.enabled=true"})
class PushgatewayIntegrationTests {

    private static final String JOB = "secret-rotation-audit";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    static Pushgateway gateway;
    static Path work;

    @BeforeAll
    static void startPushgateway() throws IOException {
        gateway = Pushgateway.start();
        work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pushgateway-it");
    }

    @AfterAll
    static void stopPushgateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
        registry.add("audit.reports.dir", () -> work.resolve("reports").toString());
        registry.add("management.prometheus.metrics.export.pushgateway.address", () -> gateway.address());
    }

    @Autowired
    AuditRunLauncher launcher;

    @Test
    void aCompletedRunIsHeldUnderItsJobAndSourceWithItsCountsAndItsSuccess() throws Exception {
        // given: 60 secrets of every type; the certificates (every sixth, integration aws) expire from 7 days
        // before the as-of on
        Instant asOf = NOW.minus(Duration.ofDays(1));
        String source = "file:" + new Inventory(asOf).generated(60, "pushed.example").writeTo(work.resolve("a.json"));

        // when
        AuditRun run = launcher.launch(asOf, source, false);

        // then: the gateway holds the run's series in the group of job and source
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        Exposition held = gateway.metrics();
        Map<String, String> group = Map.of("job", JOB, "source", source);
        assertThat(held.value("secret_audit_run_status", with(group, "status", "COMPLETED"))).isEqualTo(1);
        assertThat(held.value("secret_audit_run_status", with(group, "status", "FAILED"))).isZero();
        assertThat(held.value("secret_audit_last_success_timestamp_seconds", group))
                .isCloseTo(run.endedAt().toEpochMilli() / 1000.0, within(0.001));
        assertThat(held.value("secret_audit_run_secrets", with(group, "stage", "read"))).isEqualTo(60);
        assertThat(held.samples("secret_audit_secrets").stream().filter(s -> s.labels().get("source").equals(source))
                .mapToDouble(Exposition.Sample::value).sum()).isEqualTo(run.evaluated());
        assertThat(held.samples("secret_audit_findings").stream().filter(s -> s.labels().get("source").equals(source))
                .mapToDouble(Exposition.Sample::value).sum()).isEqualTo(run.findings());
        assertThat(held.value("secret_audit_certificate_earliest_expiry_timestamp_seconds",
                with(group, "integration", "aws"))).isEqualTo(asOf.minus(Duration.ofDays(7)).toEpochMilli() / 1000.0);
        assertThat(held.samples("secret_audit_step_duration_seconds")).extracting(s -> s.labels().get("step"))
                .contains("evaluateSecretsStep", "writeAuditWorkbookStep", "finishRunStep");
        // and: no secret name and no owner anywhere in what it holds
        assertThat(gateway.get("/metrics")).doesNotContain("secret-000").doesNotContain("pushed.example");
    }

    @Test
    void aFailedRunReplacesItsGroupButKeepsTheInventoryAndTheLastSuccessOfItsSource() throws Exception {
        // given: a completed run of a source, then the source answers an empty inventory (the shrink guard fails it)
        Path file = new Inventory(NOW.minus(Duration.ofDays(1))).generated(30, "failing.example")
                .writeTo(work.resolve("b.json"));
        String source = "file:" + file;
        AuditRun completed = launcher.launch(NOW.minus(Duration.ofDays(1)), source, false);
        Files.writeString(file, "[]");

        // when
        AuditRun failed = launcher.launch(NOW, source, false);

        // then: the group says FAILED, read nothing, and still holds the inventory and the end of the completed run
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        Exposition held = gateway.metrics();
        Map<String, String> group = Map.of("job", JOB, "source", source);
        assertThat(held.value("secret_audit_run_status", with(group, "status", "FAILED"))).isEqualTo(1);
        assertThat(held.value("secret_audit_run_status", with(group, "status", "COMPLETED"))).isZero();
        assertThat(held.value("secret_audit_last_success_timestamp_seconds", group))
                .isCloseTo(completed.endedAt().toEpochMilli() / 1000.0, within(0.001));
        assertThat(held.value("secret_audit_run_secrets", with(group, "stage", "read"))).isZero();
        assertThat(held.samples("secret_audit_secrets").stream().filter(s -> s.labels().get("source").equals(source))
                .mapToDouble(Exposition.Sample::value).sum()).isEqualTo(completed.read()).isEqualTo(30);
    }

    private static Map<String, String> with(Map<String, String> group, String label, String value) {
        Map<String, String> labels = new java.util.HashMap<>(group);
        labels.put(label, value);
        return labels;
    }
}
