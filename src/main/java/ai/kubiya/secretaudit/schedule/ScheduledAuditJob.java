package ai.kubiya.secretaudit.schedule;

import ai.kubiya.secretaudit.run.AuditProperties;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.run.RunLock;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a fire of the schedule does: one audit run as of now of {@code audit.source}, exactly as {@code run}
 * without options would (resuming today's run if it did not complete). A run already in progress anywhere
 * on the database is not an error: this fire is skipped.
 */
@DisallowConcurrentExecution
class ScheduledAuditJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(ScheduledAuditJob.class);

    private final AuditRunLauncher launcher;
    private final AuditProperties properties;

    ScheduledAuditJob(AuditRunLauncher launcher, AuditProperties properties) {
        this.launcher = launcher;
        this.properties = properties;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            AuditRun run = launcher.launchNow(properties.source(), false);
            if (run.status() == AuditRun.RunStatus.COMPLETED) {
                log.info("Scheduled run {} completed: {} secrets read, {} findings", run.id(), run.read(),
                        run.findings());
            } else {
                log.warn("Scheduled run {} {}: {}", run.id(), run.status(), run.failure());
            }
        } catch (RunLock.RunInProgressException e) {
            log.info("Scheduled run skipped: {}", e.getMessage());
        } catch (Exception e) {
            log.error("Scheduled run could not be launched: {}", e.getMessage(), e);
        }
    }
}
