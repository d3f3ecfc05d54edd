package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.SecretRotationAuditConfiguration;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring context for a command, turning a configuration problem into a {@link ConfigurationError}: a
 * value a record refuses, an unknown key under {@code audit} ({@link UnknownConfigurationKeys}, checked before any
 * bean exists), a YAML syntax error ({@link YamlConfigurationLoader}). The command prints it as one line and
 * exits 2 ({@link ConfigurationFailureReporter} keeps Spring Boot from logging it first).
 */
final class ApplicationContexts {

    private ApplicationContexts() {
    }

    static ConfigurableApplicationContext start(Map<String, Object> commandProperties) {
        return start(commandProperties, true);
    }

    /**
     * @param closeOnShutdown whether Spring closes the context itself on SIGTERM; a command that must finish
     *                        work before the context closes (the daemon) passes false and closes it itself
     */
    static ConfigurableApplicationContext start(Map<String, Object> commandProperties, boolean closeOnShutdown) {
        return start(commandProperties, closeOnShutdown, WebApplicationType.NONE);
    }

    /** @param web {@code SERVLET} for the daemon's management port; every other command starts no web server */
    static ConfigurableApplicationContext start(Map<String, Object> commandProperties, boolean closeOnShutdown,
                                                WebApplicationType web) {
        try {
            // as command-line arguments, so that an option outranks application.yml and the environment
            String[] arguments = commandProperties.entrySet().stream()
                    .map(property -> "--" + property.getKey() + "=" + property.getValue())
                    .toArray(String[]::new);
            return new SpringApplicationBuilder(SecretRotationAuditConfiguration.class)
                    .web(web)
                    .logStartupInfo(false)
                    .registerShutdownHook(closeOnShutdown)
                    .initializers(new UnknownConfigurationKeys())
                    .run(arguments);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConfigurationError error) {
                    throw error;
                }
                if (cause instanceof BindException bind) {
                    throw new ConfigurationError(describe(bind), e);
                }
            }
            throw e;
        }
    }

    private static String describe(BindException bind) {
        Throwable root = bind;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String key = bind.getName().toString();
        String why = root == bind ? bind.getMessage() : root.getMessage();
        return "invalid configuration '" + key + "': " + why;
    }

    static final class ConfigurationError extends RuntimeException {
        ConfigurationError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
