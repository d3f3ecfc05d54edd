package ai.kubiya.secretaudit.notify;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.routing.*}.
 *
 * @param file YAML routing rules and absent owners (docs/email.md#routing-file); unset → every owner at their own
 *             address, escalations to {@code audit.mail.escalation-cc}
 */
@ConfigurationProperties(prefix = "audit.routing")
record RoutingProperties(Path file) {
}
