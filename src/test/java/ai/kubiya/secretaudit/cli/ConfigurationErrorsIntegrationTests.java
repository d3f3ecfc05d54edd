package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A configuration mistake stops the command before it does anything, with exit code 2 and one line that says
 * where: an unknown key (with the nearest known one), a YAML syntax error (file and line), a bad value.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationErrorsIntegrationTests {

    @TempDir
    Path directory;

    final List<String> properties = new ArrayList<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @AfterEach
    void clearProperties() {
        properties.forEach(System::clearProperty);
    }

    @Test
    void anUnknownKeyInAnApplicationYamlExitsTwoNamingItAndTheNearestKnownKey(CapturedOutput output) throws Exception {
        // given: the singular of audit.mail.allowed-domains, which would leave the restriction off
        Path yaml = configuration("""
                audit:
                  mail:
                    allowed-domain: acme.example
                """);

        // when
        int exit = execute("run", "--source=synthetic:5");

        // then
        assertThat(exit).isEqualTo(2);
        assertThat(err).hasToString("error: unknown configuration key 'audit.mail.allowed-domain' (did you mean"
                + " 'audit.mail.allowed-domains'?) in " + YamlConfigurationLoader.describe(
                        new org.springframework.core.io.FileSystemResource(yaml)) + " line 3" + System.lineSeparator());
        assertThat(output).doesNotContain("Embedded PostgreSQL").doesNotContain("APPLICATION FAILED TO START");
    }

    @Test
    void aYamlSyntaxErrorExitsTwoNamingTheFileAndTheLineInOneLine(CapturedOutput output) throws Exception {
        // given: a tab where YAML wants spaces, on line 3, next to a password
        configuration("audit:\n  mail:\n\tfrom: audit@acme.example\nspring.mail.password: hunter2-secret\n");

        // when
        int exit = execute("runs");

        // then: one line, no stack trace, no content of the file
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1)
                .matches("error: \\S*application\\.yml line 3, column 1: found character '\\\\t\\(TAB\\)' that cannot"
                        + " start any token.*\\R");
        assertThat(output.getAll() + err).doesNotContain("\tat ").doesNotContain("hunter2")
                .doesNotContain("audit@acme.example");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"*Hunter2secret", "!Hunter2secret", "%Hunter2secret", "@Hunter2secret"})
    void aYamlErrorNeverQuotesTheValueThatCausedIt(String password) throws Exception {
        // given: an unquoted password that YAML reads as an alias, a tag, an anchor or a directive
        configuration("spring:\n  mail:\n    password: " + password + "\n");

        // when
        int exit = execute("runs");

        // then
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).startsWith("error: ").contains("application.yml line 3")
                .doesNotContain("Hunter2");
    }

    @Test
    void anUnknownKeyInASystemPropertyExitsTwo() {
        set("audit.policy.overrides[0].max-age-day", "30");

        assertThat(execute("runs")).isEqualTo(2);
        assertThat(err).hasToString("error: unknown configuration key 'audit.policy.overrides[0].max-age-day' (did"
                + " you mean 'audit.policy.overrides[0].max-age-days'?) in a system property (-D)"
                + System.lineSeparator());
    }

    @Test
    void aDeadlineThatIsNotPositiveExitsTwoNamingTheKey(CapturedOutput output) {
        set("spring.datasource.url", TestDatabases.newDatabase());
        set("spring.datasource.username", "postgres");
        set("audit.run.deadline", "0s");

        assertThat(execute("runs")).isEqualTo(2);
        assertThat(err.toString()).contains("audit.run.deadline must be a positive duration (was 0s)").hasLineCount(1);
        assertThat(output).doesNotContain("APPLICATION FAILED TO START");
    }

    @Test
    void aChunkSizeBelowOneExitsTwoInOneLineNamingTheKeyAndTheValue(CapturedOutput output) {
        // given: a value the record refuses itself (it was a multi-line Bean Validation report before)
        set("spring.datasource.url", TestDatabases.newDatabase());
        set("spring.datasource.username", "postgres");
        set("audit.chunk-size", "0");

        // when / then
        assertThat(execute("runs")).isEqualTo(2);
        assertThat(err).hasToString("error: invalid configuration 'audit': audit.chunk-size must be at least 1 (was 0)"
                + System.lineSeparator());
        assertThat(output).doesNotContain("APPLICATION FAILED TO START");
    }

    @Test
    void anOwnerTemplateThatDoesNotParseExitsTwoInOneLineNamingTheFileWithoutQuotingIt(CapturedOutput output)
            throws Exception {
        Path template = Files.writeString(directory.resolve("owner-reminder.html"),
                "<p th:text=\"${rows[}\">private-template-text</p>");
        set("spring.datasource.url", TestDatabases.newDatabase());
        set("spring.datasource.username", "postgres");
        set("audit.mail.templates-dir", directory.toString());

        assertThat(execute("runs")).isEqualTo(2);
        assertThat(err).hasToString("error: audit.mail.templates-dir: " + template + " cannot be used at line 1,"
                + " column 4 (TemplateProcessingException)" + System.lineSeparator());
        assertThat(output).doesNotContain("private-template-text").doesNotContain("rows[")
                .doesNotContain("APPLICATION FAILED TO START");
    }

    private Path configuration(String yaml) throws Exception {
        Path file = directory.resolve("application.yml");
        Files.writeString(file, yaml);
        set("spring.config.additional-location", "file:" + file);
        return file;
    }

    private void set(String key, String value) {
        properties.add(key);
        System.setProperty(key, value);
    }

    private int execute(String... args) {
        return AuditCommandLine.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
