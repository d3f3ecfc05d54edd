package ai.kubiya.secretaudit.metrics;

import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Pushes the application's Prometheus registry to a Pushgateway, from Spring Boot's own keys
 * ({@code management.prometheus.metrics.export.pushgateway.*}), into the group of job and source: a {@code PUT} of
 * the run's gauges, so the group holds exactly the last run's series. Boot's timer that would push from every
 * command is switched off ({@link MetricsConfiguration}); {@code push-rate} and {@code shutdown-operation} therefore
 * have no effect. The client gives up after 10 s to connect and 10 s to answer, so a hung Pushgateway delays the
 * end of a run by 20 s at most.
 */
@Component
class MetricsPush {

    private static final String PREFIX = "management.prometheus.metrics.export.pushgateway";
    private static final Logger log = LoggerFactory.getLogger(MetricsPush.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PrometheusProperties.Pushgateway settings;
    private final ObjectProvider<PrometheusRegistry> registry;
    private final String job;

    MetricsPush(Environment environment, ObjectProvider<PrometheusRegistry> registry) {
        this.settings = Binder.get(environment).bind(PREFIX, PrometheusProperties.Pushgateway.class)
                .orElseGet(PrometheusProperties.Pushgateway::new);
        this.registry = registry;
        this.job = StringUtils.hasText(settings.getJob()) ? settings.getJob()
                : environment.getProperty("spring.application.name", "secret-rotation-audit");
    }

    boolean enabled() {
        return settings.isEnabled();
    }

    /**
     * Only the run's gauges: a Pushgateway keeps what it is given until the next push, so the JVM and pool metrics
     * of a pod that exited a minute later would be kept as if current (and its {@code process_*} series clash with
     * the Pushgateway's own). The daemon serves those on {@code /actuator/prometheus}.
     */
    private static PrometheusRegistry ofTheRun(PrometheusRegistry all) {
        PrometheusRegistry run = new PrometheusRegistry();
        run.register((MultiCollector) () -> all.scrape(name -> name.startsWith(MetricNames.PROMETHEUS_PREFIX)));
        return run;
    }

    /** @throws IOException when the Pushgateway cannot be reached or refuses the push */
    void push(String source) throws IOException {
        PrometheusRegistry prometheus = registry.getIfAvailable();
        if (prometheus == null) {
            log.warn("Metrics not pushed: {}.enabled is true but the Prometheus registry is off"
                    + " (management.prometheus.metrics.export.enabled=false)", PREFIX);
            return;
        }
        PushGateway.Builder builder = PushGateway.builder()
                .address(settings.getAddress())
                .scheme(settings.getScheme() == PrometheusProperties.Pushgateway.Scheme.HTTPS ? Scheme.HTTPS : Scheme.HTTP)
                .format(settings.getFormat() == PrometheusProperties.Pushgateway.Format.TEXT ? Format.PROMETHEUS_TEXT
                        : Format.PROMETHEUS_PROTOBUF)
                .job(job)
                .connectionTimeout(TIMEOUT)
                .readTimeout(TIMEOUT)
                .registry(ofTheRun(prometheus));
        if (StringUtils.hasText(settings.getToken())) {
            builder.bearerToken(settings.getToken());
        } else if (StringUtils.hasText(settings.getUsername())) {
            builder.basicAuth(settings.getUsername(), settings.getPassword());
        }
        settings.getGroupingKey().forEach(builder::groupingKey);
        builder.groupingKey("source", source);
        builder.build().push();
        log.info("Metrics pushed to the Pushgateway at {} (job {}, source {})", settings.getAddress(), job, source);
    }
}
