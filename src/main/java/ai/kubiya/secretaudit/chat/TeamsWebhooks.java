package ai.kubiya.secretaudit.chat;

import ai.kubiya.secretaudit.Sha256;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Teams webhook URLs of the configuration ({@code audit.teams.webhook-url} and the routing rules'
 * {@code teams-webhook-url}), known by reference. A webhook URL is a credential (whoever has it can post to the
 * channel), so the outbox stores {@link #reference(String)} instead, and the URL is looked up again when the message
 * is sent: a URL removed from the configuration since then can no longer be reached, by design.
 */
public final class TeamsWebhooks {

    private static final String PREFIX = "teams-webhook-";

    private final Map<String, String> urls = new LinkedHashMap<>();

    /** @param urls the default webhook (may be absent) and the routing rules' webhooks; {@code null}s are skipped */
    public TeamsWebhooks(Collection<String> urls) {
        urls.stream().filter(Objects::nonNull).forEach(url -> this.urls.put(reference(url), url));
    }

    /** The default webhook of {@code properties} and the routing rules' {@code ruleUrls}. */
    public static TeamsWebhooks of(TeamsProperties properties, Collection<String> ruleUrls) {
        List<String> all = new ArrayList<>(ruleUrls);
        all.add(properties.webhookUrl());
        return new TeamsWebhooks(all);
    }

    /**
     * What the outbox stores for {@code url}: {@code teams-webhook-} and the first 12 hex digits of its SHA-256
     * (48 bits: a collision among the few webhooks of one configuration is out of reach, and the reference tells
     * nobody the URL).
     */
    public static String reference(String url) {
        return PREFIX + Sha256.hex(url.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    /**
     * The one rule for a webhook URL, wherever it is configured: {@code https} with a host, or {@code http} to this
     * machine (a test server).
     *
     * @return what is wrong, in words that never quote the URL (it holds a credential); {@code null} when nothing is
     */
    public static String check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not an http(s) URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            return "is not an http(s) URL";
        }
        if (uri.getRawUserInfo() != null) {
            return "has a user name in it: Teams webhooks take none";
        }
        if (scheme.equals("http") && !LoopbackHosts.isLoopback(uri.getHost())) {
            return "is http to another machine: it must be https"
                    + " (http only to localhost, for a test server)";
        }
        return null;
    }

    /** @throws ChatFailure permanent when {@code reference} is no webhook of the configuration (any more) */
    String url(String reference) throws ChatFailure {
        String url = urls.get(reference);
        if (url == null) {
            // a rotated URL (good practice for a credential) must not fail its queued cards for good: a newer
            // reminder to the new URL supersedes them, or the attempts run out
            throw new ChatFailure("the Teams webhook is no longer configured (its URL was changed or removed)",
                    false, false);
        }
        return url;
    }
}
