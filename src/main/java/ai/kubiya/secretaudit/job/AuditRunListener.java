package ai.kubiya.secretaudit.job;

import ai.kubiya.secretaudit.metrics.RunMetricsPublisher;
import ai.kubiya.secretaudit.notify.OwnerNotifier;
import ai.kubiya.secretaudit.run.AuditRun.RunStatus;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import ai.kubiya.secretaudit.run.RunContext;
import ai.kubiya.secretaudit.run.RunSupervisor;
import ai.kubiya.secretaudit.source.SourceException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Logs the start of a run, and records a failed job on its audit run, with the first failure's message, so it is never mistaken for complete.
 * A job the supervisor stopped (its deadline passed, or a blocked read was aborted) gets the supervisor's reason.
 * Then, whatever the outcome, the run's metrics are published (docs/metrics.md).
 */
@Component
class AuditRunListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(AuditRunListener.class);

    private final AuditRunRepository runs;
    private final RunSupervisor supervisor;
    private final Clock clock;
    private final RunMetricsPublisher metrics;
    private final OwnerNotifier owners;

    AuditRunListener(AuditRunRepository runs, RunSupervisor supervisor, Clock clock, RunMetricsPublisher metrics,
                     OwnerNotifier owners) {
        this.runs = runs;
        this.supervisor = supervisor;
        this.clock = clock;
        this.metrics = metrics;
        this.owners = owners;
    }

    /** The first line of a run on the console, before the evaluate step's: which run, as of when, from where. */
    @Override
    public void beforeJob(JobExecution execution) {
        RunContext run = RunContext.from(execution.getJobParameters());
        log.info("Run {} started: as of {}, source {}{}", run.runId(), run.asOf(), run.source(),
                run.dryRun() ? ", dry run" : "");
        if (!run.dryRun()) {
            // the evaluate step keeps PostgreSQL, not this process, busy (docs/performance.md)
            owners.warmUp();
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        owners.endWarmUp();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            long runId = RunContext.runId(execution.getJobParameters());
            runs.finish(runId, RunStatus.FAILED, supervisor.reason(runId).orElseGet(() -> failure(execution)),
                    clock.instant());
        }
        metrics.runEnded(execution);
    }

    static String failure(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.STOPPED) {
            return "stopped on request (shutdown) at a chunk or step boundary; the next run of the same as-of and"
                    + " source resumes it";
        }
        List<Throwable> failures = execution.getAllFailureExceptions();
        if (failures.isEmpty()) {
            return "job ended with status " + execution.getStatus();
        }
        return describe(failures.get(0));
    }

    /** A failure in one line: the source's own message, or the first message with its root cause's. */
    static String describe(Throwable first) {
        for (Throwable cause = first; cause != null; cause = cause.getCause()) {
            // the source's own message says what could not be read and why; wrappers and causes add noise
            if (cause instanceof SourceException) {
                return cause.getMessage();
            }
        }
        Throwable root = first;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == first || first.getMessage() == null ? why : first.getMessage() + ": " + why;
    }
}
