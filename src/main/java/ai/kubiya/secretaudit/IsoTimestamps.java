package ai.kubiya.secretaudit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the ISO-8601 forms met in secret metadata and in {@code --as-of}: an instant with {@code Z} or an offset,
 * a local date-time (read as UTC) and a plain date (midnight UTC). Which of those instants a record may carry is the
 * source's concern ({@code JsonRecordReader}), not this one's. And the one rule for the date of an instant: its UTC
 * date, the date that names workbooks, mail subjects and the days retention and waivers count.
 */
public final class IsoTimestamps {

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

    /** The UTC date of the instant: the date of an as-of, whatever the machine's time zone. */
    public static LocalDate utcDate(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
