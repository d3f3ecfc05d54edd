package ai.kubiya.secretaudit.schedule;

import org.quartz.CronExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.schedule.*}. Checked while binding, so a bad expression stops start-up with a message naming the key.
 *
 * @param cron when the {@code daemon} runs the audit: a Quartz cron expression (seconds first), in UTC
 */
@ConfigurationProperties(prefix = "audit.schedule")
record ScheduleProperties(String cron) {

    private static final String FORM =
            " (seconds minutes hours day-of-month month day-of-week [year], e.g. 0 0 2 * * ?)";

    ScheduleProperties {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("audit.schedule.cron must be a Quartz cron expression" + FORM + " (was "
                    + (cron == null ? "not set" : "empty") + ")");
        }
        if (!CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("audit.schedule.cron: '" + cron + "' is not a Quartz cron expression"
                    + FORM);
        }
    }
}
