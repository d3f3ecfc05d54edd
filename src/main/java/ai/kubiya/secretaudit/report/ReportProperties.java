package ai.kubiya.secretaudit.report;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param dir where workbooks, manifests and the {@code .eml} outbox are written */
@Validated
@ConfigurationProperties(prefix = "audit.reports")
public record ReportProperties(@NotNull Path dir) {
}
