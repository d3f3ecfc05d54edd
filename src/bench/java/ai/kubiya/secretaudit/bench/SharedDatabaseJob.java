package ai.kubiya.secretaudit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real job, {@code java -Xmx512m -jar secret-rotation-audit.jar run --source=synthetic:N}, in a child JVM against
 * a PostgreSQL server it shares with the portal ({@code SPRING_DATASOURCE_URL}), as an operator runs {@code serve}
 * beside {@code run}: the embedded default holds its data folder, so the two could not share it. Owner emails go to
 * {@code reports/outbox} (no SMTP), the same for the runs with and without load. Its pool is Spring Boot's default of
 * 10 connections, the embedded default's size too, so that the job does what it does on the default configuration.
 */
final class SharedDatabaseJob {

    private static final Pattern STEP = Pattern.compile("StepTimingListener\\s*: (\\w+) (\\w+) in (\\d+) ms");

    /** {@code jobCpuSeconds}: the job's JVM; {@code machineCpuSeconds}: every process on the machine meanwhile. */
    record Result(int exitCode, Duration wall, Map<String, Long> stepMillis, Path log, double jobCpuSeconds,
                  double machineCpuSeconds) {
    }

    private final Path jar;
    private final String maxHeap;
    private final String jdbcUrl;

    SharedDatabaseJob(Path jar, String maxHeap, String jdbcUrl) {
        this.jar = jar;
        this.maxHeap = maxHeap;
        this.jdbcUrl = jdbcUrl;
    }

    /** Runs the job to its end (2 hours at most); {@code label} names its log file in {@code work}. */
    Result run(Path work, String label, String source, String asOf) throws IOException, InterruptedException {
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        Path log = work.resolve(label + ".log");
        List<String> command = new ArrayList<>(List.of(PortalServer.java(), "-Xmx" + maxHeap,
                "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + tmp,
                "-Dlogging.pattern.console=%d{HH:mm:ss.SSS} %5p %logger : %m%n",
                "-Daudit.reports.dir=" + work.resolve("reports").resolve(label), // two databases: the same run ids
                "-jar", jar.toString(), "run", "--source=" + source, "--as-of=" + asOf));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        PortalServer.database(builder.environment(), jdbcUrl);
        double machineBefore = CpuClock.machine();
        long start = System.nanoTime();
        Process process = builder.start();
        double jobCpu = 0;
        try {
            // a process's CPU time is readable while it lives: sampled until its exit (the last 100 ms are lost)
            for (long deadline = start + TimeUnit.HOURS.toNanos(2); !process.waitFor(100, TimeUnit.MILLISECONDS); ) {
                jobCpu = Math.max(jobCpu, CpuClock.of(process.toHandle()));
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the job did not finish within 2 hours: " + log);
                }
            }
        } finally {
            process.destroyForcibly();
        }
        double machine = CpuClock.machine() - machineBefore;
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        Map<String, Long> steps = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log)) {
            Matcher step = STEP.matcher(line);
            if (step.find()) {
                steps.put(step.group(1), Long.parseLong(step.group(3)));
            }
        }
        return new Result(process.exitValue(), wall, steps, log, jobCpu, machine);
    }
}
