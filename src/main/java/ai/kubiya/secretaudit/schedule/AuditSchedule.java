package ai.kubiya.secretaudit.schedule;

import java.util.Objects;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * The audit as Quartz keeps it in PostgreSQL: one durable job and one cron trigger in UTC. A fire missed
 * while no scheduler was running (downtime, deploy) fires once as soon as one runs again, not once per miss.
 */
public final class AuditSchedule {

    public static final JobKey JOB = JobKey.jobKey("secretRotationAudit", "secret-rotation-audit");
    public static final TriggerKey TRIGGER = TriggerKey.triggerKey("secretRotationAuditSchedule", "secret-rotation-audit");

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final String cron;

    public AuditSchedule(String cron) {
        this.cron = Objects.requireNonNull(cron, "cron");
    }

    /**
     * Stores the job and the trigger. An unchanged trigger is left as it is, so that its missed fire (if
     * any) still fires once; a changed cron replaces it. Safe when several replicas register at once.
     */
    public void register(Scheduler scheduler) throws SchedulerException {
        scheduler.addJob(job(), true);
        Trigger existing = scheduler.getTrigger(TRIGGER);
        CronTrigger wanted = trigger();
        if (existing == null) {
            try {
                scheduler.scheduleJob(wanted);
            } catch (ObjectAlreadyExistsException e) {
                // another replica registered the same trigger at the same moment
            }
        } else if (!(existing instanceof CronTrigger current) || !current.getCronExpression().equals(cron)
                || !current.getTimeZone().hasSameRules(UTC)
                || current.getMisfireInstruction() != wanted.getMisfireInstruction()) {
            scheduler.rescheduleJob(TRIGGER, wanted);
        }
    }

    JobDetail job() {
        return JobBuilder.newJob(ScheduledAuditJob.class)
                .withIdentity(JOB)
                .withDescription("Secret rotation audit run as of now (audit.source)")
                .storeDurably()
                .requestRecovery() // a replica that dies mid-run: another one fires it again, which resumes the run
                .build();
    }

    CronTrigger trigger() {
        return TriggerBuilder.newTrigger()
                .withIdentity(TRIGGER)
                .forJob(JOB)
                .withDescription("audit.schedule.cron, UTC")
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(UTC)
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
