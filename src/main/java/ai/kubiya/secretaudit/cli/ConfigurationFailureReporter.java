package ai.kubiya.secretaudit.cli;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Keeps a configuration error to the one line the command prints ({@code error: …}, exit code 2): without it,
 * Spring Boot logs it first, as a stack trace or an "APPLICATION FAILED TO START" report. Other failures are left
 * to Spring Boot's reporters. Listed in {@code META-INF/spring.factories}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class ConfigurationFailureReporter implements SpringBootExceptionReporter {

    @Override
    public boolean reportException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApplicationContexts.ConfigurationError || cause instanceof BindException) {
                return true; // reported by AuditCommandLine
            }
        }
        return false;
    }
}
