package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --version} prints what the build recorded: the version (build-info) and, in a Git clone, the commit. */
class BuildVersionTests {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--version", "-V", "run --version", "validate -V"})
    void theVersionOptionPrintsTheBuildsVersionAndCommitAndExitsZero(String arguments) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = AuditCommandLine.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                arguments.split(" "));

        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        Properties build = recorded(BuildVersion.BUILD_INFO);
        Properties git = recorded(BuildVersion.GIT);
        assertThat(build.getProperty("build.version")).as("recorded by the build-info goal").isNotBlank();
        String expected = "secret-rotation-audit " + build.getProperty("build.version")
                + (git.getProperty("git.commit.id.abbrev") == null ? ""
                : ", commit " + git.getProperty("git.commit.id.abbrev"))
                + ", built " + build.getProperty("build.time");
        assertThat(out).hasToString(expected + System.lineSeparator());
    }

    private static Properties recorded(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = BuildVersionTests.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        }
        return properties;
    }
}
