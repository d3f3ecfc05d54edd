package ai.kubiya.secretaudit.metrics;

import ai.kubiya.secretaudit.finding.FindingCounts.EarliestExpiry;
import ai.kubiya.secretaudit.finding.FindingCounts.RuleStatusCount;
import ai.kubiya.secretaudit.finding.TypeStatusCount;
import ai.kubiya.secretaudit.notify.MailCounts.KindStateCount;
import ai.kubiya.secretaudit.run.AuditRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run left in the database, as the gauges need it, read once when the job ends.
 *
 * @param lastSuccess  when the latest completed run of the run's source ended (this run, when it completed)
 * @param stepSeconds  the duration of each step this job execution ran, in the order it ran them
 * @param expiries     earliest expiry per type and integration (the gauge keeps the certificates)
 */
record RunSnapshot(AuditRun run, Optional<Instant> lastSuccess, List<TypeStatusCount> secrets,
                   List<RuleStatusCount> findings, List<KindStateCount> emails, Map<String, Double> stepSeconds,
                   List<EarliestExpiry> expiries) {
}
