package ai.kubiya.secretaudit.source.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SourceException;
import ai.kubiya.secretaudit.source.SourceReads;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Large and misbehaving response bodies, from a JDK HTTP server that writes them as it goes (WireMock holds
 * a body in memory and sends its headers late when asked to dribble).
 */
class ControlPlaneStreamingTests {

    static final String API_KEY = "kubiya-test-key-streaming";
    static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");

    HttpServer server;
    final CountDownLatch stop = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // /large/{records}/api/v1/secrets
        server.createContext("/large/", exchange -> generated(exchange,
                Integer.parseInt(exchange.getRequestURI().getPath().split("/")[2])));
        server.createContext("/stalled/api/v1/secrets", this::stalled);
        server.start();
    }

    @AfterEach
    void stopServer() {
        stop.countDown();
        server.stop(0);
    }

    @Test
    void aLargeListIsReadRecordByRecord() {
        // given
        ControlPlaneSecretSource source = source(base() + "/large/200000", Duration.ofSeconds(10));

        // when
        long count = 0;
        String last = null;
        try (SecretCursor cursor = source.open(NOW)) {
            while (cursor.hasNext()) {
                last = cursor.next().name();
                count++;
            }
        }

        // then
        assertThat(count).isEqualTo(200_000);
        assertThat(last).isEqualTo("secret-199999");
    }

    @Test
    void aLargeListFitsInASmallHeap() throws Exception {
        // given: about 230 MB of JSON (a million secrets) for a JVM allowed 32 MB of heap
        String url = base() + "/large/1000000";
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", System.getProperty("java.class.path"), StreamingProbe.class.getName(),
                url));

        // when
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean exited = probe.waitFor(60, TimeUnit.SECONDS);

        // then
        assertThat(exited).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("records=1000000");
    }

    @Test
    void aBodyThatStallsPastTheReadTimeoutFailsTheSource() {
        // given: the headers and the first record at once, then nothing
        ControlPlaneSecretSource source = source(base() + "/stalled", Duration.ofMillis(400));
        long started = System.nanoTime();

        // when / then
        try (SecretCursor cursor = source.open(NOW)) {
            assertThat(cursor.next().name()).isEqualTo("first");
            assertThatThrownBy(cursor::hasNext)
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("the response stalled: no data for more than 400 ms (kubiya.read-timeout)");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static ControlPlaneSecretSource source(String base, Duration readTimeout) {
        ControlPlaneProperties settings = new ControlPlaneProperties(API_KEY, base, Duration.ofSeconds(2), readTimeout,
                1, Duration.ofMillis(10), Duration.ofMillis(10));
        RetryDelays delays = new RetryDelays(settings.initialBackoff(), settings.maxBackoff(), () -> 0.0,
                Clock.fixed(NOW, ZoneOffset.UTC));
        ControlPlaneClient client = new ControlPlaneClient(settings, "test", delays, duration -> { }, new SourceReads());
        return new ControlPlaneSecretSource(client, null);
    }

    private static void generated(HttpExchange exchange, int records) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024)) {
            out.write('[');
            for (int i = 0; i < records; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(("{\"name\":\"secret-" + i + "\",\"type\":\"token\",\"scope\":\"org\",\"integration\":\"github\","
                        + "\"created_by\":\"owner" + (i % 100) + "@acme.example\",\"created_at\":\"2026-01-01T00:00:00Z\","
                        + "\"last_used\":\"2026-11-01T00:00:00Z\",\"description\":\"generated for the streaming test\"}")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            out.write(']');
        }
    }

    private void stalled(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write("[{\"name\": \"first\"},".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        try {
            stop.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.close();
    }
}
