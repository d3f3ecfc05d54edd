package ai.kubiya.secretaudit.run;

import ai.kubiya.secretaudit.Durations;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.run.*}: how long a run may take. Checked at start-up: a duration that is missing, zero or
 * negative stops it with a message naming the key (exit code 2).
 *
 * @param deadline    how long one launch of a run may take, from its start to its end, whatever it waits for
 * @param stopTimeout how long a run asked to stop (SIGTERM, or the deadline) may take to reach a chunk or step
 *                    boundary before it is abandoned and the process stops waiting for it
 */
@ConfigurationProperties(prefix = "audit.run")
record RunProperties(Duration deadline, Duration stopTimeout) {

    RunProperties {
        Durations.requirePositive("audit.run.deadline", deadline);
        Durations.requirePositive("audit.run.stop-timeout", stopTimeout);
    }
}
