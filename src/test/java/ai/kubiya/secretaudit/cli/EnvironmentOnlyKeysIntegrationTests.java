package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import ai.kubiya.secretaudit.EnvironmentOnlyKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The Slack bot token comes from the environment only ({@code AUDIT_SLACK_TOKEN}): set in a configuration file or
 * as a system property it stops the command with exit code 2, naming the key and where it was found, never the
 * token, before the database starts.
 */
@ExtendWith(OutputCaptureExtension.class)
class EnvironmentOnlyKeysIntegrationTests extends OwnDataFolderCommandLine {

    static final String TOKEN = "xoxb-in-a-file-51f0c2";

    @Test
    void aTokenInAConfigurationFileExitsTwoNamingTheKeyAndTheFileButNotTheToken(CapturedOutput output)
            throws Exception {
        Path yaml = Files.writeString(directory.resolve("application.yml"), "audit:\n  slack:\n    token: " + TOKEN
                + "\n");
        set("spring.config.additional-location", "file:" + yaml);

        int exit = execute("run", "--source=synthetic:5");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).startsWith("error: audit.slack.token is set in ")
                .contains("application.yml").endsWith(": the Slack bot token may only come from the environment"
                        + " (AUDIT_SLACK_TOKEN)" + System.lineSeparator());
        assertThat(output.getAll() + err + out).doesNotContain(TOKEN);
        assertThat(dataFolder).doesNotExist();
    }

    @Test
    void aTokenAsASystemPropertyExitsTwoToo() {
        set("audit.slack.token", TOKEN);

        int exit = execute("runs");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: audit.slack.token is set in a system property (-D)")
                .doesNotContain(TOKEN);
    }

    @Test
    void aTokenFromTheEnvironmentIsAccepted() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("AUDIT_SLACK_TOKEN", TOKEN)));
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", Map.of("audit.slack"
                + ".channel", "#secrets")));

        assertThat(environment.getProperty("audit.slack.token")).isEqualTo(TOKEN);
        assertThatNoException().isThrownBy(() -> EnvironmentOnlyKeys.check(environment));
    }
}
