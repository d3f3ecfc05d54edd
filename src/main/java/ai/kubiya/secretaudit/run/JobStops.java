package ai.kubiya.secretaudit.run;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/** Asks the job execution of one run to stop at its next chunk or step boundary, and tells which step it is in. */
@Component
class JobStops {

    private final JobRepository jobRepository;

    JobStops(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    /**
     * Marks the run's running job execution {@code STOPPING}: the evaluate step sees it at its next chunk update
     * and ends {@code STOPPED}; a later step finishes first and no other step starts.
     *
     * @return whether the execution is now stopping; false when it is not running (yet) or moved on meanwhile,
     *         and the caller asks again
     */
    boolean requestStop(String jobName, long runId) {
        Optional<JobExecution> running = running(jobName, runId);
        if (running.isEmpty()) {
            return false;
        }
        JobExecution execution = running.get();
        if (execution.getStatus() != BatchStatus.STARTING && execution.getStatus() != BatchStatus.STARTED) {
            return true; // stopping already, or ending: writing it now would race the job's own last update
        }
        // the job execution only: JobOperator.stop also rewrites the step execution, which races the chunk's own
        // update of it (OptimisticLockingFailureException: the chunk rolls back and the step FAILS instead of stopping)
        execution.setStatus(BatchStatus.STOPPING);
        try {
            jobRepository.update(execution);
            return true;
        } catch (OptimisticLockingFailureException e) {
            return false;
        }
    }

    /**
     * The step the run's job is executing, if it is executing one: "steps A and B" while the lifecycle runs beside
     * the owner reminders, in the order they started.
     */
    Optional<String> currentStep(String jobName, long runId) {
        List<String> steps = running(jobName, runId).stream()
                .flatMap(execution -> execution.getStepExecutions().stream())
                .filter(step -> step.getStatus().isRunning())
                .sorted(Comparator.comparing(StepExecution::getId))
                .map(StepExecution::getStepName)
                .toList();
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        int last = steps.size() - 1;
        return Optional.of(last == 0 ? "step " + steps.get(0)
                : "steps " + String.join(", ", steps.subList(0, last)) + " and " + steps.get(last));
    }

    private Optional<JobExecution> running(String jobName, long runId) {
        // another process's run (a clustered scheduler) is never ours to stop
        return jobRepository.findRunningJobExecutions(jobName).stream()
                .filter(execution -> RunContext.runId(execution.getJobParameters()) == runId)
                .findFirst();
    }
}
