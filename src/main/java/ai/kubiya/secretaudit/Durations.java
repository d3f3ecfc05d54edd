package ai.kubiya.secretaudit;

import java.time.Duration;
import java.util.Locale;

/** Durations of the configuration, checked and printed the way a person writes them ({@code 2h}, {@code 25s}). */
public final class Durations {

    private Durations() {
    }

    /** As a person writes it in the configuration: 2h, 90m, 25s, 1h30m, 0.5s (not PT2H). */
    public static String asWritten(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming {@code key} and the value, unless {@code value} is positive */
    public static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration (was "
                    + (value == null ? "not set" : asWritten(value)) + ")");
        }
    }
}
