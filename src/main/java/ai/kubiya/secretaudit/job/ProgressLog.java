package ai.kubiya.secretaudit.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a line about each step in progress every {@code interval}, from a timer thread of its own, so that a step
 * blocked on a slow read still shows it is alive: a 200,000-secret run used to print nothing for the 8 s of its
 * evaluation and the 18 s of its workbook. A step shorter than the interval prints no progress line at all. Two
 * steps run at once (the lifecycle beside the owner reminders): each has its own timer and its line names it.
 */
final class ProgressLog {

    /** What the step has done so far, e.g. {@code 96,000 of 200,000 records read (48%), 24,000/s}. */
    @FunctionalInterface
    interface Meter {
        String measure(Duration elapsed);
    }

    private static final Logger log = LoggerFactory.getLogger(ProgressLog.class);

    /** A step in progress; measured outside any lock, so a meter that waits (a query) never holds up the step. */
    private record Running(String step, Instant start, Meter meter, ScheduledExecutorService timer) {
    }

    private final Clock clock;
    private final Duration interval;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    ProgressLog(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** @param meter what to say about the work done, or null for a step that can only say it is still working */
    void start(String step, Meter meter) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "progress-log");
            thread.setDaemon(true);
            return thread;
        });
        Running started = new Running(step, clock.instant(), meter, timer);
        end(running.put(step, started));
        long millis = interval.toMillis();
        // with a fixed delay, not rate: a timer thread held up (a busy machine) must not catch up in a burst of lines
        timer.scheduleWithFixedDelay(() -> tick(started), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Logs the line of every step in progress now (each step's timer logs its own every interval): for tests. */
    void tick() {
        running.values().forEach(this::tick);
    }

    private void tick(Running step) {
        String line = line(step);
        if (running.get(step.step()) == step) { // not after the step's end line, when the step ended meanwhile
            log.info(line);
        }
    }

    /** The progress line of {@code step}, or null when it is not in progress. */
    String line(String step) {
        Running current = running.get(step);
        return current == null ? null : line(current);
    }

    private String line(Running step) {
        Duration elapsed = Duration.between(step.start(), clock.instant());
        String done = step.meter() == null ? "still working" : step.meter().measure(elapsed);
        return step.step() + ": " + done + ", " + elapsed(elapsed) + " elapsed";
    }

    /** Ends the step's timer without waiting for it: a line being measured is dropped with its daemon thread. */
    void stop(String step) {
        Running current = running.remove(step);
        end(current);
    }

    private static void end(Running step) {
        if (step != null) {
            step.timer().shutdownNow();
        }
    }

    /** Per second, over the step so far: what an operator compares with the last night's figure. */
    static String rate(long done, Duration elapsed) {
        long millis = Math.max(elapsed.toMillis(), 1);
        return count(done * 1000 / millis) + "/s";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String elapsed(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
