package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.EnvironmentOnlyKeys;
import ai.kubiya.secretaudit.run.SecretSources;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Everything a command can check without the database, checked before PostgreSQL starts: YAML syntax, unknown
 * {@code audit.*} keys ({@link UnknownConfigurationKeys}), every configuration record ({@code audit.*},
 * {@code kubiya.*}, and the Spring Boot keys the application sets: {@code spring.mail.*}, the Pushgateway's
 * {@code management.prometheus.metrics.export.*}, {@code management.server.*} and {@code server.*}), the policy and the waiver file (the beans marked
 * {@code PreflightBean}), that the Slack bot token and the evidence signing key come from the environment only and,
 * for a command that reads the inventory, the source value and the API key it needs.
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
    static ConfigurableApplicationContext start(Map<String, Object> commandProperties, boolean readsSource,
                                                ApplicationListener<?>... listeners) {
        StructuredLogFormat.check();
        ConfigurableApplicationContext context;
        try {
            ApplicationClasses classes = ApplicationClasses.get();
            // closed by the command, never by Spring's shutdown hook: registering it there would also stop the
            // logging at SIGTERM, while the run's context (which `run` and `daemon` close themselves) still logs
            context = ApplicationContexts.builder(Checks.class, false)
                    .sources(classes.preflightBeans().toArray(Class<?>[]::new))
                    .initializers(new UnknownConfigurationKeys(ConfigurationKeys.of("audit", classes.records())),
                            environmentOnlyKeys(), new BoundRecords(classes.records()))
                    .listeners(listeners)
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

    /** Before the records are bound: a credential from a file is refused for where it is, whatever its value. */
    private static ApplicationContextInitializer<ConfigurableApplicationContext> environmentOnlyKeys() {
        return context -> EnvironmentOnlyKeys.check(context.getEnvironment());
    }

    /** Checks and forgets: the command starts the application's context next. */
    static void check(Map<String, Object> commandProperties, boolean readsSource, ApplicationListener<?>... listeners) {
        start(commandProperties, readsSource, listeners).close();
    }

    /** The context's configuration: beside the records and the {@code PreflightBean}s, only what they read. */
    @Configuration(proxyBeanMethods = false)
    static class Checks {

        /** The version {@code validate} sends to the Control Plane in its User-Agent, as the application's does. */
        @Bean
        BuildProperties buildProperties() throws IOException {
            return BuildVersion.buildProperties();
        }
    }

    /**
     * Every configuration record as a bean, bound as Spring Boot binds it, from the classes already scanned (a
     * second scan, {@code @ConfigurationPropertiesScan}, cost ~0.2 s more), and Spring Boot's own records of the
     * keys the application sets.
     */
    private record BoundRecords(List<Class<?>> records)
            implements ApplicationContextInitializer<GenericApplicationContext> {

        /**
         * Spring Boot's records whose keys the application's configuration sets: without them here, a bad value
         * (a Pushgateway {@code enabled=maybe}, a management port {@code abc}) waited for PostgreSQL's start, 6 s,
         * and the port came out as Spring's "Error processing condition on …", exit 1.
         */
        static final List<Class<?>> SPRING_BOOTS = List.of(MailProperties.class, PrometheusProperties.class,
                ManagementServerProperties.class, ServerProperties.class);

        @Override
        public void initialize(GenericApplicationContext context) {
            Binder binder = Binder.get(context.getEnvironment());
            for (Class<?> type : records) {
                register(context, binder, type, prefix(type));
            }
            SPRING_BOOTS.forEach(type -> register(context, binder, type, prefix(type)));
        }

        static String prefix(Class<?> type) {
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
        }

        private static <T> void register(GenericApplicationContext context, Binder binder, Class<T> type,
                String prefix) {
            // named in full: notify's MailProperties and Spring Boot's share the short name
            context.registerBean(type.getName(), type, () -> binder.bindOrCreate(prefix, type));
        }
    }
}
