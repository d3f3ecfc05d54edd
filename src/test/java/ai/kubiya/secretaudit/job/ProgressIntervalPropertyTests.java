package ai.kubiya.secretaudit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Clock;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The {@code audit.progress.interval} boundary, at nanosecond resolution around 1 ms: the record refuses what the
 * step's timer (whole milliseconds) could not run, and whatever it accepts, the timer starts with. A 100 µs
 * interval used to pass the pre-flight and fail every run's first step, after PostgreSQL had started.
 */
class ProgressIntervalPropertyTests {

    @Property(tries = 300)
    void anIntervalIsAcceptedExactlyFromOneMillisecondAndTheTimerThenStarts(
            @ForAll @LongRange(min = -3_000_000, max = 3_000_000) long nanos) {
        Duration interval = Duration.ofNanos(nanos);

        if (nanos < 1_000_000) {
            assertThatIllegalArgumentException().isThrownBy(() -> new ProgressProperties(interval))
                    .withMessageStartingWith("audit.progress.interval must be");
        } else {
            ProgressLog progress = new ProgressLog(Clock.systemUTC(), new ProgressProperties(interval).interval());
            assertThatNoException().isThrownBy(() -> progress.start("evaluateSecretsStep", null));
            progress.stop("evaluateSecretsStep");
        }
    }

    @Property(tries = 50)
    void theMessageSaysTheMinimumAndTheValueAsWritten(
            @ForAll @LongRange(min = 1, max = 999) long micros) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProgressProperties(Duration.ofNanos(micros * 1000)))
                .satisfies(e -> assertThat(e.getMessage()).startsWith("audit.progress.interval must be at least 1ms"
                        + " (was 0.").endsWith("s)"));
    }
}
