package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.SecretRotationAuditConfiguration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring context of a command, after the {@link Preflight} has checked everything that needs no
 * database. A failure is left to {@link Failures}, the one place that turns it into a line and an exit code.
 */
final class ApplicationContexts {

    /**
     * Spring logs a failed start at WARN ("Exception encountered during context initialization") before the
     * command prints it, under the name of the context's class: the commands' context, and the daemon's (a web
     * application, whose management port is a child context of the same class); the command's {@code error:}
     * line says it once ({@code --debug} adds the stack trace).
     */
    private static final List<String> REFRESH_LOGGERS = List.of(
            "org.springframework.context.annotation.AnnotationConfigApplicationContext",
            "org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext");

    private ApplicationContexts() {
    }

    /** For a command that uses the database only ({@code runs}, {@code export}). */
    static ConfigurableApplicationContext start(Map<String, Object> commandProperties) {
        Preflight.check(commandProperties, false);
        return builder(SecretRotationAuditConfiguration.class, true).run(arguments(commandProperties));
    }

    /**
     * For a command that also reads the inventory ({@code run}, {@code daemon}): the source value is checked before
     * the database starts.
     *
     * @param closeOnShutdown whether Spring closes the context itself on SIGTERM; a command that must finish
     *                        work before the context closes passes false and closes it itself
     */
    static ConfigurableApplicationContext startReadingSource(Map<String, Object> commandProperties,
            boolean closeOnShutdown) {
        return startReadingSource(commandProperties, closeOnShutdown, WebApplicationType.NONE);
    }

    /**
     * @param web       {@code SERVLET} for the daemon's management port; every other command starts no web server
     * @param listeners told of the preflight's start and the application's from their first events (EarlyRunSession)
     */
    static ConfigurableApplicationContext startReadingSource(Map<String, Object> commandProperties,
            boolean closeOnShutdown, WebApplicationType web, ApplicationListener<?>... listeners) {
        Preflight.check(commandProperties, true, listeners);
        return builder(SecretRotationAuditConfiguration.class, closeOnShutdown).web(web).listeners(listeners)
                .run(arguments(commandProperties));
    }

    static SpringApplicationBuilder builder(Class<?> configuration, boolean closeOnShutdown) {
        return new SpringApplicationBuilder(configuration)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .registerShutdownHook(closeOnShutdown)
                .properties(REFRESH_LOGGERS.stream().map(logger -> "logging.level." + logger + "=ERROR")
                        .toArray(String[]::new));
    }

    /** As command-line arguments, so that an option outranks application.yml and the environment. */
    static String[] arguments(Map<String, Object> commandProperties) {
        return commandProperties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
    }

    /** A configuration problem, already worded for the {@code error:} line (exit code 2). */
    static final class ConfigurationError extends RuntimeException {
        ConfigurationError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
