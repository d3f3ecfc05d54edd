package ai.kubiya.secretaudit.report;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.reports.*}. Checked while binding, so a missing folder stops start-up with a message naming the key.
 *
 * @param dir where workbooks, manifests and the {@code .eml} outbox are written
 */
@ConfigurationProperties(prefix = "audit.reports")
public record ReportProperties(Path dir) {

    public ReportProperties {
        if (dir == null) {
            throw new IllegalArgumentException("audit.reports.dir must be a folder (was not set)");
        }
    }

    /** Where the {@code .eml} transport writes the outbox's messages, and retention finds them again. */
    public Path outboxDir() {
        return dir.resolve("outbox");
    }

    /** The file of outbox message {@code outboxId} in {@link #outboxDir()}. */
    public static String emlFileName(long outboxId) {
        return String.format("%08d.eml", outboxId);
    }
}
