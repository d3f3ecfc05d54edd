package ai.kubiya.secretaudit.schedule;

import ai.kubiya.secretaudit.run.AuditRunLauncher;
import java.util.Date;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Component;

/**
 * The {@code daemon} command's scheduler. Quartz's scheduler exists in every command but stays in standby
 * ({@code spring.quartz.auto-startup=false}); only {@link #start()} makes it fire.
 */
@Component
public class AuditDaemon {

    private static final long STOP_POLL_MILLIS = 200;

    private final Scheduler scheduler;
    private final AuditRunLauncher launcher;
    private final ScheduleProperties properties;

    AuditDaemon(Scheduler scheduler, AuditRunLauncher launcher, ScheduleProperties properties) {
        this.scheduler = scheduler;
        this.launcher = launcher;
        this.properties = properties;
    }

    /** Registers {@code audit.schedule.cron} and starts firing it; returns the next fire time. */
    public Date start() throws SchedulerException {
        new AuditSchedule(properties.cron()).register(scheduler);
        scheduler.start();
        return scheduler.getTrigger(AuditSchedule.TRIGGER).getNextFireTime();
    }

    public String cron() {
        return properties.cron();
    }

    public String instanceId() throws SchedulerException {
        return scheduler.getSchedulerInstanceId();
    }

    /**
     * Graceful stop (SIGTERM): fires nothing more, asks the run in progress in this process (if any) to stop
     * after its current chunk, and returns once it has ended, {@code STOPPED} and restartable.
     */
    public void stop() throws SchedulerException, InterruptedException {
        scheduler.standby();
        while (!scheduler.getCurrentlyExecutingJobs().isEmpty()) {
            launcher.stopCurrentRun();
            Thread.sleep(STOP_POLL_MILLIS);
        }
        scheduler.shutdown(true);
    }
}
