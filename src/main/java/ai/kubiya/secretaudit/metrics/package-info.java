/**
 * Metrics of the runs for Prometheus (docs/metrics.md): at the end of every run, what it found is read back from
 * the database into gauges with bounded labels (rule, status, type, integration, step, email state: never a secret's
 * name or owner), and pushed once to a Pushgateway when
 * {@code management.prometheus.metrics.export.pushgateway.enabled=true}, grouped by job and source. The
 * {@code daemon} serves the same gauges on {@code /actuator/prometheus}, set from the latest run in the database at
 * start and kept on it (a failed run keeps the last completed run's inventory; a backfill changes nothing).
 *
 * <p>It reads {@code finding}, {@code notify} and {@code run} (their counts and the run row) and {@code source}'s
 * type names; only {@code job} imports it (one call when a job ends), and it must never import {@code job},
 * {@code cli} or {@code schedule}.
 */
package ai.kubiya.secretaudit.metrics;
