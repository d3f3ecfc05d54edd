package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.SecretRotationAuditApplication;
import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console of {@code run} in a JVM of its own, as a terminal or a pod log sees it: short lines (time, level,
 * message) by default; one JSON object per line, the closing summary included, with
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE}.
 */
class ConsoleFormatIntegrationTests {

    static final String LOG_LINE = "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR) \\S.*";

    @TempDir
    Path work;

    @Test
    void onATerminalALogLineIsTimeLevelAndMessageAndTheSummaryFollows() throws Exception {
        List<String> lines = run(Map.of());

        List<String> logLines = lines.stream().filter(line -> line.matches(LOG_LINE)).toList();
        assertThat(logLines).anyMatch(line -> line.endsWith(" INFO evaluateSecretsStep started"));
        assertThat(logLines).allSatisfy(line -> assertThat(line).doesNotContain(" --- ").doesNotContain("ai.kubiya."));
        assertThat(lines).contains("Run 1 COMPLETED (as of 2026-11-26T00:00:00Z, source synthetic:200)")
                .anyMatch(line -> line.startsWith("Secrets            read 200, evaluated "))
                .anyMatch(line -> line.startsWith("  by status        "));
        assertThat(lines).allSatisfy(line -> assertThat(line.matches(LOG_LINE) || !line.matches("\\d\\d:\\d\\d.*"))
                .as(line).isTrue());
    }

    @Test
    void withEcsEveryLineIsAJsonObjectAndTheSummaryIsOneWithItsCountsAsFields() throws Exception {
        List<JsonNode> events = json(run(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")));

        assertThat(events).allSatisfy(event -> assertThat(event.has("@timestamp") && event.has("message")).isTrue());
        assertThat(events).anyMatch(event -> event.get("message").asString().equals("evaluateSecretsStep started"));
        JsonNode summary = events.stream().filter(event -> event.has("run")).findFirst().orElseThrow();
        assertThat(summary.get("message").asString())
                .isEqualTo("Run 1 COMPLETED (as of 2026-11-26T00:00:00Z, source synthetic:200)");
        assertThat(summary.at("/run/id").asLong()).isEqualTo(1);
        assertThat(summary.at("/run/status").asString()).isEqualTo("COMPLETED");
        assertThat(summary.at("/secrets/read").asLong()).isEqualTo(200);
        assertThat(summary.at("/findings/by_status").isObject()).isTrue();
        assertThat(summary.at("/findings/by_lifecycle/NEW").asLong()).isEqualTo(summary.at("/findings/total").asLong());
        assertThat(summary.at("/emails/transport").asString()).contains("outbox");
        Path workbook = work.resolve("reports/2026-11-26/audit-2026-11-26-run1.xlsx");
        assertThat(summary.at("/workbook/path").asString()).isEqualTo(workbook.toString());
        assertThat(summary.at("/workbook/sha256").asString()).isEqualTo(Sha256.hex(workbook));
    }

    @Test
    void withLogstashEveryLineIsAJsonObjectTooAndTheSummaryIsAmongThem() throws Exception {
        List<JsonNode> events = json(run(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "logstash")));

        assertThat(events).anyMatch(event -> event.get("message").asString().startsWith("Run 1 COMPLETED"));
    }

    /** On the embedded default, whose start is logged at INFO: the log must not reach the JSON on stdout. */
    @Test
    void runsJsonIsTheOnlyThingOnStdoutSoAScriptCanParseIt() throws Exception {
        String embedded = "-Daudit.embedded-db.dir=" + work.resolve("data/postgres");
        run(Map.of(), embedded, "run", "--source=synthetic:20", "--as-of=2026-11-26");

        for (Map<String, String> environment : List.of(Map.<String, String>of(),
                Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"))) {
            String stdout = String.join("\n", run(environment, embedded, "runs", "--json"));

            JsonNode runs = JsonMapper.shared().readTree(stdout);
            assertThat(runs.isArray()).as(stdout).isTrue();
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0).get("run").asLong()).isEqualTo(1);
        }
    }

    private static List<JsonNode> json(List<String> lines) {
        assertThat(lines).isNotEmpty();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            JsonNode event = JsonMapper.shared().readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            events.add(event);
        }
        return events;
    }

    /** {@code run} on a test database of its own; its stdout, line by line (stderr apart). */
    private List<String> run(Map<String, String> environment) throws Exception {
        return run(environment, "-Dspring.datasource.url=" + TestDatabases.newDatabase(), "run",
                "--source=synthetic:200", "--as-of=2026-11-26");
    }

    /** @param database a {@code -D} option: a test database's URL, or the embedded default's data folder */
    private List<String> run(Map<String, String> environment, String database, String... arguments)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", database, "-Dspring.datasource.username=postgres",
                "-Daudit.reports.dir=" + work.resolve("reports"),
                "-cp", System.getProperty("java.class.path"), SecretRotationAuditApplication.class.getName()));
        command.addAll(List.of(arguments));
        Path out = work.resolve("stdout.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(work.resolve("stderr.txt").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("AUDIT_")
                || key.startsWith("KUBIYA_") || key.startsWith("LOGGING_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("run did not end within 180 s");
        }
        assertThat(process.exitValue()).as(Files.readString(work.resolve("stderr.txt"))).isZero();
        return Files.readAllLines(out);
    }
}
