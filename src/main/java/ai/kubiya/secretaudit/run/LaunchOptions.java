package ai.kubiya.secretaudit.run;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How one run is launched. The two overrides lift a guard for this launch only; a restart without them has
 * the guards back.
 *
 * @param dryRun          evaluate and report, but queue, send and delete nothing
 * @param allowFutureAsOf {@code --allow-future-as-of}: accept an as-of more than a day ahead of the clock
 * @param acceptShrink    {@code --accept-shrink}: let an inventory through that shrank by more than
 *                        {@code audit.guard.max-shrink-percent}, recorded on the run
 */
public record LaunchOptions(boolean dryRun, boolean allowFutureAsOf, boolean acceptShrink) {

    /** A day of slack, so that an as-of of "tomorrow" in another time zone is not a typo. */
    static final Duration FUTURE_SLACK = Duration.ofDays(1);

    public static LaunchOptions of(boolean dryRun) {
        return new LaunchOptions(dryRun, false, false);
    }

    /**
     * A year typo ({@code --as-of=2099-01-01}) would otherwise be a run as of the future: every secret looks
     * decades old, and every later run compares itself with it.
     *
     * @throws IllegalArgumentException when the as-of lies more than a day after {@code now} and that is not allowed
     */
    public void checkAsOf(Instant asOf, Instant now) {
        if (!allowFutureAsOf && asOf.isAfter(now.plus(FUTURE_SLACK))) {
            throw new IllegalArgumentException("--as-of " + asOf + " is more than one day after now ("
                    + now.truncatedTo(ChronoUnit.SECONDS) + "); if that is intended, run again with --allow-future-as-of");
        }
    }
}
