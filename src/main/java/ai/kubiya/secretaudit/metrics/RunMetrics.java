package ai.kubiya.secretaudit.metrics;

import ai.kubiya.secretaudit.finding.RunTotals;
import ai.kubiya.secretaudit.finding.RunTotals.EarliestExpiry;
import ai.kubiya.secretaudit.finding.RunTotals.RuleStatusCount;
import ai.kubiya.secretaudit.finding.TypeStatusCount;
import ai.kubiya.secretaudit.notify.MailCounts.KindStateCount;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.source.SecretTypes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The gauges of one run, in the application's {@link MeterRegistry} (Prometheus names in {@link MetricNames}): the
 * run that just ended in this process, or the latest one in the database ({@link LatestRunMetrics}). Each
 * {@link #record} replaces every series: a label set the new run does not have (a status no secret has any more)
 * disappears instead of keeping the previous run's value.
 */
@Component
class RunMetrics {

    private final Map<String, MultiGauge> gauges = new LinkedHashMap<>();
    /** The run the gauges show, 0 for none. */
    private long shownRunId;

    RunMetrics(MeterRegistry registry) {
        for (MetricNames.Gauge gauge : MetricNames.GAUGES) {
            gauges.put(gauge.name(), MultiGauge.builder(gauge.name()).description(gauge.description())
                    .baseUnit(gauge.baseUnit()).register(registry));
        }
    }

    synchronized boolean shows(long runId) {
        return shownRunId == runId;
    }

    /**
     * For a snapshot read back without step durations: a run this process has just recorded with them (the job's
     * own call came first) keeps them.
     */
    synchronized boolean recordUnlessShown(RunSnapshot snapshot) {
        if (shows(snapshot.run().id())) {
            return false;
        }
        record(snapshot);
        return true;
    }

    synchronized void record(RunSnapshot snapshot) {
        shownRunId = snapshot.run().id();
        set(MetricNames.SECRETS, secrets(snapshot.secrets()));
        set(MetricNames.FINDINGS, findings(snapshot.findings()));
        set(MetricNames.EMAILS, emails(snapshot.emails()));
        set(MetricNames.CERTIFICATE_EXPIRY, certificates(snapshot.expiries()));
        Map<Tags, Double> steps = new LinkedHashMap<>();
        snapshot.stepSeconds().forEach((step, seconds) -> steps.put(Tags.of("step", step), seconds));
        set(MetricNames.STEP_DURATION, steps);
        recordRun(snapshot.run(), snapshot.counts());
        set(MetricNames.LAST_SUCCESS, snapshot.lastSuccess()
                .map(at -> Map.of(Tags.empty(), seconds(at.toEpochMilli()))).orElse(Map.of()));
    }

    private void recordRun(AuditRun run, RunTotals.Counts counts) {
        Map<Tags, Double> status = new LinkedHashMap<>();
        for (AuditRun.RunStatus each : List.of(AuditRun.RunStatus.COMPLETED, AuditRun.RunStatus.FAILED)) {
            status.put(Tags.of("status", each.name()), run.status() == each ? 1.0 : 0.0);
        }
        set(MetricNames.RUN_STATUS, status);
        set(MetricNames.RUN_SECRETS, Map.of(Tags.of("stage", "read"), (double) counts.read(),
                Tags.of("stage", "evaluated"), (double) counts.evaluated(), Tags.of("stage", "malformed"),
                (double) counts.malformed()));
        boolean ended = run.endedAt() != null;
        set(MetricNames.RUN_END, ended ? Map.of(Tags.empty(), seconds(run.endedAt().toEpochMilli())) : Map.of());
        set(MetricNames.RUN_DURATION, ended
                ? Map.of(Tags.empty(), Duration.between(run.startedAt(), run.endedAt()).toMillis() / 1000.0) : Map.of());
    }

    private static Map<Tags, Double> secrets(List<TypeStatusCount> rows) {
        List<TypeStatusCount> normalised = rows.stream()
                .map(row -> new TypeStatusCount(SecretTypes.normalize(row.type()), row.status(), row.count())).toList();
        LabelValues types = LabelValues.mostFrequent(normalised, TypeStatusCount::type, TypeStatusCount::count);
        Map<Tags, Double> values = new LinkedHashMap<>();
        for (TypeStatusCount row : normalised) {
            values.merge(Tags.of("type", types.of(row.type()), "status", row.status().name()), (double) row.count(),
                    Double::sum);
        }
        return values;
    }

    private static Map<Tags, Double> findings(List<RuleStatusCount> rows) {
        LabelValues integrations = LabelValues.mostFrequent(rows, RuleStatusCount::integration, RuleStatusCount::count);
        Map<Tags, Double> values = new LinkedHashMap<>();
        for (RuleStatusCount row : rows) {
            values.merge(Tags.of("rule", row.rule().name(), "status", row.status().name(), "integration",
                    integrations.of(row.integration())), (double) row.count(), Double::sum);
        }
        return values;
    }

    private static Map<Tags, Double> emails(List<KindStateCount> rows) {
        Map<Tags, Double> values = new LinkedHashMap<>();
        for (KindStateCount row : rows) {
            values.merge(Tags.of("kind", row.kind(), "state", row.state()), (double) row.count(), Double::sum);
        }
        return values;
    }

    /** Per integration, the earliest expiry of its certificates (as epoch seconds), expired ones included. */
    private static Map<Tags, Double> certificates(List<EarliestExpiry> rows) {
        Map<String, Instant> earliest = new HashMap<>(); // a HashMap: null (no integration) is a key too
        for (EarliestExpiry row : rows) {
            if (SecretTypes.CERTIFICATE.equals(SecretTypes.normalize(row.type()))) {
                earliest.merge(row.integration(), row.expiresAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        // the integrations whose certificates expire soonest keep their names
        LabelValues integrations = LabelValues.mostFrequent(earliest.entrySet(), Map.Entry::getKey,
                entry -> -entry.getValue().getEpochSecond());
        Map<Tags, Double> values = new LinkedHashMap<>();
        earliest.forEach((integration, at) -> values.merge(
                Tags.of("integration", integrations.of(integration)),
                seconds(at.toEpochMilli()), Math::min));
        return values;
    }

    private void set(String name, Map<Tags, Double> values) {
        List<Row<?>> rows = new ArrayList<>(values.size());
        values.forEach((tags, value) -> rows.add(Row.of(tags, value)));
        gauges.get(name).register(rows, true);
    }

    private static double seconds(long epochMillis) {
        return epochMillis / 1000.0;
    }
}
