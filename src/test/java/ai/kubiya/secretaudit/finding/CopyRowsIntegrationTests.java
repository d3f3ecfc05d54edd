package ai.kubiya.secretaudit.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ai.kubiya.secretaudit.support.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every instant and date PostgreSQL can hold goes through COPY and comes back as it was. */
class CopyRowsIntegrationTests {

    private static final List<Instant> INSTANTS = List.of(
            Instant.parse("2026-11-26T10:00:00.123456Z"),
            Instant.parse("1970-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59Z"),
            Instant.parse("+10000-01-01T04:59:59Z"), // "never expires": 9999-12-31T23:59:59-05:00
            Instant.parse("+294276-12-31T23:59:59.999999Z"),
            Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("0000-02-29T12:00:00Z"), // 1 BC, a leap year in PostgreSQL too
            Instant.parse("-0043-03-15T00:00:00Z"), // 44 BC
            Instant.parse("-4713-11-24T00:00:00Z"));
    private static final List<LocalDate> DATES = List.of(LocalDate.parse("2026-11-26"), LocalDate.parse("+10000-01-01"),
            LocalDate.parse("+5874897-12-31"), LocalDate.parse("0000-02-29"), LocalDate.parse("-4713-11-24"));

    @Test
    void instantsAndDatesAcrossPostgresqlsWholeRangeAreStoredAsTheyWere() throws Exception {
        try (Connection connection = DriverManager.getConnection(TestDatabases.newDatabase(), "postgres", "");
             Statement statement = connection.createStatement()) {
            // given
            statement.execute("CREATE TABLE copied (n int, at timestamptz, day date)");
            CopyRows rows = new CopyRows();
            for (int i = 0; i < INSTANTS.size(); i++) {
                rows.number(i).instant(INSTANTS.get(i)).date(i < DATES.size() ? DATES.get(i) : null).endRow();
            }

            // when
            long copied = rows.copyInto(connection, "copied (n, at, day)");

            // then: PostgreSQL holds the same date-times and days (its own text, as the driver cannot read 1 BC)
            assertThat(copied).isEqualTo(INSTANTS.size());
            List<String> instants = new ArrayList<>();
            List<String> dates = new ArrayList<>();
            List<Instant> adInstants = new ArrayList<>();
            statement.execute("SET TIME ZONE 'UTC'");
            try (ResultSet rs = statement.executeQuery("SELECT at::text, day::text, at FROM copied ORDER BY n")) {
                while (rs.next()) {
                    instants.add(rs.getString(1));
                    dates.add(rs.getString(2));
                    if (rs.getRow() <= 6) {
                        adInstants.add(rs.getObject(3, OffsetDateTime.class).toInstant());
                    }
                }
            }
            assertThat(instants).containsExactlyElementsOf(
                    INSTANTS.stream().map(CopyRowsIntegrationTests::postgresText).toList());
            assertThat(dates.subList(0, DATES.size())).containsExactlyElementsOf(
                    DATES.stream().map(CopyRowsIntegrationTests::postgresText).toList());
            assertThat(adInstants).as("read back by the driver, as the application reads them")
                    .containsExactlyElementsOf(INSTANTS.subList(0, 6));
            try (ResultSet rs = statement.executeQuery("SELECT at::text FROM copied WHERE n = 3")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("10000-01-01 04:59:59+00");
            }
        }
    }

    /** PostgreSQL's output in UTC, written from the instant's fields: years without a sign, eras as "BC". */
    private static String postgresText(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        String fraction = utc.getNano() == 0 ? ""
                : ("." + String.format("%06d", utc.getNano() / 1000)).replaceAll("0+$", "");
        return postgresText(utc.toLocalDate()).replace(" BC", "") + String.format(" %02d:%02d:%02d",
                utc.getHour(), utc.getMinute(), utc.getSecond()) + fraction + "+00" + (utc.getYear() <= 0 ? " BC" : "");
    }

    private static String postgresText(LocalDate date) {
        int year = date.getYear();
        return String.format("%04d-%02d-%02d", year <= 0 ? 1 - year : year, date.getMonthValue(), date.getDayOfMonth())
                + (year <= 0 ? " BC" : "");
    }

    @Test
    void anInstantPostgresqlCannotHoldIsRefusedWithoutQuotingIt() {
        for (Instant outside : List.of(Instant.parse("+294277-01-01T00:00:00Z"), Instant.parse("-4713-11-23T23:59:59Z"),
                Instant.MAX, Instant.MIN)) {
            assertThatIllegalArgumentException().isThrownBy(() -> new CopyRows().instant(outside))
                    .withMessage("an instant outside PostgreSQL's timestamptz range reached COPY");
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new CopyRows().date(LocalDate.MAX))
                .withMessage("a date outside PostgreSQL's range reached COPY");
    }
}
