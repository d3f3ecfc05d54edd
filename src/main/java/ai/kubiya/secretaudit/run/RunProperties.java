package ai.kubiya.secretaudit.run;

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
        requirePositive("deadline", deadline);
        requirePositive("stop-timeout", stopTimeout);
    }

    /** As a person writes it in the configuration: 2h, 90m, 25s, 1h30m, 0.5s. */
    static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("audit.run." + key + " must be a positive duration (was "
                    + (value == null ? "not set" : human(value)) + ")");
        }
    }
}
