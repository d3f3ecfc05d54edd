package ai.kubiya.secretaudit.metrics;

import ai.kubiya.secretaudit.run.RunContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * The one call a run makes when its job has ended (completed, failed or stopped) and its {@code audit_run} row is
 * final: the gauges take the run's values, then they are pushed if a Pushgateway is configured. A dry run changes
 * neither (it is a rehearsal, and its push would replace the real run's series in the same group). Metrics never
 * fail a run: an error is one warning line.
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
        RunContext run = RunContext.from(execution.getJobParameters());
        if (run.dryRun()) {
            return;
        }
        try {
            metrics.record(snapshots.read(run.runId(), execution.getStepExecutions()));
            if (push.enabled()) {
                push.push(run.source());
            }
        } catch (Exception e) {
            log.warn("Metrics of run {} not published: {}", run.runId(), e.getMessage());
        }
    }
}
