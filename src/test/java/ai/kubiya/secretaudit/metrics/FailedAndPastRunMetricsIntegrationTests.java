package ai.kubiya.secretaudit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.RunTotals;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRun.RunStatus;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.support.Exposition;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.TestDatabases;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a failed run and a backfill push, and what a new process shows before its first run: every pushed body is
 * parsed from an HTTP server in the test ({@code format=text}). Each test has its own source and as-of days, so the
 * runs of one test are neither a restart nor a backfill of another's; the inventory guard compares with the previous
 * completed run of any source, and every completed run here has 40 secrets.
 */
@SpringBootTest(properties = {"management.prometheus.metrics.export.enabled=true",
        "management.prometheus.metrics.export.pushgateway.enabled=true",
        "management.prometheus.metrics.export.pushgateway.format=text"})
class FailedAndPastRunMetricsIntegrationTests {

    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    private static final String CERTIFICATE_EXPIRY = "secret_audit_certificate_earliest_expiry_timestamp_seconds";
    private static final List<String> BODIES = new CopyOnWriteArrayList<>();
    private static final HttpServer GATEWAY;
    static final Path WORK;

    static {
        try {
            GATEWAY = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            GATEWAY.createContext("/", exchange -> {
                BODIES.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            GATEWAY.start();
            WORK = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "failed-run-metrics");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
        registry.add("audit.reports.dir", () -> WORK.resolve("reports").toString());
        registry.add("management.prometheus.metrics.export.pushgateway.address",
                () -> "127.0.0.1:" + GATEWAY.getAddress().getPort());
    }

    @AfterAll
    static void stopGateway() {
        GATEWAY.stop(0);
    }

    @Autowired
    AuditRunLauncher launcher;

    @Autowired
    RunTotals totals;

    @Autowired
    RunSnapshots snapshots;

    @BeforeEach
    void forgetEarlierPushes() {
        BODIES.clear();
    }

    @Test
    void aRunRefusedByTheGuardPushesItsOwnCountsBesideTheLastCompletedRunsInventory() throws Exception {
        Path file = WORK.resolve("refused.json");
        AuditRun good = launch(file, 40, 20);
        Exposition goodPush = lastPush();

        AuditRun refused = launch(file, 5, 19);

        assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
        Exposition pushed = lastPush();
        // the run itself, counted as its summary and `runs` count it
        assertThat(pushed.value("secret_audit_run_status", Map.of("status", "FAILED"))).isEqualTo(1);
        assertThat(pushed.value("secret_audit_run_secrets", Map.of("stage", "read")))
                .isEqualTo(5).isEqualTo(totals.of(refused.id()).counts().read())
                .isEqualTo(totals.counts(List.of(refused.id())).get(refused.id()).read());
        // the inventory: the last completed run's, so no alert clears because a source broke
        assertThat(sum(pushed, "secret_audit_secrets")).isEqualTo(40).isEqualTo(good.read());
        assertThat(sum(pushed, "secret_audit_findings")).isEqualTo(good.findings());
        assertThat(pushed.samples(CERTIFICATE_EXPIRY)).isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(goodPush.samples(CERTIFICATE_EXPIRY));
        assertThat(pushed.samples("secret_audit_last_success_timestamp_seconds"))
                .isEqualTo(goodPush.samples("secret_audit_last_success_timestamp_seconds"));
    }

    @Test
    void aFailedRunOfASourceThatNeverCompletedPushesNoInventoryAtAll() throws Exception {
        launch(WORK.resolve("baseline.json"), 40, 16);

        AuditRun refused = launch(WORK.resolve("never-completed.json"), 5, 15);

        assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
        Exposition pushed = lastPush();
        assertThat(pushed.value("secret_audit_run_secrets", Map.of("stage", "read"))).isEqualTo(5);
        assertThat(pushed.samples("secret_audit_secrets")).isEmpty();
        assertThat(pushed.samples("secret_audit_findings")).isEmpty();
        assertThat(pushed.samples(CERTIFICATE_EXPIRY)).isEmpty();
        assertThat(pushed.samples("secret_audit_last_success_timestamp_seconds")).isEmpty();
    }

    @Test
    void aBackfillOlderThanTheLatestCompletedRunOfItsSourcePushesNothingAndIsNoLastSuccess() throws Exception {
        Path file = WORK.resolve("backfill.json");
        AuditRun current = launch(file, 40, 10);
        assertThat(BODIES).hasSize(1);

        AuditRun backfill = launch(file, 40, 12);

        assertThat(backfill.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(BODIES).as("the backfill pushed nothing").hasSize(1);

        // and: a later failed run still reports the current run's end as the last success, not the backfill's
        assertThat(launch(file, 5, 9).status()).isEqualTo(RunStatus.FAILED);
        assertThat(backfill.endedAt()).isAfter(current.endedAt());
        assertThat(lastPush().value("secret_audit_last_success_timestamp_seconds", Map.of()))
                .isEqualTo(current.endedAt().toEpochMilli() / 1000.0);
        // and: a rerun of the current as-of is no backfill
        assertThat(launch(file, 40, 10).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(BODIES).hasSize(3);
    }

    @Test
    void aNewProcessShowsTheLatestRunFromTheDatabaseBeforeItRunsOneAndARunOfAnotherReplicaOnItsNextRefresh()
            throws Exception {
        Path file = WORK.resolve("restart.json");
        AuditRun good = launch(file, 40, 3);
        AuditRun refused = launch(file, 5, 2);

        // a process that has run nothing: its own registry, gauges set at start from the database only
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LatestRunMetrics latest = new LatestRunMetrics(snapshots, new RunMetrics(registry));
        latest.recordLatest();

        Exposition shown = Exposition.parse(registry.scrape());
        assertThat(shown.value("secret_audit_run_status", Map.of("status", "FAILED"))).isEqualTo(1);
        assertThat(shown.value("secret_audit_run_end_timestamp_seconds", Map.of()))
                .isEqualTo(refused.endedAt().toEpochMilli() / 1000.0);
        assertThat(shown.value("secret_audit_run_secrets", Map.of("stage", "read"))).isEqualTo(5);
        assertThat(sum(shown, "secret_audit_secrets")).isEqualTo(good.read());
        assertThat(shown.samples("secret_audit_step_duration_seconds")).isEmpty();

        // when: another replica runs the next audit (here: this test's context), then this process refreshes
        AuditRun next = launch(file, 40, 1);
        latest.recordLatest();

        Exposition refreshed = Exposition.parse(registry.scrape());
        assertThat(next.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(refreshed.value("secret_audit_run_status", Map.of("status", "COMPLETED"))).isEqualTo(1);
        assertThat(refreshed.value("secret_audit_run_end_timestamp_seconds", Map.of()))
                .isEqualTo(next.endedAt().toEpochMilli() / 1000.0);
    }

    private AuditRun launch(Path file, int secrets, int daysAgo) throws Exception {
        Instant asOf = TODAY.minus(Duration.ofDays(daysAgo));
        String source = "file:" + new Inventory(asOf).generated(secrets, "metrics.example").writeTo(file);
        return launcher.launch(asOf, source, false);
    }

    private static Exposition lastPush() {
        assertThat(BODIES).isNotEmpty();
        return Exposition.parse(BODIES.get(BODIES.size() - 1));
    }

    private static double sum(Exposition exposition, String name) {
        return exposition.samples(name).stream().mapToDouble(Exposition.Sample::value).sum();
    }
}
