package ai.kubiya.secretaudit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real job as an operator would, {@code java -jar secret-rotation-audit.jar run …}, in a child
 * JVM with its own heap limit, and reads back what it logged: each step's duration (StepTimingListener),
 * how many reminders were queued and delivered, and the heap from its GC log.
 */
final class JobProcess {

    private static final Pattern STEP = Pattern.compile(
            "^(\\S+)\\s+INFO .*StepTimingListener\\s*: (\\w+) (\\w+) in (\\d+) ms");
    private static final Pattern QUEUED = Pattern.compile("Queued (\\d+) owner reminder");
    private static final Pattern DELIVERED = Pattern.compile("Delivered (\\d+) message");

    record Step(String name, String status, long millis, Instant end) {

        Instant start() {
            return end.minusMillis(millis);
        }
    }

    record Result(int exitCode, Duration wall, Map<String, Step> steps, int queued, List<Integer> delivered,
                  HeapLog heap, List<String> jvmFlags, Path log, boolean outOfMemory) {

        long millis(String... steps) {
            long sum = 0;
            for (String step : steps) {
                Step s = this.steps.get(step);
                sum += s == null ? 0 : s.millis();
            }
            return sum;
        }

        HeapLog.Window heap(String first, String last) {
            Step from = steps.get(first);
            Step to = steps.get(last);
            return from == null || to == null ? new HeapLog.Window(-1, -1, false) : heap.window(from.start(), to.end());
        }
    }

    private final Path jar;
    private final String maxHeap;
    private final Path pgWorkingDir;
    private final String auditor;

    /** @param auditor the {@code audit.mail.auditors} address, or null for none (the default configuration) */
    JobProcess(Path jar, String maxHeap, Path pgWorkingDir, String auditor) {
        this.jar = jar;
        this.maxHeap = maxHeap;
        this.pgWorkingDir = pgWorkingDir;
        this.auditor = auditor;
    }

    /**
     * @param work  the run's folder: database, reports, temp files and logs go in it
     * @param label names the log files, so that several runs can share a folder
     */
    Result run(Path work, String label, String source, String asOf, int smtpPort) throws IOException,
            InterruptedException {
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        Path gcLog = work.resolve(label + "-gc.log");
        Path log = work.resolve(label + ".log");
        List<String> flags = new ArrayList<>(List.of("-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + gcLog + ":time"));
        // e.g. BENCH_JOB_JAVA_OPTS=-XX:StartFlightRecording=filename=job.jfr to profile the job
        String extra = System.getenv("BENCH_JOB_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            flags.addAll(List.of(extra.strip().split("\\s+")));
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-Djava.io.tmpdir=" + tmp);
        // the step lines are read back by the logger's name and an instant: the terminal's pattern has neither
        command.add("-Dlogging.pattern.console=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5p %logger : %m%n");
        command.add("-Dot.epg.working-dir=" + pgWorkingDir);
        command.add("-Daudit.embedded-db.dir=" + work.resolve("db"));
        command.add("-Daudit.reports.dir=" + work.resolve("reports"));
        command.add("-Dspring.mail.host=127.0.0.1");
        command.add("-Dspring.mail.port=" + smtpPort);
        command.add("-Daudit.mail.from=secret-audit@acme.example"); // SMTP refuses the default at localhost
        if (auditor != null) {
            command.add("-Daudit.mail.auditors=" + auditor);
        }
        command.addAll(List.of("-jar", jar.toString(), "run", "--source=" + source, "--as-of=" + asOf));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.HOURS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the job did not finish within 2 hours: " + log);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return parse(process.exitValue(), wall, log, HeapLog.read(gcLog), flags);
    }

    private static Result parse(int exitCode, Duration wall, Path log, HeapLog heap, List<String> flags)
            throws IOException {
        Map<String, Step> steps = new LinkedHashMap<>();
        int queued = 0;
        List<Integer> delivered = new ArrayList<>();
        boolean outOfMemory = false;
        for (String line : Files.readAllLines(log)) {
            Matcher step = STEP.matcher(line);
            if (step.find()) {
                steps.put(step.group(2), new Step(step.group(2), step.group(3), Long.parseLong(step.group(4)),
                        Instant.parse(step.group(1))));
            }
            Matcher q = QUEUED.matcher(line);
            if (q.find()) {
                queued = Integer.parseInt(q.group(1));
            }
            Matcher d = DELIVERED.matcher(line);
            if (d.find()) {
                delivered.add(Integer.parseInt(d.group(1)));
            }
            outOfMemory |= line.contains("OutOfMemoryError");
        }
        return new Result(exitCode, wall, steps, queued, delivered, heap, flags, log, outOfMemory);
    }
}
