package ai.kubiya.secretaudit.source;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the ISO-8601 forms met in secret metadata: an instant with {@code Z} or an offset, a local
 * date-time (read as UTC) and a plain date (midnight UTC).
 */
public final class IsoTimestamps {

    /**
     * The earliest date a record may carry. No secret was created, rotated, used or expired before the Unix
     * epoch; earlier values are placeholders (Go's zero time {@code 0001-01-01T00:00:00Z}, year 0, negative
     * years) and taking them at face value would make a secret look unused for 2,000 years.
     */
    static final Instant FIRST_SUPPORTED = Instant.EPOCH;

    /**
     * The latest: the last whole second PostgreSQL's {@code timestamptz} can hold (294276 AD). A later
     * fraction of that second would round past the end when PostgreSQL rounds it to microseconds.
     * "Never expires" ({@code 9999-12-31T23:59:59-05:00}, which is {@code 10000-01-01T04:59:59Z}) is far inside.
     */
    static final Instant LAST_SUPPORTED = Instant.parse("+294276-12-31T23:59:59Z");

    private IsoTimestamps() {
    }

    /**
     * @return the instant
     * @throws DateTimeParseException when the text is none of the accepted forms
     */
    public static Instant parse(String text) {
        String value = text.strip();
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        }
    }

    /** Whether a record's date can be stored and believed: from {@link #FIRST_SUPPORTED} to {@link #LAST_SUPPORTED}. */
    static boolean isSupported(Instant instant) {
        return instant.compareTo(FIRST_SUPPORTED) >= 0 && instant.compareTo(LAST_SUPPORTED) <= 0;
    }
}
