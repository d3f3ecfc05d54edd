package ai.kubiya.secretaudit.source.controlplane;

import ai.kubiya.secretaudit.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kubiya.*} ({@code KUBIYA_API_KEY}, {@code KUBIYA_BASE_URL}, …): how to reach the Control Plane.
 * Checked when the context starts, so a bad value fails with exit code 2 and a message naming its key.
 * The API key is only checked when the control-plane source is used: the other sources need none.
 *
 * @param apiKey         sent as {@code Authorization: UserKey …}; never logged, never in a message
 * @param baseUrl        e.g. {@code https://control-plane.kubiya.ai}; trailing slashes are dropped
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for a response, and for the next bytes of a response body
 * @param maxAttempts    attempts per request, the first included
 * @param initialBackoff the ceiling of the first retry's random delay; it doubles with each retry
 * @param maxBackoff     the largest delay between attempts, also for a server's {@code Retry-After}
 */
@ConfigurationProperties(prefix = "kubiya")
public record ControlPlaneProperties(
        String apiKey,
        String baseUrl,
        Duration connectTimeout,
        Duration readTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff) {

    public ControlPlaneProperties {
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        if (apiKey != null && apiKey.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("kubiya.api-key (KUBIYA_API_KEY) contains control characters");
        }
        baseUrl = checkedBaseUrl(baseUrl);
        Durations.requirePositive("kubiya.connect-timeout", connectTimeout);
        Durations.requirePositive("kubiya.read-timeout", readTimeout);
        Durations.requirePositive("kubiya.initial-backoff", initialBackoff);
        Durations.requirePositive("kubiya.max-backoff", maxBackoff);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("kubiya.max-attempts must be at least 1 (was " + maxAttempts + ")");
        }
    }

    public boolean hasApiKey() {
        return apiKey != null;
    }

    /** @throws IllegalArgumentException naming KUBIYA_API_KEY when no key is configured */
    public void requireApiKey() {
        if (!hasApiKey()) {
            throw new IllegalArgumentException("the control-plane source needs an API key: set KUBIYA_API_KEY"
                    + " (kubiya.api-key), or use --source=file:PATH or --source=synthetic[:N]");
        }
    }

    /** The API key stays out of logs and messages even when the whole configuration is printed. */
    @Override
    public String toString() {
        return "ControlPlaneProperties[apiKey=" + (apiKey == null ? "(not set)" : "****") + ", baseUrl=" + baseUrl
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + "]";
    }

    private static String checkedBaseUrl(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("kubiya.base-url (KUBIYA_BASE_URL) is empty");
        }
        String url = value.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("kubiya.base-url (KUBIYA_BASE_URL) " + quoted(value) + " is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("kubiya.base-url (KUBIYA_BASE_URL) " + quoted(value)
                    + " is not an http(s) URL of the form https://host[:port][/path]");
        }
        return url;
    }

    /** A URL with user info may carry a password: it is not repeated. */
    private static String quoted(String value) {
        return value.contains("@") ? "(not shown: it contains '@')" : "'" + value.strip() + "'";
    }

}
