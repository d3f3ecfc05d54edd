package ai.kubiya.secretaudit.chat;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What Slack's answers mean for delivery (https://api.slack.com/web#evaluating_responses). A message the API
 * refuses for its own reasons ({@code users_not_found}, {@code channel_not_found}, {@code not_in_channel},
 * {@code is_archived}, {@code msg_too_long}, {@code invalid_blocks}, …) fails for good and the next one is tried;
 * a token the API refuses stops this run's Slack delivery, and so does anything that says the API is away.
 */
final class SlackAnswers {

    /**
     * The token, not the message: nothing else can be posted with it. Temporary for the message, so that it is
     * retried (up to {@code audit.mail.max-attempts}) once an operator has fixed the token, like the rest.
     */
    static final Set<String> TOKEN_ERRORS = Set.of("invalid_auth", "not_authed", "token_revoked", "token_expired",
            "account_inactive", "missing_scope", "not_allowed_token_type", "no_permission", "team_access_not_granted");
    /** Slack's own trouble: try again next run. */
    static final Set<String> SERVER_ERRORS = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout", "ratelimited");
    /** Slack's error codes are short snake_case words; anything else is not repeated. */
    private static final Pattern CODE = Pattern.compile("[a-z0-9_]{1,60}");

    private SlackAnswers() {
    }

    /** @return the answer when it says {@code ok}; otherwise a failure naming Slack's error code */
    static JsonNode check(String method, int status, JsonNode answer) throws ChatFailure {
        if (status == 401 || status == 403) {
            throw new ChatFailure("Slack rejected the bot token (HTTP " + status + ")", false, true);
        }
        if (status >= 500) {
            // an outage answers every message so: going on would spend each one's attempts in one run
            throw new ChatFailure("Slack API error on " + method + " (HTTP " + status + ")", false, true);
        }
        if (status != 200) {
            // a wrong audit.slack.base-url or a proxy: no other message would fare better
            throw new ChatFailure("unexpected HTTP " + status + " from Slack on " + method, false, true);
        }
        if (!answer.has("ok")) {
            // a proxy's or captive portal's page: no message would fare better, and none is Slack's to refuse
            throw new ChatFailure("Slack answered " + method + " without a Web API response (HTTP 200, no \"ok\")",
                    false, true);
        }
        if (answer.path("ok").asBoolean(false)) {
            return answer;
        }
        String error = answer.path("error").asString("");
        String code = CODE.matcher(error).matches() ? error : "an error code not shown";
        if (TOKEN_ERRORS.contains(error)) {
            throw new ChatFailure("Slack rejected the bot token (" + code + ")", false, true);
        }
        if (SERVER_ERRORS.contains(error)) {
            throw new ChatFailure("Slack API error on " + method + ": " + code, false, true);
        }
        throw permanent(method, code);
    }

    private static ChatFailure permanent(String method, String code) {
        return new ChatFailure(method.equals("users.lookupByEmail") && code.equals("users_not_found")
                ? "users_not_found: no Slack user has this email address" : "Slack refused the message: " + code,
                true, false);
    }

    /** Seconds, as Slack sends it; missing or unreadable: one second. */
    static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header == null ? "1" : header.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}
