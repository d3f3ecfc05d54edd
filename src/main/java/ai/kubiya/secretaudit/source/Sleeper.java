package ai.kubiya.secretaudit.source;

import java.time.Duration;

/**
 * Waits between attempts. The application's is {@link SourceReads#pause}, which a stop or the run's deadline
 * ends at once (a {@code Retry-After} of 30 s must not hold a stopping run); tests pass one that records the
 * delays instead of waiting.
 */
@FunctionalInterface
public interface Sleeper {

    /** @throws ReadAbortedException when the wait was ended by an abort: the request is not tried again */
    void sleep(Duration duration) throws InterruptedException, ReadAbortedException;
}
