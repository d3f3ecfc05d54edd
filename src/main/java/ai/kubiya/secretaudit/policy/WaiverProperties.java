package ai.kubiya.secretaudit.policy;

import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param file    YAML list of waivers; unset → no waivers
 * @param maxDays a waiver may not expire further ahead than this
 */
@Validated
@ConfigurationProperties(prefix = "audit.waivers")
public record WaiverProperties(Path file, @Positive int maxDays) {
}
