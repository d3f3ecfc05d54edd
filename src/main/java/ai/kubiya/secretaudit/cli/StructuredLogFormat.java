package ai.kubiya.secretaudit.cli;

import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code logging.structured.format.console} is read by Spring Boot's logging system before any context exists: an
 * unknown value there makes Spring Boot print its own stack trace to stderr. Checked first, from where an operator
 * sets it (the environment, a system property), so that the value is one line like every other configuration error.
 */
final class StructuredLogFormat {

    static final String KEY = "logging.structured.format.console";
    private static final Set<String> COMMON_FORMATS = Set.of("ecs", "gelf", "logstash");

    private StructuredLogFormat() {
    }

    static void check() {
        check(System::getenv, System::getProperty);
    }

    /** @throws ApplicationContexts.ConfigurationError when the value is neither a common format nor a class */
    static void check(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        String value = systemProperties.apply(KEY);
        if (value == null) {
            value = environment.apply(KEY.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        if (value == null || value.isBlank() || COMMON_FORMATS.contains(value.strip().toLowerCase(Locale.ROOT))
                || isClass(value.strip())) {
            return;
        }
        // the value is not quoted: it is whatever was typed into an environment variable
        throw new ApplicationContexts.ConfigurationError("invalid configuration '" + KEY
                + "' (LOGGING_STRUCTURED_FORMAT_CONSOLE): not one of ecs, gelf, logstash or a formatter class", null);
    }

    private static boolean isClass(String name) {
        try {
            Class.forName(name, false, StructuredLogFormat.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
