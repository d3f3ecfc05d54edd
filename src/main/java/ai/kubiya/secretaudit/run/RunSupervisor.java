package ai.kubiya.secretaudit.run;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Bounds every run. The run executes on a thread of its own while the launching thread watches it: when
 * {@code audit.run.deadline} passes, or a stop is requested (SIGTERM), the job is asked to stop at its next chunk
 * or step boundary and its source reads are aborted (at once past the deadline, after
 * {@link SupervisedRun#READ_GRACE} on a stop), which wakes a read blocked on a silent server or a FIFO. A run
 * that still has not ended {@code audit.run.stop-timeout} later is abandoned: it is marked {@code FAILED} and the
 * launching thread returns, so that the process can exit. Its thread keeps the run lock until it ends, so nothing
 * else runs on the database beside it.
 */
@Component
public class RunSupervisor {

    /** What a launch does, on the run's thread, told how to report the run it begins. */
    @FunctionalInterface
    interface Launch {
        AuditRun run(SupervisedRun supervision) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(RunSupervisor.class);
    private static final long TICK_MILLIS = 200;

    private final Set<SupervisedRun> active = ConcurrentHashMap.newKeySet();
    private final RunProperties limits;
    private final JobStops jobs;
    private final SecretSources sources;
    private final AuditRunRepository runs;
    private final Clock clock;

    RunSupervisor(RunProperties limits, JobStops jobs, SecretSources sources, AuditRunRepository runs, Clock clock) {
        this.limits = limits;
        this.jobs = jobs;
        this.sources = sources;
        this.runs = runs;
        this.clock = clock;
    }

    /** Runs the launch on a thread of its own and returns its run, or the abandoned run once it is overdue. */
    AuditRun supervise(Launch launch) throws Exception {
        SupervisedRun supervision = new SupervisedRun(limits, jobs, sources.reads());
        active.add(supervision);
        FutureTask<AuditRun> task = new FutureTask<>(() -> {
            try {
                return launch.run(supervision);
            } finally {
                active.remove(supervision);
            }
        });
        Thread thread = new Thread(task, "audit-run");
        thread.setDaemon(true); // an abandoned run must not keep the JVM alive
        thread.start();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get(TICK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (watch(supervision)) {
                        return abandon(supervision);
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // the launching thread is being stopped: so is the run
                    supervision.requestStop();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Asks every run this process executes to stop (SIGTERM): at its next chunk or step boundary, a source read
     * that does not get there within {@link SupervisedRun#READ_GRACE} aborted. Returns at once.
     *
     * @return whether a run was asked to stop
     */
    boolean requestStop() {
        boolean any = false;
        for (SupervisedRun supervision : active) {
            any |= supervision.requestStop();
        }
        return any;
    }

    /** Why the run was stopped, when this supervisor stopped it (its deadline) or aborted one of its reads. */
    public Optional<String> reason(long runId) {
        return active.stream()
                .filter(supervision -> Long.valueOf(runId).equals(supervision.runId()))
                .flatMap(supervision -> supervision.reason().stream())
                .findFirst();
    }

    /** One tick of the watch; @return whether the run is overdue and to be abandoned. */
    private static boolean watch(SupervisedRun supervision) {
        if (supervision.overdue()) {
            return true; // decided before touching the database, which may be what holds the run up
        }
        try {
            supervision.tick();
        } catch (RuntimeException e) {
            // the job repository is unreachable (the database went away): the run fails by itself, or is overdue
            log.warn("Run {}: cannot stop it yet: {}", supervision.runId(), e.getMessage());
        }
        return supervision.overdue();
    }

    private AuditRun abandon(SupervisedRun supervision) {
        long runId = supervision.runId();
        String failure = supervision.abandoned();
        log.error("Run {}: {}", runId, failure);
        try {
            // only a run still STARTED: one that completed meanwhile keeps its COMPLETED
            runs.finishIfStarted(runId, failure, clock.instant());
            return runs.find(runId).orElseThrow();
        } catch (RuntimeException e) {
            // the database does not answer: the process still exits, and the next run marks this one FAILED
            throw new IllegalStateException(failure + " (it could not be marked FAILED: " + e.getClass().getSimpleName()
                    + "; the next run marks it)", e);
        }
    }
}
