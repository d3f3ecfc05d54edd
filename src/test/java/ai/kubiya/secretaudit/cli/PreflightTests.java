package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.policy.Waivers;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.ConfigurableApplicationContext;

/** The pre-flight context holds every configuration record, so that no bad value waits for the database. */
class PreflightTests {

    /**
     * Written out, not taken from the class-path scan the pre-flight itself uses: a record the scan misses, or one
     * of Spring Boot's the application sets keys of, fails here. A new record's prefix is added here.
     */
    static final List<String> PREFIXES = List.of("audit", "audit.certificates", "audit.embedded-db", "audit.guard",
            "audit.mail", "audit.policy", "audit.progress", "audit.reports", "audit.retention", "audit.run",
            "audit.schedule", "audit.waivers", "kubiya",
            "spring.mail", "management.prometheus.metrics.export", "management.server", "server");

    @Test
    void everyConfigurationRecordAndTheWaiversAreBuiltBeforeTheDatabaseStarts() {
        try (ConfigurableApplicationContext context = Preflight.start(Map.of("audit.source", "synthetic:1"), true)) {
            List<String> bound = Arrays.stream(context.getBeanDefinitionNames())
                    .map(name -> context.getType(name).getAnnotation(ConfigurationProperties.class))
                    .filter(annotation -> annotation != null)
                    .map(annotation -> annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix())
                    .toList();

            assertThat(bound).as("the prefixes of the records built").containsAll(PREFIXES).doesNotHaveDuplicates();
            assertThat(context.getBean(Waivers.class).all()).isEmpty();
            assertThat(context.getBeanDefinitionNames()).noneMatch(name -> name.toLowerCase().contains("datasource"));
        }
    }

    @Test
    void smtpWithTheDefaultSenderAtLocalhostStopsTheCommandBeforeTheDatabaseStarts() {
        assertThatThrownBy(() -> Preflight.check(Map.of("spring.mail.host", "smtp.acme.example"), false))
                .isInstanceOf(ApplicationContexts.ConfigurationError.class)
                .hasMessageStartingWith("audit.mail.from is 'secret-audit@localhost', an address at localhost");
    }

    @Test
    void theRecordsAreBoundFromTheEnvironmentNotCreatedEmpty() {
        try (ConfigurableApplicationContext context = Preflight.start(Map.of("audit.source", "synthetic:1",
                "management.server.port", "9191"), true)) {
            assertThat(context.getBean(ManagementServerProperties.class).getPort()).isEqualTo(9191);
            assertThat(context.getBean(ServerProperties.class).getPort()).as("application.yml's").isEqualTo(-1);
        }
    }
}
