package ai.kubiya.secretaudit.run;

import ai.kubiya.secretaudit.policy.PolicyVersion;
import ai.kubiya.secretaudit.run.AuditRun.RunStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * Runs one audit at a time under the run lock, to its end. A run of the same source and as-of that failed,
 * was stopped or was killed is restarted (Spring Batch restart, same {@code audit_run} id) instead of
 * started afresh: the evaluate step resumes after its last committed chunk, completed steps are skipped.
 * Every run is bounded by {@code audit.run.deadline} and can be stopped at any point ({@link RunSupervisor}).
 */
@Component
public class AuditRunLauncher {

    /**
     * What the {@code run} command's database sessions are called ({@code application_name}, in
     * {@code pg_stat_activity}): from its first connection, before its run's row exists, a portal on the same database
     * can tell that a run is starting ({@code portal.RunWriting}); operators see which process holds a connection.
     */
    public static final String RUN_COMMAND_SESSIONS = "secret-rotation-audit run";

    /** The key that names a command's database sessions, a PostgreSQL JDBC driver property under Hikari's. */
    public static final String SESSION_NAME_KEY = "spring.datasource.hikari.data-source-properties.ApplicationName";

    private static final Logger log = LoggerFactory.getLogger(AuditRunLauncher.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job secretRotationAuditJob;
    private final AuditRunRepository runs;
    private final InterruptedRuns interrupted;
    private final RunLock lock;
    private final SecretSources sources;
    private final PolicyVersion policyVersion;
    private final String appVersion;
    private final Clock clock;
    private final InventoryShrinkGuard shrinkGuard;
    private final RunSupervisor supervisor;

    AuditRunLauncher(JobOperator jobOperator, JobRepository jobRepository, Job secretRotationAuditJob,
                     AuditRunRepository runs, InterruptedRuns interrupted, RunLock lock, SecretSources sources,
                     PolicyVersion policyVersion, ObjectProvider<BuildProperties> build, Clock clock,
                     InventoryShrinkGuard shrinkGuard, RunSupervisor supervisor) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.secretRotationAuditJob = secretRotationAuditJob;
        this.runs = runs;
        this.interrupted = interrupted;
        this.lock = lock;
        this.sources = sources;
        this.policyVersion = policyVersion;
        BuildProperties properties = build.getIfAvailable();
        this.appVersion = properties == null ? "dev" : properties.getVersion();
        this.clock = clock;
        this.shrinkGuard = shrinkGuard;
        this.supervisor = supervisor;
    }

    /**
     * A job execution whose failure could not be rolled back (the database went away under it) is left
     * {@code UNKNOWN}, and Spring Batch then refuses to restart it. Under the run lock nothing else runs, and each
     * step commits its restart point with its data, so it is safe to restart: mark it, and its unfinished steps,
     * {@code FAILED}.
     */
    private void failUnknown(JobExecution execution) {
        Instant now = clock.instant();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED);
                if (step.getEndTime() == null) {
                    step.setEndTime(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
                }
                jobRepository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED
                .addExitDescription("its failure could not be rolled back (the database went away); marked FAILED to restart"));
        if (execution.getEndTime() == null) {
            execution.setEndTime(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        }
        jobRepository.update(execution);
        log.warn("Job execution {} of run {} was left UNKNOWN (its failure could not be rolled back); marked FAILED so"
                + " that it can restart", execution.getId(), RunContext.runId(execution.getJobParameters()));
    }

    /**
     * A run as of {@code asOf} (microsecond precision, as PostgreSQL keeps it); restarts the latest run of
     * exactly this as-of, source and kind if that one did not complete.
     *
     * @throws IllegalArgumentException       when the source is not a valid source value, or the as-of lies more
     *                                        than a day in the future without {@link LaunchOptions#allowFutureAsOf()}
     * @throws RunLock.RunInProgressException when another run holds the lock
     */
    public AuditRun launch(Instant asOf, String source, LaunchOptions options) throws Exception {
        options.checkAsOf(asOf, clock.instant());
        Instant instant = asOf.truncatedTo(ChronoUnit.MICROS);
        return launch(instant, source, options, instant);
    }

