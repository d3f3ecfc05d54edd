package ai.kubiya.secretaudit.job;

import ai.kubiya.secretaudit.Durations;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.progress.*}: how often a long step logs how far it has got.
 *
 * @param interval between two progress lines of one step (default 10s, at least 1ms); a step shorter than this
 *                 logs none
 */
@ConfigurationProperties(prefix = "audit.progress")
record ProgressProperties(Duration interval) {

    /** The timer counts whole milliseconds: a shorter interval would become 0, which it refuses at every step. */
    static final Duration MINIMUM = Duration.ofMillis(1);

    ProgressProperties {
        Durations.requirePositive("audit.progress.interval", interval);
        if (interval.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("audit.progress.interval must be at least 1ms (was "
                    + Durations.asWritten(interval) + ")");
        }
    }
}
