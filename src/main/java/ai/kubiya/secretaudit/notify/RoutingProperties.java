package ai.kubiya.secretaudit.notify;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.routing.*}.
 *
 * @param file              YAML routing rules and absent owners (docs/email.md#routing-file); unset → every owner at
 *                          their own address, escalations to {@code audit.mail.escalation-cc}
 * @param retryBouncedAfter how long (in as-of time) an owner whose reminder bounced goes to their team; after that the
 *                          owner is mailed again, once: a mailbox that was full or briefly gone is not given up for good
 */
@ConfigurationProperties(prefix = "audit.routing")
record RoutingProperties(Path file, Duration retryBouncedAfter) {

    RoutingProperties {
        if (retryBouncedAfter == null || retryBouncedAfter.toDays() < 1) {
            throw new IllegalArgumentException("audit.routing.retry-bounced-after must be at least one day, e.g. 30d");
        }
    }
}
