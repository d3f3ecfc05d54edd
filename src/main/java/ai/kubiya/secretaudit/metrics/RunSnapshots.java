package ai.kubiya.secretaudit.metrics;

import ai.kubiya.secretaudit.finding.FindingCounts;
import ai.kubiya.secretaudit.finding.FindingRepository;
import ai.kubiya.secretaudit.notify.MailCounts;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/** Reads a {@link RunSnapshot} back from the database: five grouped queries, a few milliseconds at 200,000 secrets. */
@Component
class RunSnapshots {

    private final AuditRunRepository runs;
    private final FindingRepository findings;
    private final FindingCounts findingCounts;
    private final MailCounts mailCounts;

    RunSnapshots(AuditRunRepository runs, FindingRepository findings, FindingCounts findingCounts,
                 MailCounts mailCounts) {
        this.runs = runs;
        this.findings = findings;
        this.findingCounts = findingCounts;
        this.mailCounts = mailCounts;
    }

    RunSnapshot read(long runId, Collection<StepExecution> steps) {
        AuditRun run = runs.find(runId).orElseThrow(() -> new IllegalStateException("no audit run " + runId));
        return new RunSnapshot(run, runs.lastSuccess(run.source()), findings.secretsByTypeAndStatus(runId),
                findingCounts.byRuleStatusAndIntegration(runId), mailCounts.byKindAndState(runId),
                stepSeconds(steps), findingCounts.earliestExpiries(runId));
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
