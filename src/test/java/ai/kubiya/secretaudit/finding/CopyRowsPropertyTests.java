package ai.kubiya.secretaudit.finding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The digit-by-digit instants and dates of COPY rows are the text the general path writes, at every boundary. */
class CopyRowsPropertyTests {

    private static final long FIRST = Instant.parse("-4713-11-24T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("+294276-12-31T23:59:58Z").getEpochSecond();
    private static final long YEAR_1000 = Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    @Property(tries = 3000)
    void anInstantIsWrittenAsTheGeneralPathWritesIt(@ForAll("instants") Instant instant) {
        assertThat(new CopyRows().instant(instant).content()).isEqualTo(CopyRows.timestamptz(instant));
    }

    @Property(tries = 2000)
    void aDateIsWrittenAsTheGeneralPathWritesIt(@ForAll("dates") LocalDate date) {
        assertThat(new CopyRows().date(date).content()).isEqualTo(CopyRows.pgDate(date));
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.oneOf(
                Arbitraries.longs().between(FIRST, LAST),
                Arbitraries.longs().between(YEAR_1000 - 86_400 * 3, YEAR_1000 + 86_400 * 3),
                Arbitraries.longs().between(YEAR_10000 - 86_400 * 3, YEAR_10000 + 86_400 * 3),
                Arbitraries.longs().between(-86_400 * 400, 86_400 * 400),
                Arbitraries.longs().between(YEAR_1000, YEAR_10000 - 1));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 999).map(n -> n * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(n -> n * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(LocalDate.parse("-4713-11-24").toEpochDay(),
                        LocalDate.parse("+5874897-12-31").toEpochDay()),
                Arbitraries.longs().between(LocalDate.of(999, 12, 25).toEpochDay(), LocalDate.of(1000, 1, 5).toEpochDay()),
                Arbitraries.longs().between(LocalDate.of(9999, 12, 25).toEpochDay(), LocalDate.of(10000, 1, 5).toEpochDay()),
                Arbitraries.longs().between(LocalDate.of(1000, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay()))
                .map(LocalDate::ofEpochDay);
    }
}
