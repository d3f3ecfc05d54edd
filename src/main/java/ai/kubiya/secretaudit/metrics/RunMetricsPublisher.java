package ai.kubiya.secretaudit.metrics;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.RunContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * The one call a run makes when its job has ended (completed, failed or stopped) and its {@code audit_run} row is
 * final: the gauges take the run's values, then they are pushed if a Pushgateway is configured. A dry run changes
 * neither (it is a rehearsal, and its push would replace the real run's series in the same group), nor does a
 * backfill (an as-of older than the latest completed run's of its source: its push would replace today's series
 * with a past date's). Metrics never fail a run: an error is one warning line.
 */
@Component
public class RunMetricsPublisher {

    private static final Logger log = LoggerFactory.getLogger(RunMetricsPublisher.class);

    private final RunSnapshots snapshots;
    private final RunMetrics metrics;
    private final MetricsPush push;

    RunMetricsPublisher(RunSnapshots snapshots, RunMetrics metrics, MetricsPush push) {
        this.snapshots = snapshots;
        this.metrics = metrics;
        this.push = push;
    }

    public void runEnded(JobExecution execution) {
        RunContext context = RunContext.from(execution.getJobParameters());
        if (context.dryRun()) {
            return;
        }
        try {
            AuditRun run = snapshots.run(context.runId());
            Optional<AuditRun> later = snapshots.laterCompleted(run);
            if (later.isPresent()) {
                log.info("Metrics of run {} not published: as of {}, it is older than run {} (as of {}), the latest"
                        + " completed run of this source, whose series stay current", run.id(), run.asOf(),
                        later.get().id(), later.get().asOf());
                return;
            }
            metrics.record(snapshots.read(run, execution.getStepExecutions()));
            if (push.enabled()) {
                push.push(run.source());
            }
        } catch (Exception e) {
            log.warn("Metrics of run {} not published: {}", context.runId(), e.getMessage());
        }
    }
}
