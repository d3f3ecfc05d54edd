package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.DatabaseBusyException;
import ai.kubiya.secretaudit.InvalidConfigurationException;
import java.io.PrintWriter;
import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationContextException;
import org.springframework.core.convert.ConversionFailedException;
import picocli.CommandLine;

/**
 * The one place where a failure of a command, at start-up or later, becomes what the user sees: one line
 * {@code error: …} on stderr and an exit code of docs/commands.md#exit-codes — 3 when another run holds the
 * database, 2 for a configuration or usage error, 1 for anything else. The stack trace only with {@code --debug}:
 * Spring Boot's own report of a failed start is kept quiet ({@link ConfigurationFailureReporter}).
 */
final class Failures {

    private Failures() {
    }

    static int report(Throwable failure, PrintWriter err, boolean debug) {
        err.println("error: " + describe(failure));
        if (debug) {
            failure.printStackTrace(err);
        }
        err.flush();
        return exitCode(failure);
    }

    static int exitCode(Throwable failure) {
        if (find(failure, DatabaseBusyException.class) != null) {
            return ExitCodes.RUN_IN_PROGRESS;
        }
        boolean configuration = find(failure, ApplicationContexts.ConfigurationError.class) != null
                || find(failure, InvalidConfigurationException.class) != null
                || find(failure, BindException.class) != null
                || find(failure, PortInUseException.class) != null
                || find(failure, CommandLine.ParameterException.class) != null;
        // a command's own check of its options throws IllegalArgumentException (ExportCommand.runId, say)
        return configuration || failure instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILED;
    }

    /**
     * What went wrong, in one line: the message that names it (a key, a file and entry, a data folder), not the
     * Spring wrapper's "Error creating bean with name …" around it.
     */
    static String describe(Throwable failure) {
        for (Class<? extends Throwable> worded : List.of(DatabaseBusyException.class,
                ApplicationContexts.ConfigurationError.class, InvalidConfigurationException.class)) {
            Throwable found = find(failure, worded);
            if (found != null && found.getMessage() != null) {
                return oneLine(found.getMessage());
            }
        }
        BindException bind = find(failure, BindException.class);
        if (bind != null) {
            return describe(bind);
        }
        PortInUseException port = find(failure, PortInUseException.class);
        if (port != null) {
            // server.port is -1: the daemon's management port is the only port the application ever opens
            return "management.server.port " + port.getPort() + " is already in use (by another process, or a"
                    + " second daemon on this host): set MANAGEMENT_SERVER_PORT to a free port";
        }
        return unwrapped(failure);
    }

    /** The first message under Spring's wrappers, and the root cause's when it adds something. */
    private static String unwrapped(Throwable failure) {
        Throwable first = failure;
        while (isWrapper(first) && first.getCause() != null) {
            first = first.getCause();
        }
        Throwable root = root(first);
        String message = message(first);
        return oneLine(root == first || message.contains(message(root)) ? message : message + ": " + message(root));
    }

    /** The key, and why its value is refused: a record's own words, or the type the value could not become. */
    private static String describe(BindException bind) {
        ConversionFailedException conversion = find(bind, ConversionFailedException.class);
        String why = conversion == null ? message(root(bind)) // its message quotes the value, which may be anything
                : "not a valid " + conversion.getTargetType().getType().getSimpleName();
        return "invalid configuration '" + bind.getName() + "': " + oneLine(why);
    }

    private static boolean isWrapper(Throwable failure) {
        return failure instanceof BeansException || failure instanceof ApplicationContextException
                || failure.getMessage() == null || failure.getMessage().equals(String.valueOf(failure.getCause()));
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null || failure.getMessage().isBlank() ? failure.getClass().getSimpleName()
                : failure.getMessage();
    }

    /** The first line: PostgreSQL and SnakeYAML messages go on with detail (and, for YAML, the line's content). */
    private static String oneLine(String message) {
        return message.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse(message);
    }
}
