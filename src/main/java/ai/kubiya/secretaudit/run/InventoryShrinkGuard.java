package ai.kubiya.secretaudit.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Refuses a run whose inventory shrank by more than {@code audit.guard.max-shrink-percent} since the previous
 * completed run, before its lifecycle marks anything resolved and before anyone is emailed: an empty response or
 * an API key of another organisation otherwise "resolves" every finding, which reads as full remediation.
 * {@code --accept-shrink} lets it through, and the run records what it let through.
 */
@Component
public class InventoryShrinkGuard {

    static final String SHRANK = "the inventory shrank from ";

    private static final Logger log = LoggerFactory.getLogger(InventoryShrinkGuard.class);

    /** @param maxShrinkPercent 0–100; 100 turns the guard off, 0 refuses any shrink */
    @ConfigurationProperties(prefix = "audit.guard")
    record GuardProperties(int maxShrinkPercent) {
        GuardProperties {
            if (maxShrinkPercent < 0 || maxShrinkPercent > 100) {
                throw new IllegalArgumentException("audit.guard.max-shrink-percent must be between 0 and 100 (was "
                        + maxShrinkPercent + ")");
            }
        }
    }

    /** Thrown into the step, so the run fails with this message. */
    public static final class InventoryShrankException extends IllegalStateException {
        InventoryShrankException(String message) {
            super(message);
        }
    }

    private final AuditRunRepository runs;
    private final GuardProperties properties;

    InventoryShrinkGuard(AuditRunRepository runs, GuardProperties properties) {
        this.runs = runs;
        this.properties = properties;
    }

    /**
     * @param read the secrets this run read (evaluated and malformed)
     * @throws InventoryShrankException when the inventory shrank too much and the run was not launched with
     *                                  {@code --accept-shrink}
     */
    public void check(AuditRun run, long read) {
        Optional<String> shrink = runs.previousCompleted(run.id())
                .flatMap(previous -> excess(previous.read(), read, properties.maxShrinkPercent()));
        if (shrink.isPresent() && !run.acceptShrink()) {
            throw new InventoryShrankException(SHRANK + shrink.get()
                    + "; if this is expected, run again with --accept-shrink");
        }
        if (shrink.isPresent()) {
            // written only then: the row stays unlocked through the step otherwise (a stop may need to mark it)
            String accepted = SHRANK + shrink.get() + ", accepted with --accept-shrink";
            runs.recordShrinkAccepted(run.id(), accepted);
            log.warn("Inventory guard overridden: {}", accepted);
        }
    }

    /**
     * A run the guard refused is restarted only with {@code --accept-shrink}, which accepts what it read;
     * without it the source is read again by a new run (a fixed API key must not meet the stored empty inventory).
     */
    boolean mayRestart(AuditRun run, boolean acceptShrink) {
        if (acceptShrink || run.failure() == null || !run.failure().startsWith(SHRANK)) {
            return true;
        }
        log.info("Run {} was refused by the inventory guard; without --accept-shrink a new run reads the source again",
                run.id());
        return false;
    }

    /**
     * How much the inventory shrank, described, when that is more than {@code maxPercent} of {@code previous};
     * exact in integers, so 1,000 → 500 at 50 % passes and 1,000 → 499 does not.
     */
    static Optional<String> excess(long previous, long current, int maxPercent) {
        if (previous <= 0 || current >= previous || (previous - current) * 100 <= (long) maxPercent * previous) {
            return Optional.empty();
        }
        BigDecimal gone = BigDecimal.valueOf((previous - current) * 100);
        BigDecimal percent = gone.divide(BigDecimal.valueOf(previous), 1, RoundingMode.HALF_UP);
        if (percent.compareTo(BigDecimal.valueOf(maxPercent)) <= 0) { // 50.04 % must not read as "50 % > 50 %"
            percent = gone.divide(BigDecimal.valueOf(previous), 1, RoundingMode.CEILING);
        }
        return Optional.of(String.format(Locale.ROOT, "%,d to %,d secrets (%s %% > audit.guard.max-shrink-percent %d %%)",
                previous, current, percent.stripTrailingZeros().toPlainString(), maxPercent));
    }
}
