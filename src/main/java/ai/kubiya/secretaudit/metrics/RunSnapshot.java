package ai.kubiya.secretaudit.metrics;

import ai.kubiya.secretaudit.finding.RunTotals;
import ai.kubiya.secretaudit.finding.RunTotals.EarliestExpiry;
import ai.kubiya.secretaudit.finding.RunTotals.RuleStatusCount;
import ai.kubiya.secretaudit.finding.TypeStatusCount;
import ai.kubiya.secretaudit.notify.MailCounts.KindStateCount;
import ai.kubiya.secretaudit.run.AuditRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run left in the database, as the gauges need it, read once when the job ends. The run's own: its row,
 * {@code counts} (as its summary and {@code runs} print them), {@code emails} and {@code stepSeconds}. The inventory
 * ({@code secrets}, {@code findings}, {@code expiries}) is that of the latest completed run of its source, which is
 * the run itself unless it failed, and empty when no run of the source ever completed.
 *
 * @param lastSuccess  when the completed run whose inventory this is ended (this run, when it completed)
 * @param stepSeconds  the duration of each step this job execution ran, in the order it ran them
 * @param expiries     earliest expiry per type and integration (the gauge keeps the certificates)
 */
record RunSnapshot(AuditRun run, RunTotals.Counts counts, Optional<Instant> lastSuccess, List<TypeStatusCount> secrets,
                   List<RuleStatusCount> findings, List<KindStateCount> emails, Map<String, Double> stepSeconds,
                   List<EarliestExpiry> expiries) {
}
