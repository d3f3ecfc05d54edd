package ai.kubiya.secretaudit.run;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param source    {@code control-plane}, {@code file:PATH} or {@code synthetic[:N]}
 * @param chunkSize secrets evaluated and written per transaction
 */
@Validated
@ConfigurationProperties(prefix = "audit")
public record AuditProperties(@NotBlank String source, @Positive int chunkSize) {
}
