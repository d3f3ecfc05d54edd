package ai.kubiya.secretaudit.policy;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.waivers.*}. Checked while binding, so a bad value stops start-up with a message naming the key.
 *
 * @param file    YAML list of waivers; unset → no waivers
 * @param maxDays a waiver may not expire further ahead than this
 */
@ConfigurationProperties(prefix = "audit.waivers")
record WaiverProperties(Path file, int maxDays) {

    WaiverProperties {
        if (maxDays < 1) {
            throw new IllegalArgumentException("audit.waivers.max-days must be a whole number of days, 1 or more (was "
                    + maxDays + ")");
        }
    }
}
