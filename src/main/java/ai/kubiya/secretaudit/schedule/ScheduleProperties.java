package ai.kubiya.secretaudit.schedule;

import jakarta.validation.constraints.NotBlank;
import org.quartz.CronExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param cron when the {@code daemon} runs the audit: a Quartz cron expression (seconds first), in UTC */
@Validated
@ConfigurationProperties(prefix = "audit.schedule")
public record ScheduleProperties(@NotBlank String cron) {

    public ScheduleProperties {
        if (cron != null && !cron.isBlank() && !CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("'" + cron + "' is not a Quartz cron expression"
                    + " (seconds minutes hours day-of-month month day-of-week [year], e.g. 0 0 2 * * ?)");
        }
    }
}
