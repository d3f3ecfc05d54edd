package ai.kubiya.secretaudit.chat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts to Slack's Web API with the bot token: {@code chat.postMessage} to a channel ({@code #name} or an ID, as
 * stored) or, for a target {@code user:<email>}, to the user {@code users.lookupByEmail} finds (looked up once per
 * delivery). Slack answers most errors with HTTP 200 and {@code "ok": false}; {@link SlackAnswers} says what each
 * means. A 429 is waited out ({@code Retry-After}, up to {@code audit.slack.max-retry-after}, at most
 * {@value #MAX_WAITS} times per message). Redirects are not followed, so the token never goes to another host; it
 * is in no message, log line or exception.
 */
public final class SlackWebApiTransport implements ChatTransport {

    static final int MAX_WAITS = 3;
    static final String USER = "user:";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SlackProperties properties;
    private final HttpClient http;
    private final Map<String, String> users = new HashMap<>();

    public SlackWebApiTransport(SlackProperties properties) {
        if (!properties.enabled()) {
            throw new IllegalStateException("Slack delivery is off: AUDIT_SLACK_TOKEN is not set");
        }
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void post(String target, byte[] payload) throws ChatFailure {
        // mailbox names are compared without letter case everywhere (V9); Slack stores addresses in lower case
        String channel = target.startsWith(USER) ? user(target.substring(USER.length()).toLowerCase(Locale.ROOT))
                : target;
        ObjectNode message;
        try {
            message = (ObjectNode) JSON.readTree(payload);
        } catch (JacksonException | ClassCastException e) {
            throw new ChatFailure("the stored message is not a Slack payload", true, false);
        }
        message.put("channel", channel);
        call("chat.postMessage", HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(message)),
                "application/json; charset=utf-8");
    }

    @Override
    public String describe() {
        return "Slack " + properties.baseUrl();
    }

    @Override
    public void close() {
        users.clear(); // Java 17's HttpClient has no close(): its threads end when it is unreachable
    }

    private String user(String email) throws ChatFailure {
        String known = users.get(email);
        if (known != null) {
            return known;
        }
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
        JsonNode answer = call("users.lookupByEmail", HttpRequest.BodyPublishers.ofString(form),
                "application/x-www-form-urlencoded");
        String id = answer.path("user").path("id").asString("");
        if (id.isEmpty()) {
            throw new ChatFailure("Slack users.lookupByEmail answered without a user ID", true, false);
        }
        users.put(email, id);
        return id;
    }

    /** One API call, waiting out rate limits. @return the answer, {@code ok: true} */
    private JsonNode call(String method, HttpRequest.BodyPublisher body, String contentType) throws ChatFailure {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.baseUrl() + method))
                .timeout(properties.readTimeout())
                .header("Authorization", "Bearer " + properties.token())
                .header("Content-Type", contentType)
                .POST(body).build();
        for (int waits = 0; ; waits++) {
            HttpResponse<byte[]> response = send(request, method);
            if (response.statusCode() != 429) {
                return SlackAnswers.check(method, response.statusCode(), parse(response.body()));
            }
            Duration wait = SlackAnswers.retryAfter(response.headers().firstValue("Retry-After").orElse(null));
            if (waits >= MAX_WAITS || wait.compareTo(properties.maxRetryAfter()) > 0) {
                throw new ChatFailure("Slack rate limit (HTTP 429, Retry-After " + wait.toSeconds() + " s) on "
                        + method + (waits >= MAX_WAITS ? " after " + waits + " waits" : ", longer than"
                        + " audit.slack.max-retry-after"), false, true);
            }
            sleep(wait);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request, String method) throws ChatFailure {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // the exception's message may name the host, never the token (it is in a header only)
            throw new ChatFailure("Slack API unreachable on " + method + ": " + e.getClass().getSimpleName(), false,
                    true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatFailure("interrupted while posting to Slack", false, true);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }

    private static void sleep(Duration wait) throws ChatFailure {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatFailure("interrupted while waiting out Slack's rate limit", false, true);
        }
    }
}
