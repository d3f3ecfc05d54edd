package ai.kubiya.secretaudit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.RunTotals;
import ai.kubiya.secretaudit.finding.RunTotals.EarliestExpiry;
import ai.kubiya.secretaudit.finding.RunTotals.RuleStatusCount;
import ai.kubiya.secretaudit.finding.TypeStatusCount;
import ai.kubiya.secretaudit.notify.MailCounts.KindStateCount;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.support.Exposition;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules shipped in docs/alerts parse as a PrometheusRule, and every series they select (name, label and
 * value) is one the application exports: the gauges of a run with a failure and an expired certificate, scraped
 * from a real Prometheus registry.
 */
class AlertRulesTests {

    private static final Path RULES = Path.of("docs/alerts/secret-rotation-audit.rules.yaml");
    /** A metric name, then optionally its {label="value", …} matchers. */
    private static final Pattern SELECTOR = Pattern.compile("(secret_audit_[a-z_]+)(\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("([a-z_]+)\\s*=\\s*\"([^\"]*)\"");

    @Test
    void theRulesFileIsAPrometheusRuleWhoseRulesAllHaveASeverityAndASummary() throws IOException {
        Map<String, Object> document = new Yaml().load(Files.readString(RULES));

        assertThat(document).containsEntry("apiVersion", "monitoring.coreos.com/v1").containsEntry("kind", "PrometheusRule");
        assertThat(rules()).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.get("alert")).isInstanceOf(String.class);
            assertThat(rule.get("expr")).isInstanceOf(String.class);
            assertThat(map(rule.get("labels"))).containsKey("severity");
            assertThat(map(rule.get("annotations"))).containsKeys("summary", "description");
        });
    }

    @Test
    void theIssueAsksForNoSuccessIn26HoursExpiredCertificatesAndAFailedRun() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        rules().forEach(rule -> expressions.put((String) rule.get("alert"), (String) rule.get("expr")));

        assertThat(expressions.get("SecretRotationAuditNoRecentSuccess"))
                .contains("secret_audit_last_success_timestamp_seconds").contains("26 * 3600");
        assertThat(expressions.get("SecretRotationAuditCertificatesExpired"))
                .contains("type=\"certificate\"").contains("status=\"EXPIRED\"").contains("> 0");
        assertThat(expressions.get("SecretRotationAuditRunFailed")).contains("status=\"FAILED\"");
    }

    @Test
    void everySeriesTheRulesSelectIsOneTheApplicationExports() throws IOException {
        Exposition exported = Exposition.parse(scrapeAfterARun());
        List<String> selectors = new ArrayList<>();
        for (Map<String, Object> rule : rules()) {
            Matcher selector = SELECTOR.matcher((String) rule.get("expr"));
            while (selector.find()) {
                selectors.add(selector.group());
                Map<String, String> labels = new LinkedHashMap<>();
                Matcher matcher = MATCHER.matcher(selector.group(3) == null ? "" : selector.group(3));
                while (matcher.find()) {
                    labels.put(matcher.group(1), matcher.group(2));
                }
                assertThat(exported.samples(selector.group(1))).as(selector.group())
                        .anyMatch(sample -> sample.labels().entrySet().containsAll(labels.entrySet()));
            }
        }
        assertThat(selectors).hasSizeGreaterThanOrEqualTo(5);
    }

    private static String scrapeAfterARun() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Instant start = Instant.parse("2026-11-30T02:00:00Z");
        AuditRun failed = new AuditRun(7, start, "control-plane", false, AuditRun.RunStatus.FAILED, start,
                start.plusSeconds(90), 100, 99, 1, 12, "p1", "policy", "1.0", "guard", null, null, false, null, null);
        new RunMetrics(registry).record(new RunSnapshot(failed, new RunTotals.Counts(99, 1, 12),
                Optional.of(start.minusSeconds(86_400)),
                List.of(new TypeStatusCount("Certificate", Status.EXPIRED, 2)),
                List.of(new RuleStatusCount(Rule.CERTIFICATE_EXPIRY, Status.EXPIRED, "aws", 2)),
                List.of(new KindStateCount("OWNER_REMINDER", "SENT", 1)), Map.of("evaluateSecretsStep", 1.5),
                List.of(new EarliestExpiry("certificate", "aws", start.minusSeconds(3_600)))));
        return registry.scrape();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        Map<String, Object> document = new Yaml().load(Files.readString(RULES));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : (List<Object>) map(document.get("spec")).get("groups")) {
            rules.addAll((List<Map<String, Object>>) map(group).get("rules"));
        }
        return rules;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
