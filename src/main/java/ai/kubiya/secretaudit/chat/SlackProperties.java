package ai.kubiya.secretaudit.chat;

import ai.kubiya.secretaudit.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.slack.*}: Slack delivery, on when a bot token is set (docs/owners.md#slack-and-microsoft-teams).
 *
 * @param token          the bot token ({@code xoxb-…}), from the environment only ({@code AUDIT_SLACK_TOKEN},
 *                       {@code EnvironmentOnlyKeys}); never logged, never in a message
 * @param baseUrl        the Web API, ending in {@code /}: https, or http to this machine by name or address (localhost, 127.x.x.x, [::1]: tests, a local proxy)
 * @param channel        the channel for every reminder no routing rule sends elsewhere ({@code #name} or an ID);
 *                       unset: owners get a direct message, team emails none
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for an answer
 * @param maxRetryAfter  the longest {@code Retry-After} waited out; a longer one stops delivery for this run
 */
@ConfigurationProperties(prefix = "audit.slack")
public record SlackProperties(String token, String baseUrl, String channel, Duration connectTimeout,
                              Duration readTimeout, Duration maxRetryAfter) {

    /** A channel name as Slack allows it (lower case, ≤ 80), or a channel/DM/group ID. */
    private static final Pattern CHANNEL = Pattern.compile("#[\\p{Ll}\\p{N}_.-]{1,80}|[CDG][A-Z0-9]{2,20}");

    public SlackProperties {
        token = token == null || token.isBlank() ? null : token.strip();
        if (token != null && token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("audit.slack.token (AUDIT_SLACK_TOKEN) contains spaces or control"
                    + " characters");
        }
        baseUrl = checkedBaseUrl(baseUrl);
        channel = channel == null || channel.isBlank() ? null : channel.strip();
        if (channel != null && !isChannel(channel)) {
            throw new IllegalArgumentException("audit.slack.channel must be a channel name (#name) or ID (C0123…)"
                    + " (was '" + channel + "')");
        }
        Durations.requirePositive("audit.slack.connect-timeout", connectTimeout);
        Durations.requirePositive("audit.slack.read-timeout", readTimeout);
        Durations.requirePositive("audit.slack.max-retry-after", maxRetryAfter);
    }

    public boolean enabled() {
        return token != null;
    }

    /** Whether a routing rule's {@code slack-channel} can be posted to as written. */
    public static boolean isChannel(String channel) {
        return CHANNEL.matcher(channel).matches();
    }

    /** The token stays out of logs and messages even when the whole configuration is printed. */
    @Override
    public String toString() {
        return "SlackProperties[token=" + (token == null ? "(not set)" : "****") + ", baseUrl=" + baseUrl
                + ", channel=" + channel + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxRetryAfter=" + maxRetryAfter + "]";
    }

    private static String checkedBaseUrl(String value) {
        String url = value == null ? "" : value.strip();
        URI uri;
        try {
            uri = new URI(url.endsWith("/") ? url : url + "/");
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("audit.slack.base-url must be an https URL such as"
                    + " https://slack.com/api/" + (url.isEmpty() ? " (was empty)" : ""));
        }
        if (scheme.equals("http") && !LoopbackHosts.isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("audit.slack.base-url must use https (http only to a loopback host:"
                    + " the bot token travels with every request)");
        }
        return uri.toString();
    }
}
