package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.finding.RunTotals;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.run.LaunchOptions;
import ai.kubiya.secretaudit.IsoTimestamps;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs one audit: evaluate, persist, report, notify.",
                "Exit 0 completed; 1 failed; 2 usage or configuration error (found before the database starts);"
                        + " 3 another run in progress; 4 completed, with a finding --fail-on names; 143 stopped by"
                        + " SIGTERM.",
                "On SIGTERM the run stops after its current chunk (a blocked read is aborted) and the next run"
                        + " resumes it. A run past audit.run.deadline is stopped and fails."})
class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
    private static final long STOP_POLL_MILLIS = 500;
    /** Closing the context stops the embedded PostgreSQL (~1 s); past this the JVM exits without waiting. */
    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--as-of", paramLabel = "DATE|INSTANT",
            description = "Evaluation instant: YYYY-MM-DD (midnight UTC) or an ISO-8601 instant. Default: now, or the"
                    + " as-of of today's run of the same source if that one failed or was killed (it is resumed).")
    String asOf;

    @Option(names = "--source", paramLabel = "SOURCE",
            description = "control-plane, file:PATH or synthetic[:N]. Default: audit.source (AUDIT_SOURCE).")
    String source;

    @Option(names = "--dry-run", description = "Evaluate and report, but queue and send no email, and delete nothing.")
    boolean dryRun;

    @Option(names = "--allow-future-as-of",
            description = "Accept an --as-of more than one day after now (refused otherwise, as a likely typo).")
    boolean allowFutureAsOf;

    @Option(names = "--accept-shrink",
            description = "Let this run through although its inventory shrank by more than"
                    + " audit.guard.max-shrink-percent since the previous completed run; recorded on the run.")
    boolean acceptShrink;

    @Option(names = "--fail-on", split = ",", paramLabel = "STATUS",
            description = "Exit 4 when the completed run has a non-waived finding with one of these statuses"
                    + " (e.g. EXPIRED,OVERDUE,MISSING); the run, its emails and workbook are not affected.")
    List<String> failOn;

    @Override
    public Integer call() throws Exception {
        FailOn gate = FailOn.parse(failOn);
        Map<String, Object> properties = new HashMap<>();
        properties.put(AuditRunLauncher.SESSION_NAME_KEY, AuditRunLauncher.RUN_COMMAND_SESSIONS);
        if (source != null) {
            properties.put("audit.source", source);
        }
        Instant instant = asOf();
        LaunchOptions options = new LaunchOptions(dryRun, allowFutureAsOf, acceptShrink);
        if (instant != null) {
            options.checkAsOf(instant, Instant.now()); // again by the launcher, but before the database starts
        }
        // SIGTERM (a pod stopped, Ctrl-C) must not close the context under a running chunk: the hook below asks
        // the run to stop and waits until this thread has closed the context itself
        CountDownLatch launched = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (EarlyRunSession early = new EarlyRunSession();
             ConfigurableApplicationContext context = ApplicationContexts.startReadingSource(properties, false,
                     WebApplicationType.NONE, early)) {
            early.close(); // started: the pool's sessions carry the name now
            String effectiveSource = context.getEnvironment().getRequiredProperty("audit.source");
            PrintWriter out = spec.commandLine().getOut();
            AuditRunLauncher launcher = context.getBean(AuditRunLauncher.class);
            Thread stopper = new Thread(() -> stopGracefully(launcher, launched, closed), "audit-run-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            AuditRun run;
            try {
                run = instant == null ? launcher.launchNow(effectiveSource, options)
                        : launcher.launch(instant, effectiveSource, options);
            } finally {
                launched.countDown();
                removeUnlessShuttingDown(stopper);
            }
            RunSummary.read(context, run).report(out, context);
            if (run.status() != AuditRun.RunStatus.COMPLETED) {
                return ExitCodes.FAILED;
            }
            return gate(gate, run, context.getBean(RunTotals.class), spec.commandLine().getErr());
        } finally {
            closed.countDown();
        }
    }

    /**
     * On SIGTERM: the run in progress stops at its next chunk or step boundary (a source read that does not get
     * there within 5 s is aborted; a later step finishes first, for at most {@code audit.run.stop-timeout}) and is
     * left for the next run to resume; the JVM exits (143) once the context is closed.
     */
    private static void stopGracefully(AuditRunLauncher launcher, CountDownLatch launched, CountDownLatch closed) {
        log.info("Stopping: the run finishes its current chunk and is left for the next run to resume");
        try {
            while (!launched.await(STOP_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                launcher.stopCurrentRun();
            }
            if (!closed.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("The application did not close within {} s; exiting without it", CLOSE_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeUnlessShuttingDown(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for the context to close
        }
    }

    /** The explicit as-of, or null for now (then today's unfinished run of the same source is resumed instead). */
    private Instant asOf() {
        if (asOf == null) {
            return null;
        }
        try {
            return IsoTimestamps.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--as-of '" + asOf + "' is neither YYYY-MM-DD nor an ISO-8601 instant");
        }
    }

    /** The --fail-on gate, on stderr beside the other reasons a pipeline stops. */
    private static int gate(FailOn gate, AuditRun run, RunTotals totals, PrintWriter err) {
        long failing = gate.isSet() ? totals.findingsWithStatus(run.id(), gate.statuses()) : 0;
        if (failing == 0) {
            return ExitCodes.COMPLETED;
        }
        err.printf("fail-on: %d finding(s) with status %s (--fail-on); exit %d%n", failing, gate.describe(),
                ExitCodes.FAIL_ON);
        err.flush();
        return ExitCodes.FAIL_ON;
    }
}
