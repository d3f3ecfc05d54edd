package ai.kubiya.secretaudit.database;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.SecretRotationAuditApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code run} on the embedded default in a JVM of its own, the way an operator starts it (the application's
 * main on the build's class path): its sessions are the application role's, never the superuser's, and when the
 * JVM is killed with SIGKILL in the middle of the run its PostgreSQL goes away with it.
 */
class EmbeddedDefaultRunIntegrationTests {

    private static final Pattern PORT = Pattern.compile("Embedded PostgreSQL on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path work;

    @Test
    void theRunConnectsAsTheApplicationRoleAndItsServerStopsWhenTheRunIsKilled() throws Exception {
        Path log = work.resolve("first.log");
        Process run = run(log, "--source=synthetic:20000", "--as-of=2026-11-26");
        awaitLine(run, log, "Executing step: [evaluateSecretsStep]");
        Matcher port = PORT.matcher(Files.readString(log));
        assertThat(port.find()).isTrue();
        long postmaster = Long.parseLong(Files.readAllLines(work.resolve("db/postmaster.pid")).get(0));

        List<String> sessions = superuser(port.group(1)).sql("SELECT DISTINCT usename FROM pg_stat_activity"
                + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()").query(String.class).list();
        run.destroyForcibly(); // SIGKILL

        assertThat(sessions).containsExactly("audit");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).as("the postmaster").isEmpty();
        Process next = run(work.resolve("second.log"), "--source=synthetic:20000", "--as-of=2026-11-26");
        assertThat(next.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(next.exitValue()).as(Files.readString(work.resolve("second.log"))).isZero();
        assertThat(Files.readString(work.resolve("second.log"))).contains("Restarting run 1");
    }

    private JdbcClient superuser(String port) throws Exception {
        String password = Credentials.load(work.resolve("db")).orElseThrow().superuser();
        return JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", password));
    }

    private Process run(Path log, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-Daudit.embedded-db.dir=" + work.resolve("db"),
                "-Daudit.reports.dir=" + work.resolve("reports"), "-Daudit.chunk-size=100",
                "-Dlogging.level.org.springframework.batch.core.step.AbstractStep=DEBUG",
                "-cp", System.getProperty("java.class.path"), SecretRotationAuditApplication.class.getName(), "run"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("AUDIT_"));
        return builder.start();
    }

    private static void awaitLine(Process run, Path log, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (run.isAlive() && System.nanoTime() < deadline && !Files.readString(log).contains(line)) {
            Thread.sleep(20);
        }
        assertThat(Files.readString(log)).contains(line);
    }
}
