package ai.kubiya.secretaudit.run;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Cleans up after a process that died in a run (kill -9, OOM, node lost): its job execution stays
 * {@code STARTED} in the job repository and its {@code audit_run} row {@code STARTED}, and Spring Batch refuses
 * to restart an execution it believes is running. Called only while holding the run lock, when no run can be
 * active: whatever still looks running is dead.
 */
@Component
class InterruptedRuns {

    static final String FAILURE = "interrupted: the process running it ended before the run finished";

    private static final Logger log = LoggerFactory.getLogger(InterruptedRuns.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final AuditRunRepository runs;
    private final Clock clock;

    InterruptedRuns(JobOperator jobOperator, JobRepository jobRepository, AuditRunRepository runs, Clock clock) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.runs = runs;
        this.clock = clock;
    }

    /** Marks the dead job executions and runs {@code FAILED}, which makes them restartable. */
    void recover(String jobName) {
        for (JobExecution execution : jobRepository.findRunningJobExecutions(jobName)) {
            String status = execution.getStatus().name();
            jobOperator.recover(execution);
            log.warn("Job execution {} of run {} was left {} by a process that ended; marked FAILED so that it can"
                    + " restart", execution.getId(), RunContext.runId(execution.getJobParameters()), status);
        }
        int failed = runs.failInterrupted(FAILURE, clock.instant());
        if (failed > 0) {
            log.warn("{} audit run(s) were left STARTED by a process that ended; marked FAILED", failed);
        }
    }
}
