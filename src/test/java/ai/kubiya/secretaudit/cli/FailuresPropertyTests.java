package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.DatabaseBusyException;
import ai.kubiya.secretaudit.InvalidConfigurationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.ApplicationContextException;

/**
 * The exit code of a failure depends on what it is, never on how deeply Spring wrapped it, and what is printed is
 * always one line with the failure's own words, never Spring's "Error creating bean …" around them.
 */
class FailuresPropertyTests {

    enum Kind {
        BUSY(3), CONFIGURATION(2), WAIVER_FILE(2), OTHER(1);

        final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        RuntimeException failure(String message) {
            return switch (this) {
                case BUSY -> new DatabaseBusyException(message);
                case CONFIGURATION -> new ApplicationContexts.ConfigurationError(message, null);
                case WAIVER_FILE -> new InvalidConfigurationException(message);
                case OTHER -> new UncheckedIOException(message, new IOException("disk full"));
            };
        }
    }

    @Property
    void theExitCodeAndTheLineAreThoseOfTheFailureHoweverDeeplyItIsWrapped(@ForAll Kind kind,
            @ForAll("wrappers") List<Integer> wrappers, @ForAll("messages") String message) {
        Throwable failure = kind.failure(message);
        for (int wrapper : wrappers) {
            failure = wrap(wrapper, failure);
        }
        StringWriter err = new StringWriter();

        int exit = Failures.report(failure, new PrintWriter(err), false);

        assertThat(exit).isEqualTo(kind.exitCode);
        assertThat(err.toString()).hasLineCount(1).startsWith("error: " + message.lines().findFirst().orElseThrow()
                .strip()).doesNotContain("Error creating bean").doesNotContain("\tat ");
    }

    @Property
    void debugAddsTheStackTraceAfterTheSameLine(@ForAll Kind kind, @ForAll @IntRange(min = 0, max = 3) int depth) {
        Throwable failure = kind.failure("the failure");
        for (int i = 0; i < depth; i++) {
            failure = wrap(i, failure);
        }
        StringWriter quiet = new StringWriter();
        StringWriter debug = new StringWriter();

        int quietExit = Failures.report(failure, new PrintWriter(quiet), false);
        int debugExit = Failures.report(failure, new PrintWriter(debug), true);

        assertThat(debugExit).isEqualTo(quietExit);
        assertThat(debug.toString()).startsWith(quiet.toString()).contains("\tat ");
    }

    @Example
    void anIllegalArgumentFromACommandsOwnCheckIsAUsageErrorButNotOnceSpringWrappedIt() {
        assertThat(Failures.exitCode(new IllegalArgumentException("--limit must be 1 or more (was 0)"))).isEqualTo(2);
        assertThat(Failures.exitCode(new BeanCreationException("x", new IllegalArgumentException("y")))).isEqualTo(1);
    }

    @Provide
    Arbitrary<List<Integer>> wrappers() {
        return Arbitraries.integers().between(0, 2).list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> line = Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '\'', ':', '.')
                .ofMinLength(1).ofMaxLength(40).filter(text -> !text.isBlank());
        return line.list().ofMinSize(1).ofMaxSize(3).map(lines -> String.join("\n", lines));
    }

    private static Throwable wrap(int wrapper, Throwable cause) {
        return switch (wrapper % 3) {
            case 0 -> new BeanCreationException("repository", "Error creating bean with name 'repository'", cause);
            case 1 -> new ApplicationContextException("Unable to start", cause);
            default -> new RuntimeException(cause);
        };
    }
}
