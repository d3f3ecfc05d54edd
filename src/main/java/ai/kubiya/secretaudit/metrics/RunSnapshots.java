package ai.kubiya.secretaudit.metrics;

import ai.kubiya.secretaudit.finding.FindingRepository;
import ai.kubiya.secretaudit.finding.RunTotals;
import ai.kubiya.secretaudit.notify.MailCounts;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/** Reads a {@link RunSnapshot} back from the database: a few grouped queries, a few milliseconds at 200,000 secrets. */
@Component
class RunSnapshots {

    private final AuditRunRepository runs;
    private final FindingRepository findings;
    private final RunTotals totals;
    private final MailCounts mailCounts;

    RunSnapshots(AuditRunRepository runs, FindingRepository findings, RunTotals totals, MailCounts mailCounts) {
        this.runs = runs;
        this.findings = findings;
        this.totals = totals;
        this.mailCounts = mailCounts;
    }

    AuditRun run(long runId) {
        return runs.find(runId).orElseThrow(() -> new IllegalStateException("no audit run " + runId));
    }

    /** The ended run of the latest as-of, then id (dry runs aside; a backfill never is): what every process shows. */
    Optional<AuditRun> latestEnded() {
        return runs.latestEnded();
    }

    /** A completed run of the same source as of later than {@code run}: {@code run} is then a backfill. */
    Optional<AuditRun> laterCompleted(AuditRun run) {
        return runs.latestCompleted(run.source(), run.id()).filter(latest -> latest.asOf().isAfter(run.asOf()));
    }

    RunSnapshot read(AuditRun run, Collection<StepExecution> steps) {
        // a failed run's inventory is partial, or refused by the guard: replacing the last good series with it would
        // clear CertificatesExpired because a source broke
        Optional<AuditRun> completed = run.status() == AuditRun.RunStatus.COMPLETED ? Optional.of(run)
                : runs.latestCompleted(run.source(), run.id());
        Optional<Long> inventory = completed.map(AuditRun::id);
        // that run's end, not the latest end of any completed run: a backfill that completed is no audit of today
        return new RunSnapshot(run, totals.counts(run.id()), completed.map(AuditRun::endedAt),
                inventory.map(findings::secretsByTypeAndStatus).orElse(List.of()),
                inventory.map(totals::findingsByRuleStatusAndIntegration).orElse(List.of()),
                mailCounts.byKindAndState(run.id()), stepSeconds(steps),
                inventory.map(totals::earliestExpiries).orElse(List.of()));
    }

    private static Map<String, Double> stepSeconds(Collection<StepExecution> steps) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (StepExecution step : steps) {
            if (step.getStartTime() != null && step.getEndTime() != null) {
                seconds.put(step.getStepName(), Duration.between(step.getStartTime(), step.getEndTime()).toNanos() / 1e9);
            }
        }
        return seconds;
    }
}
