package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.SecretRotationAuditConfiguration;
import ai.kubiya.secretaudit.run.SecretSources;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Everything a command can check without the database, checked before PostgreSQL starts: YAML syntax, unknown
 * {@code audit.*} keys ({@link UnknownConfigurationKeys}), every configuration record ({@code audit.*},
 * {@code kubiya.*}, and Spring Boot's {@code spring.mail.*}), the policy and the waiver file (the beans marked
 * {@code PreflightBean}) and, for a command that reads the inventory, the source value and the API key it needs.
 * It is a Spring context of its own, without auto-configuration, so that a bad value fails exactly as it would in
 * the application's context, only ~1 s after the JVM starts instead of after the database (5–15 s).
 */
final class Preflight {

    private Preflight() {
    }

    /**
     * The checked configuration, left open for a command that needs no database ({@code validate}); any failure is
     * a {@link ApplicationContexts.ConfigurationError}.
     */
    static ConfigurableApplicationContext start(Map<String, Object> commandProperties, boolean readsSource) {
        ConfigurableApplicationContext context;
        try {
            ApplicationClasses classes = ApplicationClasses.get();
            context = ApplicationContexts.builder(Checks.class, true)
                    .sources(classes.preflightBeans().toArray(Class<?>[]::new))
                    .initializers(new UnknownConfigurationKeys(ConfigurationKeys.of("audit", classes.records())))
                    .run(ApplicationContexts.arguments(commandProperties));
        } catch (RuntimeException e) {
            // it holds configuration only: whatever fails in it is a configuration error
            throw new ApplicationContexts.ConfigurationError(Failures.describe(e), e);
        }
        try {
            if (readsSource) {
                context.getBean(SecretSources.class).check(context.getEnvironment().getProperty("audit.source"));
            }
            return context;
        } catch (IllegalArgumentException e) {
            context.close();
            throw new ApplicationContexts.ConfigurationError(e.getMessage(), e);
        }
    }

    /** Checks and forgets: the command starts the application's context next. */
    static void check(Map<String, Object> commandProperties, boolean readsSource) {
        start(commandProperties, readsSource).close();
    }

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan(basePackageClasses = SecretRotationAuditConfiguration.class)
    @EnableConfigurationProperties(MailProperties.class)
    static class Checks {
    }
}
