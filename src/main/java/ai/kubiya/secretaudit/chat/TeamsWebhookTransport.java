package ai.kubiya.secretaudit.chat;

import ai.kubiya.secretaudit.Durations;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts {@link TeamsCard}s to Teams webhooks. A target is a {@link TeamsWebhooks#reference reference}, never a URL.
 * Teams answers 200 (legacy incoming webhooks, body {@code 1}) or 202 (Workflows) when it takes a message; 429 is
 * waited out ({@code Retry-After}, at most {@code audit.teams.max-retry-after}, three times); 5xx fails this message
 * only; no answer at all fails the rest of the delivery too. Redirects are not followed: the card goes to the
 * configured host or nowhere. Messages never carry a URL, the card or Teams' response body.
 */
public final class TeamsWebhookTransport implements ChatTransport {

    /** A 429 is waited out this many times per message; the fourth ends the delivery for this run. */
    static final int MAX_WAITS = 3;
    /** Enough for the status line legacy connectors put in a 200 ("Webhook message delivery failed …"). */
    private static final int BODY_BYTES = 512;

    private final TeamsProperties properties;
    private final TeamsWebhooks webhooks;
    private final HttpClient http;

    public TeamsWebhookTransport(TeamsProperties properties, TeamsWebhooks webhooks) {
        this.properties = properties;
        this.webhooks = webhooks;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public void post(String target, byte[] payload) throws ChatFailure {
        HttpRequest request = request(webhooks.url(target), payload);
        for (int waits = 0; ; waits++) {
            Answer answer = send(request);
            if (answer.status() != 429) {
                TeamsAnswers.accept(answer.status(), answer.body());
                return;
            }
            Duration wait = TeamsAnswers.retryAfter(answer.retryAfter());
            if (wait.compareTo(properties.maxRetryAfter()) > 0) {
                throw new ChatFailure("Teams is rate-limiting (429) for longer than audit.teams.max-retry-after ("
                        + Durations.asWritten(properties.maxRetryAfter()) + ")", false, true);
            }
            if (waits == MAX_WAITS) {
                throw new ChatFailure("Teams is still rate-limiting (429) after " + MAX_WAITS + " waits",
                        false, true);
            }
            pause(wait);
        }
    }

    @Override
    public String describe() {
        return "Microsoft Teams webhook(s)";
    }

    /** Nothing to release on Java 17 ({@code HttpClient} has no {@code close()}): its thread ends with it. */
    @Override
    public void close() {
    }

    record Answer(int status, String body, String retryAfter) {
    }

    /** The URL was checked when it was configured ({@link TeamsWebhooks#check}); checked again without quoting it. */
    private HttpRequest request(String url, byte[] payload) throws ChatFailure {
        try {
            return HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.readTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ChatFailure("the Teams webhook URL is not an http(s) URL", true, false);
        }
    }

    private Answer send(HttpRequest request) throws ChatFailure {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofByteArrayConsumer(chunk -> chunk.ifPresent(bytes ->
                        body.write(bytes, 0, Math.min(bytes.length, Math.max(0, BODY_BYTES - body.size()))))));
        try {
            // the request's timeout bounds the headers only; this bounds the body as well
            HttpResponse<Void> response = exchange.get(properties.readTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), body.toString(StandardCharsets.UTF_8),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (ExecutionException e) {
            throw unreachable(e.getCause());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatFailure("the Teams delivery was interrupted", false, true);
        }
    }

    /** No answer at all: every other message would wait as long, so the delivery ends for this run. */
    private ChatFailure unreachable(Throwable cause) {
        String why;
        if (cause instanceof HttpConnectTimeoutException) {
            why = "no connection within " + Durations.asWritten(properties.connectTimeout())
                    + " (audit.teams.connect-timeout)";
        } else if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            why = "no answer within " + Durations.asWritten(properties.readTimeout())
                    + " (audit.teams.read-timeout)";
        } else if (cause instanceof ConnectException) {
            why = "the connection was refused";
        } else {
            // the exception's own message may name the host and port of the webhook: its class only
            why = "the connection failed (" + cause.getClass().getSimpleName() + ")";
        }
        return new ChatFailure("Teams could not be reached: " + why, false, true);
    }

    private static void pause(Duration wait) throws ChatFailure {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatFailure("the Teams delivery was interrupted while waiting out a 429", false, true);
        }
    }
}
