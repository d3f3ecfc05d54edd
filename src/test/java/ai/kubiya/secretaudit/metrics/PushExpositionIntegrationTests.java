package ai.kubiya.secretaudit.metrics;

import static ai.kubiya.secretaudit.support.SecretBuilder.okSecretAsOf;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRun.RunStatus;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.support.Exposition;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.TestDatabases;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.export.prometheus.PrometheusPushGatewayManager;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a run sends a Pushgateway, as it goes over the wire: an HTTP server in the test records each request and
 * parses its body in the text exposition format ({@code format=text}), so the labels can be checked one by one.
 */
@SpringBootTest(properties = {"management.prometheus.metrics.export.enabled=true",
        "management.prometheus.metrics.export.pushgateway.enabled=true",
        "management.prometheus.metrics.export.pushgateway.format=text"})
class PushExpositionIntegrationTests {

    record Push(String method, String path, String contentType, String body) {
    }

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final Set<String> LABELS = Set.of("type", "status", "rule", "integration", "kind", "state", "step",
            "stage");
    private static final List<Push> PUSHES = new CopyOnWriteArrayList<>();
    private static final HttpServer GATEWAY;
    private static volatile int answer = 200;
    /** The pushes made while the context started, before any test ran; null until the first test. */
    private static Integer pushesAtStart;
    static final Path WORK;

    static {
        try {
            GATEWAY = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            GATEWAY.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                PUSHES.add(new Push(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
                exchange.sendResponseHeaders(answer, -1);
                exchange.close();
            });
            GATEWAY.start();
            WORK = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "push-exposition");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
        registry.add("audit.reports.dir", () -> WORK.resolve("reports").toString());
        registry.add("management.prometheus.metrics.export.pushgateway.address",
                () -> "127.0.0.1:" + GATEWAY.getAddress().getPort());
    }

    @AfterAll
    static void stopGateway() {
        GATEWAY.stop(0);
    }

    @Autowired
    AuditRunLauncher launcher;

    @BeforeEach
    void forgetEarlierPushes() {
        if (pushesAtStart == null) {
            pushesAtStart = PUSHES.size();
        }
        PUSHES.clear();
        answer = 200;
    }

    @Test
    void startingTheApplicationPushesNothingSoValidateRunsAndExportNeverDo(@Autowired ApplicationContext context)
            throws InterruptedException {
        // Boot's own manager would push on a timer from start-up (at once, then every minute): it is not there
        assertThat(context.getBeanNamesForType(PrometheusPushGatewayManager.class)).isEmpty();
        Thread.sleep(500);
        assertThat(pushesAtStart).isZero();
        assertThat(PUSHES).isEmpty();
    }

    @Test
    void aRunPutsTheTextFormatIntoTheGroupOfJobAndSourceWithBoundedLabelsOnly() throws Exception {
        // given: 120 overdue tokens of 60 integrations, each with its own name and owner
        Inventory inventory = new Inventory(NOW);
        for (int i = 0; i < 120; i++) {
            inventory.add(okSecretAsOf(NOW).name("token-named-" + i).type("token").integration("integration-" + i % 60)
                    .createdBy("owner" + i + "@bounded.example").createdAt(NOW.minus(Duration.ofDays(61 + i))));
        }
        String source = "file:" + inventory.writeTo(WORK.resolve("bounded.json"));

        // when
        AuditRun run = launcher.launch(NOW, source, false);

        // then: one PUT (the group holds this run only) to /metrics/job/<job>/source@base64/<source>
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(PUSHES).hasSize(1);
        Push push = PUSHES.get(0);
        assertThat(push.method()).isEqualTo("PUT");
        assertThat(push.path()).startsWith("/metrics/job/secret-rotation-audit/source@base64/");
        assertThat(new String(Base64.getUrlDecoder().decode(push.path().substring(push.path().lastIndexOf('/') + 1)),
                StandardCharsets.UTF_8)).isEqualTo(source);
        assertThat(push.contentType()).startsWith("text/plain; version=0.0.4");

        // and: it parses; every series of ours has only bounded labels, the integrations capped at 50 and 'other'
        Exposition pushed = Exposition.parse(push.body());
        assertThat(pushed.names()).as("the run's gauges only, no JVM metrics").isNotEmpty()
                .allSatisfy(name -> assertThat(name).startsWith("secret_audit_"));
        List<Exposition.Sample> ours = pushed.names().stream().filter(name -> name.startsWith("secret_audit_"))
                .flatMap(name -> pushed.samples(name).stream()).toList();
        assertThat(ours).isNotEmpty().allSatisfy(sample -> assertThat(LABELS).containsAll(sample.labels().keySet()));
        Set<String> integrations = new HashSet<>();
        pushed.samples("secret_audit_findings").forEach(sample -> integrations.add(sample.labels().get("integration")));
        assertThat(integrations).hasSize(LabelValues.MAX_VALUES + 1).contains(LabelValues.OTHER);
        assertThat(pushed.samples("secret_audit_findings").stream().mapToDouble(Exposition.Sample::value).sum())
                .isEqualTo(run.findings());
        assertThat(push.body()).doesNotContain("token-named-").doesNotContain("bounded.example");
    }

    @Test
    void aDryRunPushesNothing() {
        String source = "file:" + new Inventory(NOW).generated(20, "dry.example").writeTo(WORK.resolve("dry.json"));

        AuditRun run = launcherLaunch(source, true);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(PUSHES).isEmpty();
    }

    @Test
    void aPushgatewayThatRefusesThePushDoesNotFailTheRun() {
        answer = 503;
        String source = "file:" + new Inventory(NOW).generated(20, "down.example").writeTo(WORK.resolve("down.json"));

        AuditRun run = launcherLaunch(source, false);

        assertThat(PUSHES).hasSize(1);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.failure()).isNull();
    }

    private AuditRun launcherLaunch(String source, boolean dryRun) {
        try {
            return launcher.launch(NOW, source, dryRun);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
