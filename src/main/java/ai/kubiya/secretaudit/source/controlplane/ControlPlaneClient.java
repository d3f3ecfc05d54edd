package ai.kubiya.secretaudit.source.controlplane;

import ai.kubiya.secretaudit.source.ReadAbortedException;
import ai.kubiya.secretaudit.source.Sleeper;
import ai.kubiya.secretaudit.source.SourceException;
import ai.kubiya.secretaudit.source.SourceReads;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs from the Control Plane with the API key, retrying what a bad night throws at a client: 429 and
 * 5xx gateway errors, refused or reset connections, timeouts. 401/403 and other 4xx are answers, not
 * accidents: they fail at once. Redirects are not followed, so the key is never sent to another host.
 */
final class ControlPlaneClient {

    private static final Logger log = LoggerFactory.getLogger(ControlPlaneClient.class);
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);

    private final ControlPlaneProperties properties;
    private final String userAgent;
    private final RetryDelays delays;
    private final Sleeper sleeper;
    private final SourceReads reads;
    private final HttpClient http;

    /**
     * @param sleeper waits between attempts; the application's is {@link SourceReads#pause}, which an abort ends
     * @param reads   where each request is registered while it waits for its response, and each response body
     *                after, so that a stop or the deadline ends a request at any point: waiting for headers (up to
     *                {@code kubiya.read-timeout} per attempt), between attempts, or reading a body that never
     *                completes (one that drips, or sends whitespace for ever)
     * @throws IllegalArgumentException naming KUBIYA_API_KEY when no key is configured
     */
    ControlPlaneClient(ControlPlaneProperties properties, String version, RetryDelays delays, Sleeper sleeper,
                       SourceReads reads) {
        properties.requireApiKey();
        this.properties = properties;
        this.userAgent = "secret-rotation-audit/" + version;
        this.delays = delays;
        this.sleeper = sleeper;
        this.reads = reads;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    String baseUrl() {
        return properties.baseUrl();
    }

    /**
     * @param path starts with {@code /}, already encoded
     * @return the body of a 2xx response, streaming; the caller closes it
     * @throws ControlPlaneFailure when the request fails for good
     * @throws SourceException     caused by a {@link ReadAbortedException} when reads were aborted (a stop, the
     *                             deadline): never retried, and never a per-record problem
     */
    InputStream get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.baseUrl() + path))
                .GET()
                .timeout(properties.readTimeout())
                .header("Authorization", "UserKey " + properties.apiKey())
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .build();
        String what = "GET " + properties.baseUrl() + path;
        for (int attempt = 1; ; attempt++) {
            Attempt outcome = send(request, what);
            if (outcome.body() != null) {
                return reads.track(new IdleTimeoutInputStream(outcome.body(), properties.readTimeout()));
            }
            if (attempt >= properties.maxAttempts()) {
                String attempts = attempt + (attempt == 1 ? " attempt" : " attempts");
                throw new ControlPlaneFailure(what + " failed after " + attempts + " (last: " + outcome.failure() + ")",
                        outcome.failure() + " after " + attempts, true);
            }
            Duration delay = delays.after(attempt, outcome.retryAfter());
            log.warn("{} failed ({}); attempt {} of {}, retrying in {}", what, outcome.failure(), attempt,
                    properties.maxAttempts(), human(delay));
            pause(delay, what);
        }
    }

    /** One attempt: a body, a retryable failure, or (for what retrying cannot fix) an exception. */
    private Attempt send(HttpRequest request, String what) {
        HttpResponse<InputStream> response;
        try {
            reads.refuseIfAborted(); // nothing is sent for a run that is stopping
            // asynchronously, so that an abort can cancel the wait for the response: http.send cannot be woken
            response = reads.await(http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (ReadAbortedException e) {
            throw aborted(what, e);
        } catch (IOException e) {
            return new Attempt(null, describe(e), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneFailure(what + " was interrupted", "interrupted", false);
        }
        int status = response.statusCode();
        log.debug("{} → HTTP {}", what, status);
        if (status >= 200 && status < 300) {
            return new Attempt(response.body(), null, Optional.empty());
        }
        discard(response.body());
        if (status == 401 || status == 403) {
            throw new ControlPlaneFailure("the Control Plane rejected the API key (HTTP " + status + ") for " + what
                    + "; check KUBIYA_API_KEY", "HTTP " + status + ": API key rejected", false);
        }
        if (!RETRYABLE.contains(status)) {
            String hint = status >= 300 && status < 400 ? "; redirects are not followed: check KUBIYA_BASE_URL"
                    : status == 404 ? "; check KUBIYA_BASE_URL" : "";
            throw new ControlPlaneFailure(what + " returned HTTP " + status + hint, "HTTP " + status, false);
        }
        return new Attempt(null, "HTTP " + status, response.headers().firstValue("Retry-After"));
    }

    private void pause(Duration delay, String what) {
        try {
            sleeper.sleep(delay);
        } catch (ReadAbortedException e) {
            throw aborted(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneFailure(what + " was interrupted while waiting to retry", "interrupted", false);
        }
    }

    private static SourceException aborted(String what, ReadAbortedException e) {
        return new SourceException(what + " was aborted: " + e.getMessage(), e);
    }

    private String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + human(properties.connectTimeout()) + " (kubiya.connect-timeout)";
        }
        if (e instanceof HttpTimeoutException) {
            return "no response within " + human(properties.readTimeout()) + " (kubiya.read-timeout)";
        }
        if (e instanceof ConnectException) {
            // HttpClient's own message is often empty, its cause an uninformative ClosedChannelException
            return "cannot connect (refused or unreachable)";
        }
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return "connection failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }

    /** Error bodies are not read: they are not needed, and they could echo something sensitive. */
    private static void discard(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the connection is dropped instead of reused; nothing else is lost
        }
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private record Attempt(InputStream body, String failure, Optional<String> retryAfter) {
    }
}
