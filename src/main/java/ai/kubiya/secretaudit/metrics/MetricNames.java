package ai.kubiya.secretaudit.metrics;

import java.util.List;

/**
 * Every gauge a run sets, by its Micrometer name; Prometheus spells it with {@code _} and the unit appended
 * ({@code secret.audit.last.success.timestamp}, seconds → {@code secret_audit_last_success_timestamp_seconds}).
 * docs/metrics.md lists them with their labels.
 */
final class MetricNames {

    record Gauge(String name, String baseUnit, String description) {
    }

    /** Every gauge's Prometheus name starts with it. */
    static final String PROMETHEUS_PREFIX = "secret_audit_";

    static final String SECRETS = "secret.audit.secrets";
    static final String FINDINGS = "secret.audit.findings";
    static final String EMAILS = "secret.audit.emails";
    static final String STEP_DURATION = "secret.audit.step.duration";
    static final String RUN_STATUS = "secret.audit.run.status";
    static final String RUN_SECRETS = "secret.audit.run.secrets";
    static final String RUN_END = "secret.audit.run.end.timestamp";
    static final String RUN_DURATION = "secret.audit.run.duration";
    static final String LAST_SUCCESS = "secret.audit.last.success.timestamp";
    static final String CERTIFICATE_EXPIRY = "secret.audit.certificate.earliest.expiry.timestamp";

    private static final String SECONDS = "seconds";

    static final List<Gauge> GAUGES = List.of(
            new Gauge(SECRETS, null, "Secrets of the latest completed run by type and worst status"),
            new Gauge(FINDINGS, null, "Findings of the latest completed run by rule, status and integration"),
            new Gauge(EMAILS, null, "Emails the last run queued or tried, by kind and state"),
            new Gauge(STEP_DURATION, SECONDS, "Duration of each step the last run executed"),
            new Gauge(RUN_STATUS, null, "1 for the status the last run ended with, 0 for the other"),
            new Gauge(RUN_SECRETS, null, "Records the last run read, evaluated and found malformed"),
            new Gauge(RUN_END, SECONDS, "When the last run ended (Unix time)"),
            new Gauge(RUN_DURATION, SECONDS, "How long the last run took, start to end"),
            new Gauge(LAST_SUCCESS, SECONDS,
                    "When the latest completed run of this source (by as-of) ended (Unix time)"),
            new Gauge(CERTIFICATE_EXPIRY, SECONDS,
                    "Earliest expiry of the certificates of each integration in the latest completed run (Unix time)"));

    private MetricNames() {
    }
}
