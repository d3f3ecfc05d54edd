package ai.kubiya.secretaudit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The boundary of {@code audit.guard.max-shrink-percent}, against an oracle in decimal arithmetic: the share of
 * the previous inventory that is gone, compared with the limit.
 */
class InventoryShrinkGuardPropertyTests {

    @Property
    void aRunIsRefusedExactlyWhenMoreThanTheLimitOfThePreviousInventoryIsGone(
            @ForAll @LongRange(min = 1, max = 10_000_000) long previous,
            @ForAll @LongRange(min = 0, max = 10_000_000) long current,
            @ForAll @IntRange(min = 0, max = 100) int maxPercent) {
        BigDecimal gone = BigDecimal.valueOf(Math.max(0, previous - current));
        boolean oracle = gone.multiply(BigDecimal.valueOf(100))
                .compareTo(BigDecimal.valueOf(previous).multiply(BigDecimal.valueOf(maxPercent))) > 0;

        assertThat(InventoryShrinkGuard.excess(previous, current, maxPercent).isPresent()).isEqualTo(oracle);
    }

    @Property
    void theShownPercentageNeverReadsAsWithinTheLimitWhenTheRunIsRefused(
            @ForAll @LongRange(min = 1, max = 10_000_000) long previous,
            @ForAll @LongRange(min = 0, max = 10_000_000) long current,
            @ForAll @IntRange(min = 0, max = 99) int maxPercent) {
        InventoryShrinkGuard.excess(previous, current, maxPercent).ifPresent(message -> {
            String shown = message.substring(message.indexOf('(') + 1, message.indexOf(" %"));
            assertThat(new BigDecimal(shown)).isGreaterThan(BigDecimal.valueOf(maxPercent));
            BigDecimal exact = BigDecimal.valueOf((previous - current) * 100)
                    .divide(BigDecimal.valueOf(previous), 10, RoundingMode.HALF_EVEN);
            assertThat(new BigDecimal(shown).subtract(exact).abs()).isLessThan(new BigDecimal("0.1"));
        });
    }

    @Property
    void aGrowingOrEqualInventoryOrAFirstRunIsNeverRefused(
            @ForAll @LongRange(min = 0, max = 10_000_000) long previous,
            @ForAll @LongRange(min = 0, max = 10_000_000) long more,
            @ForAll @IntRange(min = 0, max = 100) int maxPercent) {
        assertThat(InventoryShrinkGuard.excess(previous, previous + more, maxPercent)).isEmpty();
        assertThat(InventoryShrinkGuard.excess(0, 0, maxPercent)).isEmpty();
    }

    @Example
    void halfGoneIsWithinTheDefaultLimitAndOneMoreIsNot() {
        assertThat(InventoryShrinkGuard.excess(1_000, 500, 50)).isEmpty();
        assertThat(InventoryShrinkGuard.excess(1_000, 499, 50))
                .hasValue("1,000 to 499 secrets (50.1 % > audit.guard.max-shrink-percent 50 %)");
        assertThat(InventoryShrinkGuard.excess(1_000, 0, 50))
                .hasValue("1,000 to 0 secrets (100 % > audit.guard.max-shrink-percent 50 %)");
        assertThat(InventoryShrinkGuard.excess(3_000, 500, 50))
                .hasValue("3,000 to 500 secrets (83.3 % > audit.guard.max-shrink-percent 50 %)");
        assertThat(InventoryShrinkGuard.excess(100_000, 49_996, 50))
                .hasValue("100,000 to 49,996 secrets (50.1 % > audit.guard.max-shrink-percent 50 %)");
        assertThat(InventoryShrinkGuard.excess(1_000, 0, 100)).isEmpty();
        assertThat(InventoryShrinkGuard.excess(1_000, 999, 0)).isPresent();
    }
}
