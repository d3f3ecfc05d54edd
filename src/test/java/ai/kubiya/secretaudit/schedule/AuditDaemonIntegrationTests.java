package ai.kubiya.secretaudit.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRun.RunStatus;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import ai.kubiya.secretaudit.support.ChunkGate;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.EverythingMatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.scheduling.quartz.SpringBeanJobFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code daemon}'s Quartz scheduling on a real PostgreSQL: clustered schedulers fire a schedule once,
 * a fire missed during downtime fires once, and a graceful stop leaves the run in progress restartable.
 */
@SpringBootTest(properties = "audit.chunk-size=500")
class AuditDaemonIntegrationTests {

    static final Path WORK;
    static final Path INVENTORY;

    static {
        try {
            WORK = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "daemon-it");
            INVENTORY = WORK.resolve("inventory.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
        registry.add("audit.reports.dir", () -> WORK.resolve("reports").toString());
        registry.add("audit.source", () -> "file:" + INVENTORY);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    QuartzProperties quartz;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditRunRepository runs;

    final List<SchedulerFactoryBean> schedulers = new ArrayList<>();
    final FireLog fires = new FireLog();

    @AfterEach
    void shutDownSchedulers() throws Exception {
        for (SchedulerFactoryBean scheduler : schedulers) {
            scheduler.destroy();
        }
    }

    @Test
    void clusteredSchedulersOnOneDatabaseFireTheScheduleOnceEvenWhenAnotherJoinsMidRun() throws Exception {
        // given: two daemons (clustered schedulers, different instance ids) and a schedule due in two seconds;
        // the run it starts will be held in its first chunk
        Files.writeString(INVENTORY, inventory(0, 50));
        Scheduler nodeA = scheduler("two-nodes", "node-a");
        Scheduler nodeB = scheduler("two-nodes", "node-b");
        assertThat(nodeA.getMetaData().isJobStoreClustered()).isTrue();
        ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        new AuditSchedule("%d %d %d %d %d ? %d".formatted(at.getSecond(), at.getMinute(), at.getHour(),
                at.getDayOfMonth(), at.getMonthValue(), at.getYear())).register(nodeA);
        long runsBefore = completedRuns();

        try (ChunkGate gate = new ChunkGate(dataSource, 0)) {
            // when: both run when it is due, and a third daemon starts while the run is in progress (a rollout)
            nodeA.start();
            nodeB.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> fires.started.size() == 1 && gate.holding());
            scheduler("two-nodes", "node-c").start();
            Thread.sleep(1_000); // time for the newcomer to take up the in-flight fire, which it must not
            gate.open();
            await().atMost(Duration.ofSeconds(30)).until(() -> fires.executed.size() == 1);
        }

        // then: one node ran it, once, and the audit run completed
        Thread.sleep(500);
        assertThat(fires.started).hasSize(1).first().isIn("node-a", "node-b");
        assertThat(fires.executed).isEqualTo(fires.started);
        assertThat(completedRuns()).isEqualTo(runsBefore + 1);
    }

    @Test
    void aFireMissedWhileNoSchedulerRanFiresOnceWhenOneStarts() throws Exception {
        // given: the nightly schedule, whose last three fires were missed (all daemons down)
        Files.writeString(INVENTORY, inventory(0, 50));
        Scheduler node = scheduler("misfire", "node-a");
        new AuditSchedule("0 0 2 * * ?").register(node);
        jdbc.sql("UPDATE qrtz_triggers SET next_fire_time = ? WHERE sched_name = 'misfire'")
                .param(Instant.now().minus(Duration.ofDays(3)).toEpochMilli()).update();

        // when
        node.start();

        // then: it fires once now, not once per missed night, and is next due at 02:00 UTC
        await().atMost(Duration.ofSeconds(30)).until(() -> fires.executed.size() == 1);
        Thread.sleep(1_000);
        assertThat(fires.started).hasSize(1);
        ZonedDateTime next = node.getTrigger(AuditSchedule.TRIGGER).getNextFireTime().toInstant().atZone(ZoneOffset.UTC);
        assertThat(next).isAfter(ZonedDateTime.now(ZoneOffset.UTC));
        assertThat(next.toLocalTime()).hasToString("02:00");
    }

    @Test
    void aGracefulStopLetsTheCurrentChunkFinishAndLeavesTheRunRestartable(@Autowired AuditDaemon daemon,
            @Autowired Scheduler scheduler, @Autowired AuditRunLauncher launcher) throws Exception {
        // given: the daemon running a scheduled run of 1,500 secrets in chunks of 500, whose second chunk is
        // held up in its COPY (a trigger waits for an advisory lock the test holds) after the first committed
        Files.writeString(INVENTORY, inventory(0, 1_500));
        assertThat(scheduler.isStarted()).as("no command but daemon starts Quartz").isFalse();
        try (ChunkGate gate = new ChunkGate(dataSource, 500)) {
            daemon.start();
            scheduler.triggerJob(AuditSchedule.JOB);
            await().atMost(Duration.ofSeconds(30)).until(() -> committedChunks() == 1 && gate.holding());

            // when: SIGTERM arrives mid-chunk, then the chunk can go on
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> stop(daemon));
            await().atMost(Duration.ofSeconds(30)).until(() -> lastJobStatus().startsWith("STOP"));
            gate.open();
            stopping.get(30, TimeUnit.SECONDS);
        }

        // then: the chunk in progress was completed and committed, nothing after it ran, the run is restartable
        AuditRun stopped = runs.latest(1).get(0);
        assertThat(lastJobStatus()).isEqualTo("STOPPED");
        assertThat(stopped.status()).isEqualTo(RunStatus.FAILED);
        assertThat(stopped.failure()).contains("stopped");
        assertThat(secretsOf(stopped.id())).isEqualTo(1_000);

        // and the next run (the next fire, or a CronJob retry) resumes it
        AuditRun resumed = launcher.launchNow("file:" + INVENTORY, false);
        assertThat(resumed.id()).isEqualTo(stopped.id());
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(secretsOf(resumed.id())).isEqualTo(1_500);
    }

