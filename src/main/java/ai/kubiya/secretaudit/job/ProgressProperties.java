package ai.kubiya.secretaudit.job;

import ai.kubiya.secretaudit.Durations;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.progress.*}: how often a long step logs how far it has got.
 *
 * @param interval between two progress lines of one step (default 10s); a step shorter than this logs none
 */
@ConfigurationProperties(prefix = "audit.progress")
record ProgressProperties(Duration interval) {

    ProgressProperties {
        Durations.requirePositive("audit.progress.interval", interval);
    }
}
