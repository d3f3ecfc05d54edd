package ai.kubiya.secretaudit.cli;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Keeps every failed start to the one line the command prints ({@link Failures}: {@code error: …}, with the stack
 * trace under {@code --debug}): without it, Spring Boot logs the failure first, as an "APPLICATION FAILED TO START"
 * report or an "Application run failed" stack trace of ~80 lines. Listed in {@code META-INF/spring.factories}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class ConfigurationFailureReporter implements SpringBootExceptionReporter {

    @Override
    public boolean reportException(Throwable failure) {
        return true; // reported by Failures, which every command's failure reaches
    }
}
