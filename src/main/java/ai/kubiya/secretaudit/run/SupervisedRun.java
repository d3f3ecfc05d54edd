package ai.kubiya.secretaudit.run;

import ai.kubiya.secretaudit.Durations;
import ai.kubiya.secretaudit.source.SourceReads;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One launch, watched by the thread that started it ({@link RunSupervisor}). Every decision is taken on that
 * thread, at each tick: the run's own thread only says which run it executes, and a stop request only records
 * when it came. Times are the JVM's monotonic clock, never the (injectable, possibly fixed) {@code Clock}.
 */
final class SupervisedRun {

    /**
     * How long a stop request waits for the evaluate step to reach a chunk boundary by itself before its source
     * read is aborted. A chunk of 2,000 secrets is read, evaluated and written in ~50 ms (41,000 secrets/s at
     * 1,000,000 secrets, bench/RESULTS.md): a read still going after 5 s is stuck or dripping.
     */
    static final Duration READ_GRACE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(SupervisedRun.class);

    private final long startedAt = System.nanoTime();
    private final RunProperties limits;
    private final JobStops jobs;
    private final SourceReads reads;
    private volatile Long runId;
    private volatile String jobName;
    private volatile long stopRequestedAt;
    private volatile String reason;
    private long stoppingSince;
    private boolean pastDeadline;
    private boolean markedStopping;
    private String step;

    SupervisedRun(RunProperties limits, JobStops jobs, SourceReads reads) {
        this.limits = limits;
        this.jobs = jobs;
        this.reads = reads;
    }

    /** Called by the run's thread under the run lock, once it knows the run it executes. */
    void begin(long runId, String jobName) {
        reads.allow();
        this.jobName = jobName;
        this.runId = runId;
    }

    /** A stop request (SIGTERM); any thread. @return whether this launch has begun a run */
    boolean requestStop() {
        if (stopRequestedAt == 0) {
            stopRequestedAt = System.nanoTime();
        }
        return runId != null;
    }

    Long runId() {
        return runId;
    }

    /** Why this supervision stopped the run, when it did more than ask for a stop at the next boundary. */
    Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /**
     * Asks the run to stop when its deadline has passed or a stop was requested, and aborts its reads in time. The
     * job is marked {@code STOPPING} before a read is aborted: the aborted read ends the step and then the job, and
     * marking it while it writes its own end made that write fail (optimistic locking: the run thread died instead
     * of ending STOPPED; seen once under load). A database that does not answer is bounded by the supervisor, which
     * abandons the run at {@code audit.run.stop-timeout} without asking the database first.
     */
    void tick() {
        Long id = runId;
        if (id == null || !stopping(id)) {
            return;
        }
        if (!markedStopping) {
            markStopping(id);
        }
        if (pastDeadline || System.nanoTime() - stoppingSince >= READ_GRACE.toNanos()) {
            boolean aborted = reads.abort(pastDeadline ? reason : "stopped on request (shutdown)");
            if (aborted && reason == null) {
                log.warn("Run {}: a source read did not reach a chunk boundary within {} of the stop request;"
                        + " aborted it", id, Durations.asWritten(READ_GRACE));
                reason = "stopped on request (shutdown)" + in(step) + ", where a source read that did not reach a"
                        + " chunk boundary within " + Durations.asWritten(READ_GRACE) + " was aborted; the next run of"
                        + " the same as-of and source resumes it";
            }
        }
    }

    private void markStopping(long id) {
        try {
            markedStopping = jobs.requestStop(jobName, id);
        } catch (RuntimeException e) {
            // the job repository does not answer: the reads are still aborted below, and the next tick asks again
            log.warn("Run {}: cannot mark it stopping yet: {}", id, e.getMessage());
            return;
        }
        if (markedStopping) {
            log.info("Asked run {} to stop at its next chunk or step boundary", id);
        }
    }

    /** Whether the run was asked to stop longer ago than {@code audit.run.stop-timeout}: it is to be abandoned. */
    boolean overdue() {
        return stoppingSince != 0 && System.nanoTime() - stoppingSince >= limits.stopTimeout().toNanos();
    }

    String abandoned() {
        String current = currentStep(runId);
        current = current == null ? step : current;
        return (reason != null ? reason : "stopped on request (shutdown)") + "; " + (current == null ? "the run"
                : current) + " did not end within " + Durations.asWritten(limits.stopTimeout())
                + " of being asked to stop (audit.run.stop-timeout) and was abandoned; the next run of the same as-of"
                + " and source restarts it";
    }

    private boolean stopping(long id) {
        if (stoppingSince != 0) {
            return true;
        }
        long now = System.nanoTime();
        if (now - startedAt >= limits.deadline().toNanos()) {
            step = currentStep(id);
            pastDeadline = true;
            reason = "the run exceeded audit.run.deadline (" + Durations.asWritten(limits.deadline()) + ")" + in(step)
                    + "; it was stopped there, and the next run of the same as-of and source restarts it";
            log.warn("Run {}: {}", id, reason);
        } else if (stopRequestedAt != 0) {
            step = currentStep(id);
        } else {
            return false;
        }
        stoppingSince = now;
        return true;
    }

    /** "step X" (or "steps X and Y") the run is in; null when it is between steps or the job repository cannot tell. */
    private String currentStep(long id) {
        try {
            return jobs.currentStep(jobName, id).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String in(String step) {
        return step == null ? " between steps" : " in " + step;
    }
}
