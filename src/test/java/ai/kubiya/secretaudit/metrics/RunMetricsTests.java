package ai.kubiya.secretaudit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.RunTotals;
import ai.kubiya.secretaudit.finding.RunTotals.EarliestExpiry;
import ai.kubiya.secretaudit.finding.TypeStatusCount;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.support.Exposition;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gauges of a Prometheus registry (as the daemon serves them) after one run, then after the next. */
class RunMetricsTests {

    private static final Instant START = Instant.parse("2026-11-30T02:00:00Z");
    private static final RunTotals.Counts COUNTS = new RunTotals.Counts(8, 0, 3);

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final RunMetrics metrics = new RunMetrics(registry);

    @Test
    void theNextRunReplacesEverySeriesSoAStatusNoSecretHasAnyMoreDisappears() {
        metrics.record(snapshot(AuditRun.RunStatus.COMPLETED, List.of(new TypeStatusCount("token", Status.OVERDUE, 3),
                new TypeStatusCount("token", Status.OK, 5)), Optional.of(START.plusSeconds(60))));

        metrics.record(snapshot(AuditRun.RunStatus.FAILED, List.of(new TypeStatusCount("token", Status.OK, 8)),
                Optional.of(START.plusSeconds(60))));

        Exposition scraped = Exposition.parse(registry.scrape());
        assertThat(scraped.samples("secret_audit_secrets")).singleElement()
                .satisfies(sample -> assertThat(sample.labels()).containsEntry("status", "OK"));
        assertThat(scraped.value("secret_audit_run_status", Map.of("status", "FAILED"))).isEqualTo(1);
        assertThat(scraped.value("secret_audit_run_status", Map.of("status", "COMPLETED"))).isZero();
        assertThat(scraped.value("secret_audit_last_success_timestamp_seconds", Map.of()))
                .isEqualTo(START.plusSeconds(60).getEpochSecond());
    }

    @Test
    void typesAreNormalisedAndCountedTogetherAndASourceThatNeverSucceededHasNoLastSuccess() {
        metrics.record(snapshot(AuditRun.RunStatus.FAILED, List.of(new TypeStatusCount("Api Key", Status.OK, 2),
                new TypeStatusCount("api-key", Status.OK, 3), new TypeStatusCount(null, Status.OK, 1)),
                Optional.empty()));

        Exposition scraped = Exposition.parse(registry.scrape());
        assertThat(scraped.value("secret_audit_secrets", Map.of("type", "api_key"))).isEqualTo(5);
        assertThat(scraped.value("secret_audit_secrets", Map.of("type", "none"))).isEqualTo(1);
        assertThat(scraped.names()).doesNotContain("secret_audit_last_success_timestamp_seconds");
    }

    @Test
    void theEarliestExpiryIsPerIntegrationAndCertificatesOnly() {
        Instant soon = START.plusSeconds(86_400);
        metrics.record(new RunSnapshot(run(AuditRun.RunStatus.COMPLETED), COUNTS, Optional.empty(), List.of(),
                List.of(), List.of(), Map.of(), List.of(new EarliestExpiry("Certificate", "aws", soon.plusSeconds(10)),
                new EarliestExpiry("certificate", "aws", soon), new EarliestExpiry("token", "aws", START),
                new EarliestExpiry("certificate", null, soon.plusSeconds(99)))));

        Exposition scraped = Exposition.parse(registry.scrape());
        String name = "secret_audit_certificate_earliest_expiry_timestamp_seconds";
        assertThat(scraped.value(name, Map.of("integration", "aws"))).isEqualTo(soon.getEpochSecond());
        assertThat(scraped.value(name, Map.of("integration", "none"))).isEqualTo(soon.getEpochSecond() + 99);
    }

    private static RunSnapshot snapshot(AuditRun.RunStatus status, List<TypeStatusCount> secrets,
                                        Optional<Instant> lastSuccess) {
        return new RunSnapshot(run(status), COUNTS, lastSuccess, secrets, List.of(), List.of(),
                Map.of("evaluateSecretsStep", 1.0), List.of());
    }

    private static AuditRun run(AuditRun.RunStatus status) {
        return new AuditRun(1, START, "synthetic", false, status, START, START.plusSeconds(60), 8, 8, 0, 3, "p", "policy",
                "dev", null, null, null, false, null, null);
    }
}
