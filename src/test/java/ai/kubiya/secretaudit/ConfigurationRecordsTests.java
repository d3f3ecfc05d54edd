package ai.kubiya.secretaudit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code @ConfigurationProperties} record, bound as the application binds it (application.yml, then one
 * bad value): each checks itself in its constructor and stops start-up with one message that names the full key
 * and the value it refused. One way to validate (no Bean Validation), one record per prefix.
 */
class ConfigurationRecordsTests {

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(AllRecords.class);

    @Test
    void theDefaultsOfApplicationYamlBindToEveryRecord() {
        application.run(context -> assertThat(context).hasNotFailed());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "audit.source=                           | audit.source must be control-plane, file:PATH or synthetic[:N] (was empty)",
        "audit.chunk-size=0                      | audit.chunk-size must be at least 1 (was 0)",
        "audit.policy.warning-days=-3            | audit.policy.warning-days must be a whole number of days, 0 or more (was -3)",
        "audit.waivers.max-days=0                | audit.waivers.max-days must be a whole number of days, 1 or more (was 0)",
        "audit.retention.days=-1                 | audit.retention.days must be a whole number of days, 1 or more (was -1)",
        "audit.guard.max-shrink-percent=101      | audit.guard.max-shrink-percent must be between 0 and 100 (was 101)",
        "audit.run.stop-timeout=0s               | audit.run.stop-timeout must be a positive duration (was 0s)",
        "audit.reports.dir=                      | audit.reports.dir must be a folder (was not set)",
        "audit.schedule.cron=                    | audit.schedule.cron must be a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year], e.g. 0 0 2 * * ?) (was empty)",
        "audit.schedule.cron=every night         | audit.schedule.cron: 'every night' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year], e.g. 0 0 2 * * ?)",
        "audit.mail.from=                        | audit.mail.from must be an email address (was empty)",
        "audit.mail.max-attempts=0               | audit.mail.max-attempts must be at least 1 (was 0)",
        "audit.mail.remind-every=                | audit.mail.remind-every must be a duration, e.g. 7d (was not set)",
        "audit.mail.escalate-after=              | audit.mail.escalate-after must be a duration, e.g. 14d (was not set)",
        "audit.mail.auditor-attachment-max-size= | audit.mail.auditor-attachment-max-size must be a size, e.g. 20MB (was not set)",
        "audit.slack.base-url=http://slack.example/api/ | audit.slack.base-url must use https (http only to a loopback host: the bot token travels with every request)",
        "audit.slack.base-url=ftp://slack.com/api/ | audit.slack.base-url must be an https URL such as https://slack.com/api/",
        "audit.slack.channel=general             | audit.slack.channel must be a channel name (#name) or ID (C0123…) (was 'general')",
        "audit.slack.max-retry-after=0s          | audit.slack.max-retry-after must be a positive duration (was 0s)",
        "audit.evidence.signing-key=c2VjcmV0LTQy | audit.evidence.signing-key is not an Ed25519 private key (PKCS#8, as PEM or base64) (its value is not shown)",
        "kubiya.max-attempts=0                   | kubiya.max-attempts must be at least 1 (was 0)",
        "kubiya.read-timeout=0s                  | kubiya.read-timeout must be a positive duration (was 0s)",
        "kubiya.connect-timeout=-1500ms          | kubiya.connect-timeout must be a positive duration (was -1.5s)"})
    void aBadValueStopsStartUpWithOneMessageNamingTheKeyAndTheValue(String property, String message) {
        application.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessage(message);
        });
    }

    @Test
    void everyRecordHasAPrefixOfItsOwn() {
        List<String> prefixes = new ArrayList<>();
        records().forEach(type -> prefixes.add(prefix(type)));

        assertThat(prefixes).contains("audit", "audit.policy", "audit.mail", "audit.guard", "kubiya")
                .doesNotHaveDuplicates();
    }

    @Test
    void noRecordAsksForBeanValidation() {
        assertThat(records()).noneMatch(type -> type.isAnnotationPresent(Validated.class));
    }

    private static List<Class<?>> records() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> records = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(AllRecords.class.getPackageName())) {
            try {
                records.add(Class.forName(candidate.getBeanClassName()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return records;
    }

    private static String prefix(Class<?> type) {
        ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
        return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
    }

    /** Binds every record of the application, and nothing else: no database, no job. */
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan
    static class AllRecords {
    }
}
