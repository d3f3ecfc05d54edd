package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.SecretRotationAuditConfiguration;
import ai.kubiya.secretaudit.schedule.AuditDaemon;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Runs the audit on the schedule audit.schedule.cron (UTC, default 0 0 2 * * ?) until SIGTERM.",
                "Quartz keeps the schedule in PostgreSQL, clustered: several daemons on one database fire each"
                        + " schedule once. On SIGTERM the run in progress stops after its current chunk and is"
                        + " resumed by the next run.",
                "Serves /actuator/health (liveness, readiness) and /actuator/prometheus on management.server.port"
                        + " (default 8081), and nothing else."})
class DaemonCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(DaemonCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ConfigurableApplicationContext context = startContext(Map.of());
        AuditDaemon daemon = context.getBean(AuditDaemon.class);
        Date next;
        try {
            next = daemon.start();
        } catch (Exception e) {
            context.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(daemon, context, stopped), "audit-daemon-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Scheduler %s started: cron '%s' (UTC), next run %s. Stop with SIGTERM.%n",
                daemon.instanceId(), daemon.cron(), describe(next));
        out.printf("Health and metrics on port %s: /actuator/health (liveness, readiness), /actuator/prometheus%n",
                context.getEnvironment().getProperty("local.management.port", "(none)"));
        if (context.getEnvironment().containsProperty("local.server.port")) {
            out.printf("Auditor portal on http://localhost:%s/ (audit.portal.enabled)%n",
                    context.getEnvironment().getProperty("local.server.port"));
        }
        out.flush();
        stopped.await();
        return ExitCodes.COMPLETED;
    }

    /**
     * The daemon's context: a web application, for the management port only (server.port is -1) unless it serves the
     * auditor portal as well ({@code audit.portal.enabled}, docs/portal.md), and closed by
     * the daemon itself, because Spring's own shutdown hook would close it (and the database pool) under a running
     * chunk.
     */
    static ConfigurableApplicationContext startContext(Map<String, Object> properties) {
        // the pre-flight runs there (once), and decides whether the auditor portal is served too
        Map<String, Object> all = ServeCommand.daemonProperties(properties);
        return ApplicationContexts.builder(SecretRotationAuditConfiguration.class, false)
                .web(WebApplicationType.SERVLET).run(ApplicationContexts.arguments(all));
    }

    private static String describe(Date next) {
        if (next == null) {
            return "never";
        }
        return next.toInstant().isBefore(Instant.now()) ? "now (the fire of " + next.toInstant()
                + " was missed while no daemon ran)" : "at " + next.toInstant();
    }

    private static void stop(AuditDaemon daemon, ConfigurableApplicationContext context, CountDownLatch stopped) {
        log.info("Stopping: the run in progress, if any, finishes its current chunk and is left restartable");
        try {
            daemon.stop();
        } catch (Exception e) {
            log.warn("Scheduler did not stop cleanly: {}", e.getMessage());
        } finally {
            context.close();
            stopped.countDown();
        }
    }
}
