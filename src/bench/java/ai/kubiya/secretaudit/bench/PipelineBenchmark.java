package ai.kubiya.secretaudit.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark of issue 8 / docs/performance.md#targets (not a test; never part of {@code mvn verify}). For each N it runs the
 * real job on {@code synthetic:N} in a child JVM ({@code -Xmx512m}) against a fresh embedded PostgreSQL and a
 * GreenMail SMTP server on loopback, then measures the baselines in this JVM against the same database and
 * the same server: a raw Jackson parse, COPY, raw SXSSF, bare SMTP. Also JMH on rule evaluation and a
 * 1,000-secret run timed from JVM start. Writes {@code bench/RESULTS.md}.
 *
 * <p>Options: {@code --jar=PATH} (required), {@code --sizes=10000,100000,1000000}, {@code --out=bench/RESULTS.md},
 * {@code --work=target/bench}, {@code --xmx=512m}, {@code --source=synthetic|file} (what the job reads: the
 * generator, or the same inventory as a JSON file), {@code --jmh=true|false}, {@code --e2e=1000|0},
 * {@code --auditor=EMAIL} (also mail the auditor workbook; unset by default, as in the default configuration).
 */
public final class PipelineBenchmark {

    static final String AS_OF = "2026-11-26";
    private static final String WEEK_BEFORE_AS_OF = "2026-11-19";
    /** Messages sent to each fresh SMTP server before the job, so that the job does not meet a cold server. */
    static final int SMTP_WARM_UP = 3_000;

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Map<String, String> options = options(args);
        Path jar = Path.of(required(options, "jar"));
        Path work = Path.of(options.getOrDefault("work", "target/bench")).toAbsolutePath();
        Path out = Path.of(options.getOrDefault("out", "bench/RESULTS.md"));
        String maxHeap = options.getOrDefault("xmx", "512m");
        boolean fromFile = "file".equals(options.getOrDefault("source", "synthetic"));
        List<Integer> sizes = Stream.of(options.getOrDefault("sizes", "10000,100000,1000000").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        deleteTree(work);
        Files.createDirectories(work);
        String auditor = options.get("auditor");
        JobProcess job = new JobProcess(jar, maxHeap, Files.createDirectories(work.resolve("embedded-pg")), auditor);

        Results results = new Results(maxHeap, fromFile, auditor);
        if (Boolean.parseBoolean(options.getOrDefault("jmh", "true"))) {
            results.evaluation = EvaluationThroughput.measure(work.resolve("jmh.json"));
            log("JMH RuleEvaluator.evaluate: %,.0f secrets/s", results.evaluation.score());
        }
        int e2e = Integer.parseInt(options.getOrDefault("e2e", "1000"));
        if (e2e > 0) {
            results.endToEnd = endToEnd(job, work.resolve("e2e"), e2e);
        }
        for (int size : sizes) {
            String load = loadAverage();
            SizeResult result = measure(job, work.resolve("n" + size), size, fromFile);
            result.loadAverage = load + " → " + loadAverage();
            results.sizes.add(result);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, results.markdown());
        }
        Files.writeString(out, results.markdown());
        log("Wrote %s", out);
    }

    /** The job on N secrets, then every baseline against the same database and SMTP server. */
    private static SizeResult measure(JobProcess job, Path work, int size, boolean fromFile) throws Exception {
        Files.createDirectories(work);
        SizeResult result = new SizeResult(size);
        Path inventory = work.resolve("inventory.json");
        InventoryJson.write(size, Instant.parse(AS_OF + "T00:00:00Z"), inventory);
        result.inventoryBytes = Files.size(inventory);
        GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            SmtpBaseline.warmUp(smtp.getSmtp().getPort(), SMTP_WARM_UP);
            smtp.purgeEmailFromAllMailboxes();
            String source = fromFile ? "file:" + inventory : "synthetic:" + size;
            log("N=%,d: running the job (%s)", size, source);
            result.job = job.run(work, "job", source, AS_OF, smtp.getSmtp().getPort());
            result.receivedByServer = smtp.getReceivedMessages().length;
            log("N=%,d: job exit %d in %s; %s", size, result.job.exitCode(), result.job.wall(), result.job.steps().keySet());
            smtp.purgeEmailFromAllMailboxes();

            result.jacksonNanos = time(() -> result.jsonTokens = InventoryJson.tokenLoop(inventory));
            result.jsonReaderNanos = time(() -> InventoryJson.records(inventory));
            java.util.Properties passwords = new java.util.Properties(); // generated by the job's first start
            try (java.io.Reader in = Files.newBufferedReader(work.resolve("db/passwords.properties"))) {
                passwords.load(in);
            }
            String password = passwords.getProperty("postgres"); // URL-safe Base64
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("db"))
                    .setCleanDataDirectory(false).setConnectConfig("password", password).start()) {
                String url = postgres.getJdbcUrl("postgres", "postgres") + "&password=" + password;
                long runId = latestRun(url, result);
                result.copy = PersistenceBaselines.copy(url, runId, work);
                log("N=%,d: COPY baseline %d rows in %.2f s", size, result.copy.rows(), result.copy.nanos() / 1e9);
                Instant asOf = Instant.parse(AS_OF + "T00:00:00Z");
                PersistenceBaselines.evaluationWriter(url, Math.min(size, 50_000), asOf, result.policyVersion); // JIT warm-up
                result.writer = PersistenceBaselines.evaluationWriter(url, size, asOf, result.policyVersion);
                result.rawWorkbook = RawWorkbook.write(url, runId, work.resolve("raw.xlsx"));
                log("N=%,d: raw SXSSF %d rows in %.2f s", size, result.rawWorkbook.rows(), result.rawWorkbook.nanos() / 1e9);
                result.rawOwnerWorkbooks = RawWorkbook.perOwner(url, runId);
                result.smtp = SmtpBaseline.send(url, runId, smtp.getSmtp().getPort());
                result.receivedByBaseline = smtp.getReceivedMessages().length;
            }
        } finally {
            smtp.stop();
        }
        deleteTree(work.resolve("db"));
        deleteTree(work.resolve("reports"));
        Files.deleteIfExists(inventory);
        Files.deleteIfExists(work.resolve("raw.xlsx"));
        return result;
    }

    /** 1,000 secrets from JVM start to exit: on a fresh data folder (initdb included), then a second night. */
    private static List<JobProcess.Result> endToEnd(JobProcess job, Path work, int size) throws Exception {
        Files.createDirectories(work);
        GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            List<JobProcess.Result> runs = new ArrayList<>();
            // the first night a week before AS_OF: a second night after today would be refused (--as-of more than a
            // day ahead of the clock exits 2)
            runs.add(job.run(work, "first", "synthetic:" + size, WEEK_BEFORE_AS_OF, smtp.getSmtp().getPort()));
            runs.add(job.run(work, "second", "synthetic:" + size, AS_OF, smtp.getSmtp().getPort()));
            runs.forEach(run -> log("e2e %d secrets: exit %d in %s", size, run.exitCode(), run.wall()));
            return runs;
        } finally {
            smtp.stop();
            deleteTree(work.resolve("db"));
        }
    }

    private static long latestRun(String url, SizeResult result) throws Exception {
        try (Connection connection = PersistenceBaselines.SingleConnection.open(url);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT id, policy_version, evaluated_count, finding_count, workbook_size,
                            (SELECT count(*) FROM mail_outbox o WHERE o.run_id = r.id AND kind = 'OWNER_REMINDER'),
                            (SELECT coalesce(avg(octet_length(mime)), 0) FROM mail_outbox o
                              WHERE o.run_id = r.id AND kind = 'OWNER_REMINDER'),
                            (SELECT count(DISTINCT owner) FROM finding f WHERE f.run_id = r.id),
                            status
                     FROM audit_run r ORDER BY id DESC LIMIT 1""")) {
            if (!rs.next()) {
                throw new IllegalStateException("the job recorded no run");
            }
            result.policyVersion = rs.getString(2);
            result.evaluated = rs.getLong(3);
            result.findings = rs.getLong(4);
            result.workbookBytes = rs.getLong(5);
            result.ownerEmails = rs.getLong(6);
            result.averageEmailBytes = rs.getLong(7);
            result.owners = rs.getLong(8);
            result.runStatus = rs.getString(9);
            connection.commit();
            return rs.getLong(1);
        }
    }

    interface Timed {
        void run() throws Exception;
    }

    private static long time(Timed body) throws Exception {
        long start = System.nanoTime();
        body.run();
        return System.nanoTime() - start;
    }

    /** Other work on the machine skews every figure: the 1-minute load average is recorded with them. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }

    /** {@code --name=value} arguments, for this harness and {@link PortalLoad}. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + "= is required");
        }
        return value;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
