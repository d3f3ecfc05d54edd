package ai.kubiya.secretaudit.chat;

import ai.kubiya.secretaudit.Durations;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.teams.*}: Microsoft Teams delivery. Checked while binding, so a bad value stops start-up (exit 2)
 * with a message naming the key; the webhook URL is never repeated, since it holds a credential.
 *
 * @param webhookUrl     the default webhook (a Workflows or incoming-webhook URL); unset → only routing rules with a
 *                       {@code teams-webhook-url} get Teams messages
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for Teams' answer to one post
 * @param maxRetryAfter  the longest {@code Retry-After} waited for; a longer one leaves the rest for the next run
 */
@ConfigurationProperties(prefix = "audit.teams")
public record TeamsProperties(String webhookUrl, Duration connectTimeout, Duration readTimeout,
                              Duration maxRetryAfter) {

    public TeamsProperties {
        webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
        String problem = webhookUrl == null ? null : TeamsWebhooks.check(webhookUrl);
        if (problem != null) {
            throw new IllegalArgumentException("audit.teams.webhook-url " + problem + " (the value is not shown:"
                    + " a webhook URL holds a credential)");
        }
        Durations.requirePositive("audit.teams.connect-timeout", connectTimeout);
        Durations.requirePositive("audit.teams.read-timeout", readTimeout);
        Durations.requirePositive("audit.teams.max-retry-after", maxRetryAfter);
    }

    /** The webhook URL stays out of logs and messages even when the whole configuration is printed. */
    @Override
    public String toString() {
        return "TeamsProperties[webhookUrl=" + (webhookUrl == null ? "(not set)" : "****") + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", maxRetryAfter=" + maxRetryAfter + "]";
    }
}