    private static void stop(AuditDaemon daemon) {
        try {
            daemon.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A second scheduler on the test database, configured as the application configures its own. */
    private Scheduler scheduler(String name, String instanceId) throws Exception {
        Properties properties = new Properties();
        properties.putAll(quartz.getProperties());
        properties.put("org.quartz.scheduler.instanceId", instanceId);
        SpringBeanJobFactory jobFactory = new SpringBeanJobFactory();
        jobFactory.setApplicationContext(context);
        SchedulerFactoryBean factory = new SchedulerFactoryBean();
        factory.setSchedulerName(name);
        factory.setQuartzProperties(properties);
        factory.setDataSource(dataSource);
        factory.setTransactionManager(transactionManager);
        factory.setJobFactory(jobFactory);
        factory.setAutoStartup(false);
        factory.setWaitForJobsToCompleteOnShutdown(true);
        factory.afterPropertiesSet();
        schedulers.add(factory);
        Scheduler scheduler = factory.getObject();
        scheduler.getListenerManager().addJobListener(fires, EverythingMatcher.allJobs());
        return scheduler;
    }

    private long completedRuns() {
        return jdbc.sql("SELECT count(*) FROM audit_run WHERE status = 'COMPLETED'").query(Long.class).single();
    }

    private long committedChunks() {
        return jdbc.sql("SELECT coalesce(max(commit_count), 0) FROM batch_step_execution"
                + " WHERE step_name = 'evaluateSecretsStep' AND status = 'STARTED'").query(Long.class).single();
    }

    private String lastJobStatus() {
        return jdbc.sql("SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1")
                .query(String.class).optional().orElse(null);
    }

    private long secretsOf(long runId) {
        return jdbc.sql("SELECT count(DISTINCT position) FROM run_secret WHERE run_id = ?").param(runId)
                .query(Long.class).single();
    }

    private static String inventory(int from, int count) {
        return "[" + records(from, count) + "]";
    }

    /** Secrets {@code from} … {@code from + count - 1}, comma-separated. */
    private static String records(int from, int count) {
        StringBuilder json = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            json.append(i == from ? "" : ",").append("{\"name\":\"secret-").append(i)
                    .append("\",\"type\":\"token\",\"created_by\":\"owner").append(i % 5)
                    .append("@daemon.example\",\"created_at\":\"2026-01-01T00:00:00Z\"}");
        }
        return json.toString();
    }

    /** Which scheduler instance started and finished each fire, across all schedulers of the test. */
    static final class FireLog implements JobListener {
        final List<String> started = new CopyOnWriteArrayList<>();
        final List<String> executed = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "fire-log";
        }

        @Override
        public void jobToBeExecuted(JobExecutionContext context) {
            started.add(instance(context));
        }

        @Override
        public void jobExecutionVetoed(JobExecutionContext context) {
        }

        @Override
        public void jobWasExecuted(JobExecutionContext context, JobExecutionException jobException) {
            executed.add(instance(context));
        }

        private static String instance(JobExecutionContext context) {
            try {
                return context.getScheduler().getSchedulerInstanceId();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
