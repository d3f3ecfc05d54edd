package ai.kubiya.secretaudit.chat;

import java.time.Duration;
import java.util.Locale;

/** What Teams' answer to one post means, in words that never repeat its body beyond the status. */
final class TeamsAnswers {

    /** When a 429 names no delay (or an HTTP date rather than seconds). */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private TeamsAnswers() {
    }

    /**
     * Returns when Teams took the message.
     *
     * @throws ChatFailure otherwise: permanent for a 4xx (the same card to the same webhook fails again), temporary
     *                     for a 5xx and for a 200 that says delivery failed (legacy connectors answer so when Teams
     *                     behind them is busy)
     */
    static void accept(int status, String body) throws ChatFailure {
        if (status >= 200 && status < 300 && !(status == 200 && saysFailed(body))) {
            return;
        }
        if (status == 200) {
            // the connector's text names Teams' own status: a 429 behind it is a rate limit like any other
            boolean limited = body.contains("429");
            throw new ChatFailure("Teams answered 200 but said the message was not delivered"
                    + (limited ? " (rate-limited)" : "; tried again next run"), false, limited);
        }
        if (status == 400 || status == 413) {
            throw new ChatFailure("Teams refused the card (HTTP " + status + ")", true, false);
        }
        if (status == 401 || status == 403 || status == 404 || status == 410) {
            throw new ChatFailure("the Teams webhook was removed or is not authorised (HTTP " + status + ")",
                    true, false);
        }
        if (status >= 500) {
            // an outage answers every card so: going on would spend each one's attempts in one run
            throw new ChatFailure("Teams failed (HTTP " + status + "); tried again next run", false, true);
        }
        throw new ChatFailure("Teams did not take the message (HTTP " + status + ")", true, false);
    }

    /** {@code Retry-After} in seconds; anything else (absent, a date, garbage) waits {@link #DEFAULT_RETRY_AFTER}. */
    static Duration retryAfter(String header) {
        if (header != null && header.strip().matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        }
        return DEFAULT_RETRY_AFTER;
    }

    private static boolean saysFailed(String body) {
        String lower = body == null ? "" : body.toLowerCase(Locale.ROOT);
        return lower.contains("delivery failed") || lower.contains("error");
    }
}
