package ai.kubiya.secretaudit.portal;

import java.io.InterruptedIOException;
import java.util.function.LongSupplier;

/**
 * A rate shared by every download: each slice takes its bytes' time on one schedule, and waits until its turn. An idle
 * bucket lets the next slice go at once and saves nothing up, so no burst ever exceeds one slice per download. Time
 * and sleep are injected: the schedule is tested without a clock on the wall.
 */
final class TokenBucket {

    /** Sleeps for the given nanoseconds (Thread.sleep in production; a test's clock advances instead). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long bytesPerSecond;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    /** When the bytes already taken will have gone out at the rate. */
    private long free;
    private boolean started;

    TokenBucket(long bytesPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("a rate must be at least one byte per second");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** Waits until these bytes may go out at the rate. */
    void take(long bytes) throws InterruptedIOException {
        long wait = reserve(bytes);
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stopped while a download waited for its share of the rate");
            }
        }
    }

    /** Books the bytes on the schedule; how long the caller waits for its turn, in nanoseconds. */
    synchronized long reserve(long bytes) {
        long now = nanoTime.getAsLong();
        long start = started && free - now > 0 ? free : now;
        started = true;
        free = start + (long) ((double) bytes * NANOS_PER_SECOND / bytesPerSecond);
        return start - now;
    }
}
