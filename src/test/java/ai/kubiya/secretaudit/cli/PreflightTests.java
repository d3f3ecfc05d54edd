package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.policy.Waivers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.ConfigurableApplicationContext;

/** The pre-flight context holds every configuration record, so that no bad value waits for the database. */
class PreflightTests {

    @Test
    void everyConfigurationRecordAndTheWaiversAreBuiltBeforeTheDatabaseStarts() {
        List<Class<?>> records = ApplicationClasses.get().records();

        try (ConfigurableApplicationContext context = Preflight.start(Map.of("audit.source", "synthetic:1"), true)) {
            assertThat(records).as("the records found").hasSizeGreaterThanOrEqualTo(12)
                    .allSatisfy(record -> assertThat(context.getBean(record)).isInstanceOf(record));
            assertThat(context.getBean(MailProperties.class)).as("Spring Boot's spring.mail.*").isNotNull();
            assertThat(context.getBean(Waivers.class).all()).isEmpty();
            assertThat(context.getBeanDefinitionNames()).noneMatch(name -> name.toLowerCase().contains("datasource"));
        }
    }
}
