package ai.kubiya.secretaudit.source.controlplane;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next attempt: what the server asked for in {@code Retry-After} when it
 * said, else exponential backoff with full jitter (a random delay up to {@code initial × 2^(n−1)}), so
 * that many clients failing together do not come back together. Both are capped at {@code max}.
 */
final class RetryDelays {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private final Clock clock;

    /** @param random uniform in [0, 1) */
    RetryDelays(Duration initial, Duration max, DoubleSupplier random, Clock clock) {
        this.initial = initial;
        this.max = max;
        this.random = random;
        this.clock = clock;
    }

    /**
     * @param failedAttempts how many attempts have failed so far (1 after the first)
     * @param retryAfter     the response's {@code Retry-After} header, if there was a response
     */
    Duration after(int failedAttempts, Optional<String> retryAfter) {
        Optional<Duration> asked = retryAfter.flatMap(value -> parseRetryAfter(value, clock.instant()));
        if (asked.isPresent()) {
            return asked.get().compareTo(max) > 0 ? max : asked.get();
        }
        return Duration.ofNanos((long) (random.getAsDouble() * ceiling(failedAttempts).toNanos()));
    }

    Duration ceiling(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 62));
        Duration ceiling = initial;
        for (int i = 0; i < doublings && ceiling.compareTo(max) < 0; i++) {
            ceiling = ceiling.multipliedBy(2);
        }
        return ceiling.compareTo(max) > 0 ? max : ceiling;
    }

    /** RFC 9110: delta-seconds or an HTTP-date; anything else is ignored (the backoff applies). */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String text = value.strip();
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(text.length() > 12 ? Duration.ofSeconds(999_999_999_999L)
                    : Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
