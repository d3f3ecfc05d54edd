package ai.kubiya.secretaudit.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Metrics pushed to a Pushgateway that is down (docs/metrics.md#pushing-to-a-pushgateway): nothing listening
 * ({@code refused}), a server that resets every connection ({@code reset}) or one that accepts and never answers
 * ({@code hung}, the client's 10 s read timeout). Each run must complete (exit 0) and say so once: one
 * {@code not published} line, no stack trace. The CI mode tries one of the three, picked by the seed.
 */
final class PushgatewayChaos {

    private static final List<String> VARIANTS = List.of("refused", "reset", "hung");

    private final ChaosSuite suite;

    PushgatewayChaos(ChaosSuite suite) {
        this.suite = suite;
    }

    void down() throws Exception {
        List<String> variants = suite.mode.name().equals("ci")
                ? List.of(VARIANTS.get(suite.random.nextInt(VARIANTS.size()))) : VARIANTS;
        for (String variant : variants) {
            Path dir = suite.work.resolve("pushgateway").resolve(variant);
            try (Gateway gateway = new Gateway(variant)) {
                long start = System.nanoTime();
                Path log = dir.resolve("run.log");
                Process run = suite.child.start(dir.resolve("db"), dir.resolve("reports"), null, log, List.of(
                                "management.prometheus.metrics.export.pushgateway.enabled=true",
                                "management.prometheus.metrics.export.pushgateway.address=127.0.0.1:" + gateway.port()),
                        Map.of(), "--source=synthetic:500", "--as-of=" + ChaosSuite.AS_OF);
                int exit = ChaosSuite.await(run, 300);
                double seconds = (System.nanoTime() - start) / 1e9;
                List<String> lines = Files.readAllLines(log);
                List<String> said = lines.stream().filter(line -> line.contains("not published")).toList();
                long traces = lines.stream().filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by"))
                        .count();
                boolean completed = lines.stream().anyMatch(line -> line.matches("Run \\d+ COMPLETED .*"));
                suite.figure("pushgateway", variant + ": exit / run time / connections / lines saying so / stack"
                        + " trace lines", exit + " / " + String.format(java.util.Locale.ROOT, "%.1f s", seconds) + " / "
                        + gateway.connections + " / " + said.size() + " / " + traces);
                suite.figure("pushgateway", variant + ": the line", said.isEmpty() ? "(none)" : said.get(0).strip());
                suite.check(exit == 0 && completed, "pushgateway: " + variant + ": the run exited " + exit
                        + " (see " + log + ")");
                suite.check(said.size() == 1, "pushgateway: " + variant + ": " + said.size()
                        + " lines say the metrics were not published, expected 1");
                suite.check(traces == 0, "pushgateway: " + variant + ": a stack trace in the log");
                suite.check(variant.equals("refused") || gateway.connections > 0, "pushgateway: " + variant
                        + ": the run never tried to push");
            }
        }
    }

    /** A Pushgateway that is down in one of three ways. */
    private static final class Gateway implements AutoCloseable {

        private final ServerSocket server;
        private final int port;
        private final List<Socket> held = new ArrayList<>();
        volatile int connections;

        Gateway(String variant) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            port = server.getLocalPort();
            if (variant.equals("refused")) {
                server.close(); // nothing listens on the port any more
                return;
            }
            Thread acceptor = new Thread(() -> accept(variant.equals("reset")), "chaos-pushgateway");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return port;
        }

        private void accept(boolean reset) {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections++;
                    if (reset) {
                        socket.setSoLinger(true, 0); // close with RST
                        socket.close();
                    } else {
                        held.add(socket); // hung: never a byte back
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
