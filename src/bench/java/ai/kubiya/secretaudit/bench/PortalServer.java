package ai.kubiya.secretaudit.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -Xmx512m -jar secret-rotation-audit.jar serve} in a child JVM, on loopback, against the shared
 * PostgreSQL server and the bench's OpenID Connect provider; the keys come from the environment, as docs/portal.md
 * tells an operator to pass them. Stopped with SIGTERM, as an operator stops it.
 */
final class PortalServer implements AutoCloseable {

    static final String CLIENT_ID = "audit-portal";
    static final String AUDITOR_GROUP = "security-auditors";

    private final Process process;
    final String base;

    private PortalServer(Process process, int port) {
        this.process = process;
        this.base = "http://localhost:" + port;
    }

    /**
     * {@code niceness} above 0 starts it under {@code nice -n}: a smaller CPU weight than the job's, as a Kubernetes
     * CPU request smaller than the job's gives it (both are the scheduler's weights;
     * docs/portal.md#beside-run-on-one-host-give-the-job-the-cpu).
     */
    static PortalServer start(Path jar, String maxHeap, String jdbcUrl, String issuer, Path work, int niceness)
            throws IOException, InterruptedException {
        int port = PipelineBenchmark.freePort();
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        List<String> command = new ArrayList<>();
        if (niceness > 0) {
            command.addAll(List.of("nice", "-n", Integer.toString(niceness)));
        }
        command.addAll(List.of(java(), "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + tmp));
        String jvmOptions = System.getProperty("bench.portal.jvm-options", "");
        if (!jvmOptions.isBlank()) {
            command.addAll(List.of(jvmOptions.trim().split("\\s+"))); // e.g. a flight recording while profiling
        }
        command.addAll(List.of("-jar", jar.toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(work.resolve("portal.log").toFile());
        Map<String, String> environment = builder.environment();
        database(environment, jdbcUrl);
        environment.put("AUDIT_PORTAL_PORT", Integer.toString(port));
        environment.put("SERVER_ADDRESS", "127.0.0.1"); // loopback only
        environment.put("AUDIT_PORTAL_AUDITORGROUPS", AUDITOR_GROUP);
        environment.put("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_AUDIT_CLIENTID", CLIENT_ID);
        environment.put("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_AUDIT_CLIENTSECRET", "bench-portal-secret");
        environment.put("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_AUDIT_ISSUERURI", issuer);
        PortalServer server = new PortalServer(builder.start(), port);
        server.awaitHealthy(work.resolve("portal.log"));
        return server;
    }

    /** The shared server as both child JVMs see it: superuser {@code postgres}, trusted on loopback (zonky's default). */
    static void database(Map<String, String> environment, String jdbcUrl) {
        environment.put("SPRING_DATASOURCE_URL", jdbcUrl);
        environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
        environment.put("SPRING_DATASOURCE_PASSWORD", "");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitHealthy(Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("serve exited " + process.exitValue() + ": see " + log);
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("serve did not become healthy within 120 s: see " + log);
    }

    /** CPU time the portal's JVM has used so far (PostgreSQL's share of its queries not included). */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(Double.NaN);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: serve exits 0
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
