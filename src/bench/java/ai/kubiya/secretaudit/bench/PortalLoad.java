package ai.kubiya.secretaudit.bench;

import static ai.kubiya.secretaudit.bench.PipelineBenchmark.log;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * The portal under load (issue 17, docs/performance.md#the-portal-under-load); a program, not a test. On one
 * PostgreSQL server (zonky, in this JVM's folder) it runs the real job for two nights, the second the run the auditors
 * look at, copies that database, and runs the third night alone in {@code --baselines} copies (the baseline: their
 * median), then starts {@code serve} on the last copy and signs in 50 auditors, each with their own session, at an
 * OpenID Connect provider in this JVM (mock-oauth2-server). The auditors then load the portal twice: alone for
 * {@code --alone-seconds}, and while the third night runs in that copy, until it ends. Writes the figures to
 * {@code --out} (default {@code bench/PORTAL-LOAD.md}).
 *
 * <p>Options: {@code --jar=PATH} (required), {@code --size=100000}, {@code --baselines=3}, {@code --auditors=50},
 * {@code --downloaders=10}
 * (of the auditors), {@code --alone-seconds=60}, {@code --max-seconds=900} (the loaded phase's cap),
 * {@code --max-requests=200000} (each phase's cap), {@code --xmx=512m} (the job's and the portal's heap),
 * {@code --portal-nice=10} ({@code serve} under {@code nice -n}, as docs/portal.md recommends beside {@code run};
 * 0: at the job's priority), {@code --client-nice=0} (above 0: the auditors' threads, {@link Niceness}),
 * {@code --work=target/portal-load}.
 */
public final class PortalLoad {

    private PortalLoad() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Map<String, String> options = PipelineBenchmark.options(args);
        Path jar = Path.of(PipelineBenchmark.required(options, "jar")).toAbsolutePath();
        int size = Integer.parseInt(options.getOrDefault("size", "100000"));
        int auditors = Integer.parseInt(options.getOrDefault("auditors", "50"));
        int downloaders = Integer.parseInt(options.getOrDefault("downloaders", "10"));
        long aloneSeconds = Long.parseLong(options.getOrDefault("alone-seconds", "60"));
        long maxSeconds = Long.parseLong(options.getOrDefault("max-seconds", "900"));
        long maxRequests = Long.parseLong(options.getOrDefault("max-requests", "200000"));
        String maxHeap = options.getOrDefault("xmx", "512m");
        int portalNice = Integer.parseInt(options.getOrDefault("portal-nice", "10"));
        int clientNice = Integer.parseInt(options.getOrDefault("client-nice", "0"));
        int baselines = Integer.parseInt(options.getOrDefault("baselines", "3"));
        if (baselines < 1) {
            throw new IllegalArgumentException("--baselines must be 1 or more");
        }
        Path work = Path.of(options.getOrDefault("work", "target/portal-load")).toAbsolutePath();
        Path out = Path.of(options.getOrDefault("out", "bench/PORTAL-LOAD.md"));
        PipelineBenchmark.deleteTree(work);
        Files.createDirectories(work);

        // three nights, ending yesterday: an as-of more than a day ahead would be refused
        LocalDate last = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        String source = "synthetic:" + size;
        Report report = new Report(size, auditors, downloaders, maxHeap, portalNice, clientNice);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg"))
                .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("max_connections", "200").start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort()
                    + "/postgres?user=postgres&reWriteBatchedInserts=true";
            SharedDatabaseJob job = new SharedDatabaseJob(jar, maxHeap, url);
            // a later night, as auditors look at: on a first night every finding is NEW, on a later one few or none
            log("N=%,d: two nights, the second the run the auditors look at", size);
            check(job.run(work, "job-seed-1", source, last.minusDays(2).toString()));
            check(job.run(work, "job-seed-2", source, last.minusDays(1).toString()));
            List<String> copies = sameStart(url, baselines);
            String loadedUrl = copies.get(0);
            report.loadBefore = PipelineBenchmark.loadAverage();
            for (int i = 1; i <= baselines; i++) {
                log("N=%,d: the job alone (baseline %d of %d)", size, i, baselines);
                SharedDatabaseJob alone = i == 1 ? job : new SharedDatabaseJob(jar, maxHeap, copies.get(i - 1));
                report.baselines.add(check(alone.run(work, "job-alone-" + i, source, last.toString())));
            }
            long runId = latestCompletedRun(loadedUrl, report);
            SharedDatabaseJob loadedJob = new SharedDatabaseJob(jar, maxHeap, loadedUrl);
            MockOAuth2Server provider = new MockOAuth2Server();
            provider.start(InetAddress.getLoopbackAddress(), 0);
            try (DatabaseSessionsCpu database = new DatabaseSessionsCpu(url);
                 PortalServer portal = PortalServer.start(jar, maxHeap, loadedUrl, provider.issuerUrl("acme")
                         .toString(), work, portalNice)) {
                List<Auditor> signedIn = signIn(portal, provider, auditors);
                log("%d auditors signed in; the portal alone for %d s", auditors, aloneSeconds);
                report.portalAlone = load(portal, database, signedIn, downloaders, runId, new LoadPhase(
                        "portal alone", aloneSeconds, maxRequests), null, clientNice);
                log("the portal while the job runs");
                LoadPhase loaded = new LoadPhase("while the job runs", maxSeconds, maxRequests);
                report.loaded = load(portal, database, signedIn, downloaders, runId, loaded, () -> report.withLoad =
                        check(loadedJob.run(work, "job-loaded", source, last.toString())), clientNice);
                report.loadAfter = PipelineBenchmark.loadAverage();
            } finally {
                provider.shutdown();
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.markdown());
        System.out.print(report.markdown());
        log("Wrote %s", out);
    }

    /** One after the other: the provider hands out the claims queued for the next sign-in. */
    private static List<Auditor> signIn(PortalServer portal, MockOAuth2Server provider, int count) throws Exception {
        List<Auditor> auditors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            provider.enqueueCallback(new DefaultOAuth2TokenCallback("acme", "auditor-" + i, "JWT",
                    List.of(PortalServer.CLIENT_ID), Map.of("email", "auditor-" + i + "@acme.example",
                    "email_verified", true, "groups", List.of(PortalServer.AUDITOR_GROUP)), 3600));
            Auditor auditor = new Auditor(portal.base, i);
            if (!auditor.signIn()) {
                throw new IllegalStateException("auditor " + i + " could not sign in: see portal.log");
            }
            auditors.add(auditor);
        }
        return auditors;
    }

    interface Job {
        void run() throws Exception;
    }

    /** The auditors load the portal until the phase ends, or until {@code job} ends when there is one. */
    private static LoadPhase load(PortalServer portal, DatabaseSessionsCpu database, List<Auditor> auditors,
                                  int downloaders, long runId, LoadPhase phase, Job job, int clientNice)
            throws Exception {
        double cpuBefore = portal.cpuSeconds();
        double databaseBefore = database.portalSeconds();
        double clientBefore = CpuClock.of(ProcessHandle.current());
        double machineBefore = CpuClock.machine();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < auditors.size(); i++) {
            Auditor auditor = auditors.get(i);
            boolean downloads = i < downloaders;
            Thread thread = new Thread(() -> {
                try {
                    if (downloads) {
                        auditor.download(runId, phase);
                    } else {
                        auditor.page(runId, phase);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "auditor-" + i);
            thread.start();
            threads.add(thread);
        }
        // the auditors and their HTTP clients' threads (and what they start); never this thread, which starts the job
        Niceness.lower(clientNice, "auditor-", "HttpClient-");
        try {
            if (job != null) {
                job.run();
            } else {
                while (phase.running()) {
                    Thread.sleep(200);
                }
            }
        } finally {
            phase.end();
            phase.portalCpuSeconds = portal.cpuSeconds() - cpuBefore;
            phase.portalDatabaseCpuSeconds = database.portalSeconds() - databaseBefore;
            phase.clientCpuSeconds = CpuClock.of(ProcessHandle.current()) - clientBefore;
            phase.machineCpuSeconds = CpuClock.machine() - machineBefore;
            for (Thread thread : threads) {
                thread.join();
            }
        }
        return phase;
    }

    private static SharedDatabaseJob.Result check(SharedDatabaseJob.Result result) {
        log("job exit %d in %.1f s (%s)", result.exitCode(), result.wall().toMillis() / 1e3, result.log());
        if (result.exitCode() != 0) {
            throw new IllegalStateException("the job failed: see " + result.log());
        }
        return result;
    }

    /**
     * The databases the measured runs write: copies of the seeded one, so that every measured run is the same third
     * night over the same two (file for file). A third night over two was 10 % slower than the second over one with no
     * auditor at all (63.0 → 69.6 s at 1,000,000 secrets: the lifecycle +28 %, the workbook +16 %): when the baseline
     * was the second, a larger history, not the load, counted as slowdown. Vacuumed and analyzed first, as a night's autovacuum leaves it, so that no run meets another's
     * autovacuum debt.
     *
     * @return the copy the run under load writes (and the portal serves), then those of baselines 2 to {@code n};
     *         baseline 1 writes the original
     */
    private static List<String> sameStart(String url, int baselines) throws Exception {
        List<String> names = new ArrayList<>(List.of("loaded"));
        for (int i = 2; i <= baselines; i++) {
            names.add("alone_" + i);
        }
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE)");
            statement.execute("CHECKPOINT");
            for (String name : names) {
                statement.execute("CREATE DATABASE " + name + " TEMPLATE postgres STRATEGY FILE_COPY");
            }
        }
        return names.stream().map(name -> url.replace("/postgres?", "/" + name + "?")).toList();
    }

    private static long latestCompletedRun(String url, Report report) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet rs = connection.createStatement().executeQuery("SELECT id, finding_count, workbook_size"
                     + " FROM audit_run WHERE status = 'COMPLETED' ORDER BY id DESC LIMIT 1")) {
            rs.next();
            report.findings = rs.getLong(2);
            report.workbookBytes = rs.getLong(3);
            return rs.getLong(1);
        }
    }

}
