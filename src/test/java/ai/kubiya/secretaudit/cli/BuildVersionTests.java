package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --version} prints what the build recorded: the version (build-info) and, in a Git clone, the commit. The
 * expected values come from the sources, not from the files the build wrote: the pom's version, and Git's own
 * answer for the commit, so that a build that stops recording either fails here.
 */
class BuildVersionTests {

    private static final Pattern LINE = Pattern.compile(
            "secret-rotation-audit (\\S+)(?:, commit (\\p{XDigit}{7,}))?, built (\\d{4}-\\d\\d-\\d\\dT\\S+Z)");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--version", "-V", "run --version", "validate -V"})
    void theVersionOptionPrintsTheBuildsVersionAndCommitAndExitsZero(String arguments) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = AuditCommandLine.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                arguments.split(" "));

        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).endsWith(System.lineSeparator()).hasLineCount(1);
        Matcher line = LINE.matcher(out.toString().strip());
        assertThat(line.matches()).as("%s matches %s", out, LINE).isTrue();
        assertThat(line.group(1)).as("the pom's version").isEqualTo(pomVersion());
        assertCommit(line.group(2));
    }

    /**
     * In a clone, the commit checked out when the build ran: HEAD, or one of its ancestors when a commit was made
     * while the tests ran (the build recorded the HEAD of its start). In a linked worktree (`.git` is a file)
     * git-commit-id-maven-plugin 9.0.2 records the main checkout's HEAD instead (its issue #882), so there only a
     * commit of this repository is asked.
     */
    private static void assertCommit(String printed) throws Exception {
        Path dotGit = Path.of(".git");
        if (!Files.exists(dotGit)) {
            assertThat(printed).as("no commit without .git (a source archive)").isNull();
            return;
        }
        assertThat(printed).as("the commit, built in a Git clone").isNotNull();
        if (Files.isDirectory(dotGit)) {
            String head = git("rev-parse", "--short=" + printed.length(), "HEAD");
            if (!printed.equals(head)) {
                assertThat(exitOf("merge-base", "--is-ancestor", printed, "HEAD"))
                        .as("the commit %s is HEAD (%s) or, committed since the build, one of its ancestors",
                                printed, head).isZero();
            }
        } else {
            assertThat(git("cat-file", "-t", printed)).as("a commit of this repository").isEqualTo("commit");
        }
    }

    private static String pomVersion() throws IOException {
        Matcher version = Pattern.compile("<artifactId>secret-rotation-audit</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).as("the project's version in pom.xml").isTrue();
        return version.group(1);
    }

    private static String git(String... arguments) throws Exception {
        Process process = start(arguments);
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static int exitOf(String... arguments) throws Exception {
        Process process = start(arguments);
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static Process start(String... arguments) throws IOException {
        String[] command = new String[arguments.length + 1];
        command[0] = "git";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
