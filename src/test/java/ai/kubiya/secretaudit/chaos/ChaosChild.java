package ai.kubiya.secretaudit.chaos;

import ai.kubiya.secretaudit.SecretRotationAuditApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The application in a JVM of its own, the way an operator starts it: {@code java -jar} of the packaged jar
 * (or, inside {@code mvn verify}, where the jar is packaged only after the tests, the same main class on the
 * build's class path), with its embedded PostgreSQL data and its reports in directories of its own.
 */
record ChaosChild(Path jar, boolean quickStart) {

    Process start(Path dbDir, Path reportsDir, Integer smtpPort, Path log, List<String> properties,
            Map<String, String> environment, String... arguments) throws IOException {
        return command("run", dbDir, reportsDir, smtpPort, log, properties, environment, arguments);
    }

    /** Another command than {@code run} ({@code verify}, {@code serve}, …), on the same data and reports. */
    Process command(String name, Path dbDir, Path reportsDir, Integer smtpPort, Path log, List<String> properties,
            Map<String, String> environment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        if (quickStart) {
            command.add("-XX:TieredStopAtLevel=1"); // a short run starts faster this way
        }
        command.add("-Daudit.embedded-db.dir=" + dbDir);
        command.add("-Daudit.reports.dir=" + reportsDir);
        if (smtpPort != null) {
            command.add("-Dspring.mail.host=127.0.0.1");
            command.add("-Dspring.mail.port=" + smtpPort);
            command.add("-Daudit.mail.from=secret-audit@acme.example"); // SMTP refuses the default at localhost
        }
        properties.forEach(property -> command.add("-D" + property));
        if (jar != null) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    SecretRotationAuditApplication.class.getName()));
        }
        command.add(name);
        command.addAll(List.of(arguments));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("AUDIT_")
                || key.startsWith("KUBIYA_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    String describe() {
        return jar != null ? "java -jar " + jar : "java -cp <build class path> " + SecretRotationAuditApplication.class.getSimpleName();
    }
}
