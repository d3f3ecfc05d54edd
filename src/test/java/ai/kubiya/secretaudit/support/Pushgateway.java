package ai.kubiya.secretaudit.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus Pushgateway (Debian's {@code prometheus-pushgateway}, which {@code .ci/run} installs) on a free
 * loopback port, keeping what it is pushed in memory only (an empty {@code --persistence.file}). Where it cannot be
 * started the test is skipped, except under {@code CI=true}, where it fails: CI must not pass by not testing.
 */
public final class Pushgateway implements AutoCloseable {

    private static final List<Path> BINARIES = List.of(Path.of("/usr/bin/prometheus-pushgateway"),
            Path.of("/usr/local/bin/pushgateway"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;

    private Pushgateway(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Pushgateway start() {
        Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            return unavailable("no Pushgateway binary at " + BINARIES + " (apt-get install prometheus-pushgateway)");
        }
        try {
            int port = freePort();
            // Debian's build persists to /var/lib/prometheus/pushgateway.data unless told otherwise: empty keeps it
            // in memory, so that no run of the tests sees another's groups
            Process process = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + port,
                    "--persistence.file=")
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of(System.getProperty("java.io.tmpdir"), "pushgateway-" + port + ".log").toFile())
                    .start();
            Pushgateway gateway = new Pushgateway(process, port);
            gateway.awaitReady();
            return gateway;
        } catch (IOException e) {
            return unavailable("the Pushgateway did not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted while the Pushgateway started");
        }
    }

    /** {@code host:port}, as {@code management.prometheus.metrics.export.pushgateway.address} takes it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Everything it holds, every group, as Prometheus would scrape it. */
    public Exposition metrics() throws IOException, InterruptedException {
        return Exposition.parse(get("/metrics"));
    }

    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        Assertions.assertEquals(200, response.statusCode(), "GET " + path);
        return response.body();
    }

    @Override
    public void close() {
        process.destroy();
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("it exited with code " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://" + address() + "/-/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        process.destroy();
        throw new IOException("it was not ready within 10 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Pushgateway unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why);
        }
        Assumptions.abort(why);
        return null;
    }
}
