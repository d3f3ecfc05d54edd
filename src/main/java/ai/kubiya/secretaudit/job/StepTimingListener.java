package ai.kubiya.secretaudit.job;

import ai.kubiya.secretaudit.run.RunContext;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Logs when each step starts, how far a long one has got (every {@code audit.progress.interval}), and each step's
 * duration and counts: what an operator reads first when a nightly run gets slow.
 */
@Component
class StepTimingListener implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(StepTimingListener.class);

    private final ProgressLog progress;
    private final StepMeters meters;

    StepTimingListener(ProgressProperties properties, StepMeters meters) {
        this.progress = new ProgressLog(Clock.systemUTC(), properties.interval());
        this.meters = meters;
    }

    @Override
    public void beforeStep(StepExecution step) {
        log.info("{} started", step.getStepName());
        long runId = RunContext.runId(step.getJobParameters());
        progress.start(step.getStepName(), meters.forStep(step.getStepName(), runId));
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        progress.stop(step.getStepName());
        LocalDateTime start = step.getStartTime();
        long millis = start == null ? 0 : Duration.between(start, LocalDateTime.now()).toMillis();
        if (step.getStatus() == BatchStatus.FAILED && !step.getFailureExceptions().isEmpty()) {
            // one line instead of Spring Batch's ~60-line stack trace (its AbstractStep logger is off in
            // application.yml); the trace is there at DEBUG, for a failure that is a bug rather than a guard
            Throwable failure = step.getFailureExceptions().get(0);
            log.error("{} FAILED in {} ms: {}", step.getStepName(), millis, AuditRunListener.describe(failure));
            log.debug("{} failed", step.getStepName(), failure);
        } else if (step.getReadCount() > 0 || step.getWriteCount() > 0) {
            log.info("{} {} in {} ms: read {}, written {}, {} commits", step.getStepName(), step.getStatus(), millis,
                    step.getReadCount(), step.getWriteCount(), step.getCommitCount());
        } else {
            log.info("{} {} in {} ms", step.getStepName(), step.getStatus(), millis);
        }
        return step.getExitStatus();
    }
}
