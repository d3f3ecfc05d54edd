package ai.kubiya.secretaudit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The progress line of a step: what it says, when the timer logs it, and that it stops with the step. */
@ExtendWith(OutputCaptureExtension.class)
class ProgressLogTests {

    /** A clock the test moves by hand, so that a line "10 s elapsed" needs no 10 s of waiting. */
    static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T02:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final HandClock clock = new HandClock();

    @Test
    void aLineNamesTheStepWhatItHasDoneItsRateAndTheTimeElapsed() {
        ProgressLog progress = new ProgressLog(clock, Duration.ofHours(1));
        AtomicLong rows = new AtomicLong();
        progress.start("writeAuditWorkbookStep",
                elapsed -> ProgressLog.count(rows.get()) + " rows written, " + ProgressLog.rate(rows.get(), elapsed));
        try {
            clock.advance(Duration.ofSeconds(10));
            rows.set(447_001);

            assertThat(progress.line("writeAuditWorkbookStep"))
                    .isEqualTo("writeAuditWorkbookStep: 447,001 rows written, 44,700/s, 10 s elapsed");

            clock.advance(Duration.ofSeconds(65));
            assertThat(progress.line("writeAuditWorkbookStep")).endsWith(", 1 min 15 s elapsed");
        } finally {
            progress.stop("writeAuditWorkbookStep");
        }
    }

    @Test
    void aStepWithNothingToCountSaysItIsStillWorking() {
        ProgressLog progress = new ProgressLog(clock, Duration.ofHours(1));
        progress.start("trackLifecycleStep", null);
        clock.advance(Duration.ofSeconds(20));

        assertThat(progress.line("trackLifecycleStep")).isEqualTo("trackLifecycleStep: still working, 20 s elapsed");
        progress.stop("trackLifecycleStep");
    }

    @Test
    void theTimerLogsALineEveryIntervalWhileTheStepRunsAndNoneAfterItEnds(CapturedOutput output) {
        ProgressLog progress = new ProgressLog(Clock.systemUTC(), Duration.ofMillis(20));
        progress.start("evaluateSecretsStep", elapsed -> "12 of ? records read (0.0 MB received), 6/s");

        await().atMost(Duration.ofSeconds(10)).until(() -> lines(output, "evaluateSecretsStep: 12 of ?") >= 3);
        progress.stop("evaluateSecretsStep");
        long afterStop = lines(output, "evaluateSecretsStep: 12 of ?");

        await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        assertThat(lines(output, "evaluateSecretsStep: 12 of ?")).isEqualTo(afterStop);
        assertThat(progress.line("evaluateSecretsStep")).isNull();
    }

    /** The lifecycle runs beside the owner reminders: neither's start or end may silence or rename the other's. */
    @Test
    void twoStepsAtOnceEachLogTheirOwnLineAndTheOneThatEndsFirstLeavesTheOtherLogging(CapturedOutput output) {
        ProgressLog progress = new ProgressLog(Clock.systemUTC(), Duration.ofMillis(20));
        progress.start("trackLifecycleStep", null);
        progress.start("queueOwnerRemindersStep", elapsed -> "emails queued 7, sent 6, failed 0");

        await().atMost(Duration.ofSeconds(10)).until(() -> lines(output, "trackLifecycleStep: still working") >= 2
                && lines(output, "queueOwnerRemindersStep: emails queued 7") >= 2);
        progress.stop("trackLifecycleStep");
        long lifecycleLines = lines(output, "trackLifecycleStep: ");
        long reminderLines = lines(output, "queueOwnerRemindersStep: ");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> lines(output, "queueOwnerRemindersStep: ") >= reminderLines + 3);
        progress.stop("queueOwnerRemindersStep");
        assertThat(lines(output, "trackLifecycleStep: ")).isEqualTo(lifecycleLines);
        assertThat(output.getOut().lines().filter(line -> line.contains("emails queued")))
                .allMatch(line -> line.contains(" queueOwnerRemindersStep: emails queued 7, sent 6, failed 0, "));
        assertThat(progress.line("queueOwnerRemindersStep")).isNull();
    }

    @Test
    void aStepShorterThanTheIntervalLogsNoProgressLine(CapturedOutput output) {
        ProgressLog progress = new ProgressLog(Clock.systemUTC(), Duration.ofSeconds(10));
        progress.start("finishRunStep", null);
        progress.stop("finishRunStep");

        await().pollDelay(Duration.ofMillis(100)).until(() -> true);
        assertThat(output.getOut()).doesNotContain("finishRunStep: still working");
    }

    private static long lines(CapturedOutput output, String start) {
        return output.getOut().lines().filter(line -> line.contains(start)).count();
    }
}