    public AuditRun launch(Instant asOf, String source, boolean dryRun) throws Exception {
        return launch(asOf, source, LaunchOptions.of(dryRun));
    }

    /**
     * A run as of now (what the CronJob and the scheduler do); restarts instead the latest run of today's
     * date (UTC) for this source and kind if that one did not complete, keeping that run's as-of.
     */
    public AuditRun launchNow(String source, LaunchOptions options) throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return launch(now, source, options, now.truncatedTo(ChronoUnit.DAYS));
    }

    public AuditRun launchNow(String source, boolean dryRun) throws Exception {
        return launchNow(source, LaunchOptions.of(dryRun));
    }

    private AuditRun launch(Instant asOf, String source, LaunchOptions options, Instant resumeFrom) throws Exception {
        sources.resolve(source);
        // on the run's own thread, which holds the lock until the run ends, even if the supervisor gives up on it
        return supervisor.supervise(supervision -> {
            try (RunLock.Held held = lock.acquire()) {
                interrupted.recover(secretRotationAuditJob.getName());
                Optional<AuditRun> unfinished = runs.latest(source, options.dryRun(), resumeFrom, asOf)
                        .filter(run -> run.status() == RunStatus.FAILED)
                        .filter(this::samePolicy)
                        .filter(run -> shrinkGuard.mayRestart(run, options.acceptShrink()));
                long runId = unfinished.isPresent() ? unfinished.get().id()
                        : runs.create(asOf, source, options.dryRun(), policyVersion.id(), policyVersion.description(),
                                appVersion, clock.instant());
                runs.acceptShrink(runId, options.acceptShrink());
                execute(runId, unfinished.isPresent(), supervision);
                return runs.find(runId).orElseThrow();
            }
        });
    }

    private void execute(long runId, boolean restart, SupervisedRun supervision) throws Exception {
        AuditRun run = runs.find(runId).orElseThrow();
        JobParameters parameters = parameters(run);
        supervision.begin(runId, secretRotationAuditJob.getName());
        try {
            if (restart) {
                restart(run, parameters);
            } else {
                jobOperator.start(secretRotationAuditJob, parameters);
            }
        } catch (Exception e) {
            runs.finish(runId, RunStatus.FAILED, "cannot launch the job: " + e.getMessage(), clock.instant());
            throw e;
        }
    }

    private void restart(AuditRun run, JobParameters parameters) throws Exception {
        log.info("Restarting run {} (as of {}, source {}), which ended: {}", run.id(), run.asOf(), run.source(),
                run.failure());
        runs.restart(run.id(), clock.instant());
        JobExecution last = jobRepository.getLastJobExecution(secretRotationAuditJob.getName(), parameters);
        if (last != null && last.getStatus() == BatchStatus.UNKNOWN) {
            failUnknown(last);
        }
        if (last == null) {
            jobOperator.start(secretRotationAuditJob, parameters); // its process died before the job started
        } else {
            jobOperator.restart(last);
        }
    }

    /**
     * Asks the run this launcher is executing, if any, to stop: the job ends {@code STOPPED} at its next chunk
     * or step boundary (a source read that does not get there within 5 s is aborted, its chunk rolled back) and
     * the run is left for a restart; a run that has not ended {@code audit.run.stop-timeout} later is abandoned.
     * Returns at once; the launching thread returns when the run has ended. Callers ask until it has.
     *
     * @return whether a run was asked to stop
     */
    public boolean stopCurrentRun() {
        return supervisor.requestStop();
    }

    private boolean samePolicy(AuditRun run) {
        if (run.policyVersion().equals(policyVersion.id())) {
            return true;
        }
        log.warn("Run {} did not complete, but it evaluated policy {} and the policy is now {}: starting a new run"
                + " instead of restarting it", run.id(), run.policyVersion(), policyVersion.id());
        return false;
    }

    private static JobParameters parameters(AuditRun run) {
        return RunContext.of(run).jobParameters();
    }
}
