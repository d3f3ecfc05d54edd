package ai.kubiya.secretaudit.source;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits between attempts; tests pass one that records the delays instead of waiting. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

    void sleep(Duration duration) throws InterruptedException;
}
