package ai.kubiya.secretaudit.finding;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import org.postgresql.PGConnection;

/**
 * Rows in PostgreSQL's COPY text format, sent in one {@code COPY … FROM STDIN} on the current
 * transaction's connection: the fastest way PostgreSQL takes rows, so persisting findings costs
 * little more than the raw COPY baseline.
 */
final class CopyRows {

    private static final Instant FIRST_TIMESTAMPTZ = Instant.parse("-4713-11-24T00:00:00Z");
    private static final Instant LAST_TIMESTAMPTZ = Instant.parse("+294276-12-31T23:59:59.999999Z");
    private static final LocalDate FIRST_DATE = LocalDate.parse("-4713-11-24");
    private static final LocalDate LAST_DATE = LocalDate.parse("+5874897-12-31");
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long FIRST_FOUR_DIGIT_DAY = LocalDate.of(1000, 1, 1).toEpochDay();
    private static final long LAST_FOUR_DIGIT_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    private final StringBuilder buffer = new StringBuilder(64 * 1024);
    private boolean firstColumn = true;
    private int rows;

    CopyRows text(String value) {
        separate();
        if (value == null) {
            buffer.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                // PostgreSQL text cannot hold NUL. Dropping it would turn the owner "vic\0tim@…", which the METADATA
                // rule refused, into another, valid address that routing would mail: keep a visible trace instead.
                case '\0' -> buffer.append('\uFFFD');
                default -> buffer.append(c);
            }
        }
        return this;
    }

    CopyRows number(long value) {
        separate();
        buffer.append(value);
        return this;
    }

    CopyRows number(Integer value) {
        return value == null ? text(null) : number(value.longValue());
    }

    CopyRows instant(Instant value) {
        if (value == null) {
            return text(null);
        }
        long day = Math.floorDiv(value.getEpochSecond(), SECONDS_PER_DAY);
        if (day < FIRST_FOUR_DIGIT_DAY || day > LAST_FOUR_DIGIT_DAY) {
            return text(timestamptz(value));
        }
        separate();
        appendDate(LocalDate.ofEpochDay(day));
        int second = (int) Math.floorMod(value.getEpochSecond(), SECONDS_PER_DAY);
        buffer.append('T');
        twoDigits(second / 3600).append(':');
        twoDigits(second / 60 % 60).append(':');
        twoDigits(second % 60);
        appendFraction(value.getNano());
        buffer.append('Z');
        return this;
    }

    CopyRows date(LocalDate value) {
        if (value == null) {
            return text(null);
        }
        if (value.getYear() < 1000 || value.getYear() > 9999) {
            return text(pgDate(value));
        }
        separate();
        appendDate(value);
        return this;
    }

    /**
     * The common case written digit by digit, as {@link Instant#toString()} and {@link LocalDate#toString()} write
     * it (a property test holds them equal): formatting through {@code DateTimeFormatter} was a sixth of the evaluate
     * step's own CPU (JFR, 100,000 secrets), three instants per inventory row and two per finding.
     */
    private void appendDate(LocalDate date) {
        buffer.append(date.getYear()).append('-');
        twoDigits(date.getMonthValue()).append('-');
        twoDigits(date.getDayOfMonth());
    }

    private StringBuilder twoDigits(int value) {
        return buffer.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** Milliseconds, microseconds or nanoseconds: the fewest digits that hold it, as {@link Instant#toString()}. */
    private void appendFraction(int nanos) {
        if (nanos == 0) {
            return;
        }
        int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        int value = nanos / (digits == 3 ? 1_000_000 : digits == 6 ? 1_000 : 1);
        String text = Integer.toString(value);
        buffer.append('.');
        for (int i = text.length(); i < digits; i++) {
            buffer.append('0');
        }
        buffer.append(text);
    }

    /** What {@link #copyInto} would send now. */
    String content() {
        return buffer.toString();
    }

    /**
     * An instant as PostgreSQL reads it: {@link Instant#toString()} writes {@code +10000-01-01T04:59:59Z} past
     * 9999, which PostgreSQL takes for a time zone ("time zone displacement out of range").
     *
     * @throws IllegalArgumentException outside {@code timestamptz}'s range (4714 BC to 294276 AD); the record
     *         readers let no such date through, and the message does not quote it
     */
    static String timestamptz(Instant value) {
        if (value.isBefore(FIRST_TIMESTAMPTZ) || value.isAfter(LAST_TIMESTAMPTZ)) {
            throw new IllegalArgumentException("an instant outside PostgreSQL's timestamptz range reached COPY");
        }
        return withPostgresYear(value.toString());
    }

    /** @throws IllegalArgumentException outside {@code date}'s range (4714 BC to 5874897 AD) */
    static String pgDate(LocalDate value) {
        if (value.isBefore(FIRST_DATE) || value.isAfter(LAST_DATE)) {
            throw new IllegalArgumentException("a date outside PostgreSQL's range reached COPY");
        }
        return withPostgresYear(value.toString());
    }

    /** No {@code +} before a long year; ISO years 0 and below (year 0 is 1 BC) as PostgreSQL's {@code … BC}. */
    private static String withPostgresYear(String iso) {
        if (iso.charAt(0) == '+') {
            return iso.substring(1);
        }
        if (iso.charAt(0) != '-' && !iso.startsWith("0000-")) {
            return iso;
        }
        int dash = iso.indexOf('-', 1);
        String year = Integer.toString(1 - Integer.parseInt(iso, 0, dash, 10));
        return "0".repeat(Math.max(0, 4 - year.length())) + year + iso.substring(dash) + " BC";
    }

    void endRow() {
        buffer.append('\n');
        firstColumn = true;
        rows++;
    }

    int rows() {
        return rows;
    }

    /** Sends the rows with {@code COPY table (columns) FROM STDIN} and empties the buffer. */
    long copyInto(Connection connection, String tableAndColumns) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        try {
            long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + tableAndColumns + " FROM STDIN", new StringReader(buffer.toString()));
            buffer.setLength(0);
            rows = 0;
            return copied;
        } catch (IOException e) {
            throw new SQLException("COPY into " + tableAndColumns + " failed", e);
        }
    }

    private void separate() {
        if (!firstColumn) {
            buffer.append('\t');
        }
        firstColumn = false;
    }
}
