package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every failure of a command ends the same way (cli/Failures): one line {@code error: …} on stderr, the exit code
 * of its class — here 2, configuration or usage; 3 and 1 in {@link DatabaseFailuresIntegrationTests} — and no stack
 * trace, neither ours nor Spring Boot's, unless {@code --debug}. What can be checked without the database is checked
 * before it starts: these commands run on the embedded default, and its data folder must not even be created.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailuresIntegrationTests extends OwnDataFolderCommandLine {

    @Test
    void aBadConfigurationValueExitsTwoInOneLineBeforeTheDatabaseStarts(CapturedOutput output) {
        set("audit.policy.warning-days", "-3");

        assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);

        assertThat(err).hasToString("error: invalid configuration 'audit.policy': audit.policy.warning-days must be a"
                + " whole number of days, 0 or more (was -3)" + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aValueOfTheWrongTypeIsNamedByItsKeyWithoutQuotingTheValue(CapturedOutput output) {
        set("spring.mail.port", "hunter2");

        assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);

        assertThat(err).hasToString("error: invalid configuration 'spring.mail.port': not a valid Integer"
                + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void anUnknownStructuredLogFormatIsOneLineNotSpringBootsStackTrace(CapturedOutput output) {
        set("logging.structured.format.console", "bogus");

        assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);

        assertThat(err).hasToString("error: invalid configuration 'logging.structured.format.console'"
                + " (LOGGING_STRUCTURED_FORMAT_CONSOLE): not one of ecs, gelf, logstash or a formatter class"
                + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aBadMailSettingExitsTwoBeforeTheDatabaseStarts(CapturedOutput output) {
        set("audit.mail.max-attempts", "0");

        assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);

        assertThat(err).hasToString("error: invalid configuration 'audit.mail': audit.mail.max-attempts must be at"
                + " least 1 (was 0)" + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aProgressIntervalTheStepTimerCannotRunExitsTwoBeforeTheDatabaseStarts(CapturedOutput output) {
        set("audit.progress.interval", "100us");

        assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);

        assertThat(err).hasToString("error: invalid configuration 'audit.progress': audit.progress.interval must be at"
                + " least 1ms (was 0.0001s)" + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aPushgatewaySettingOfTheWrongTypeExitsTwoBeforeTheDatabaseStarts(CapturedOutput output) {
        set("management.prometheus.metrics.export.pushgateway.enabled", "maybe");

        assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);

        assertThat(err).hasToString("error: invalid configuration"
                + " 'management.prometheus.metrics.export.pushgateway.enabled': not a valid boolean"
                + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aManagementPortThatIsNoNumberStopsTheDaemonBeforeTheDatabaseStarts(CapturedOutput output) {
        set("management.server.port", "abc");

        assertThat(execute("daemon")).isEqualTo(2);

        assertThat(err).hasToString("error: invalid configuration 'management.server.port': not a valid Integer"
                + System.lineSeparator());
        assertQuietAndNoDatabase(output);
        assertThat(output.getAll()).doesNotContain("WARN");
    }

    @Test
    void anUnknownOptionIsOneLinePointingAtTheCommandsHelp(CapturedOutput output) {
        assertThat(execute("run", "--foo")).isEqualTo(2);

        assertThat(err).hasToString("error: Unknown option: '--foo' (see 'secret-rotation-audit run --help')"
                + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void anUnknownOptionIsNamedWithoutTheValueTypedAfterIt(CapturedOutput output) {
        assertThat(execute("run", "--api-key=hunter2", "--token", "s3cr3t-value")).isEqualTo(2);

        assertThat(err).hasToString("error: Unknown options: '--api-key', '--token'"
                + " (see 'secret-rotation-audit run --help')" + System.lineSeparator());
        assertThat(output.getAll() + err).doesNotContain("hunter2").doesNotContain("s3cr3t-value");
    }

    @Test
    void aMistypedOptionIsOneLineWithWhatItMayHaveMeant() {
        assertThat(execute("run", "--dry-rn")).isEqualTo(2);

        assertThat(err.toString()).hasLineCount(1)
                .startsWith("error: Unknown option: '--dry-rn'; did you mean --dry-run")
                .endsWith("? (see 'secret-rotation-audit run --help')" + System.lineSeparator());
    }

    @Test
    void aMisspeltCommandIsNamedWithTheCommandsItMayHaveMeant() {
        assertThat(execute("rn")).isEqualTo(2);
        assertThat(execute("run", "hunter2")).isEqualTo(2);

        assertThat(err.toString()).isEqualTo("error: Unknown command: 'rn'; did you mean run or runs?"
                + " (see 'secret-rotation-audit --help')" + System.lineSeparator()
                + "error: unexpected argument (not shown: it may be a value); options start with --"
                + " (see 'secret-rotation-audit run --help')" + System.lineSeparator());
    }

    @Test
    void runHelpListsEveryExitCodeOfRun() {
        assertThat(execute("run", "--help")).isZero();

        assertThat(out.toString().replaceAll("\\s+", " ")).contains("Exit 0 completed; 1 failed; 2 usage or"
                + " configuration error").contains("3 another run in progress; 4 completed, with a finding --fail-on"
                + " names; 143 stopped by SIGTERM");
    }

    @Test
    void aWaiverWithoutApproverExitsTwoNamingTheFileAndTheEntry(CapturedOutput output) throws IOException {
        Path waivers = Files.writeString(directory.resolve("waivers.yaml"), """
                - secret: DB_PASSWORD
                  rule: ROTATION
                  reason: vendor migration
                  approved_by: ciso@acme.example
                  ticket: SEC-1
                  expires: 2026-12-20
                - secret: API_TOKEN
                  rule: ROTATION
                  reason: vendor migration
                  ticket: SEC-2
                  expires: 2026-12-20
                """);
        set("audit.waivers.file", waivers.toString());

        assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);

        assertThat(err).hasToString("error: audit.waivers.file: waivers.yaml entry 2: approved_by is required"
                + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aRoutingRuleWithABadGlobExitsTwoNamingTheFileAndTheRuleButNotTheGlob(CapturedOutput output)
            throws IOException {
        Path routing = Files.writeString(directory.resolve("routing.yaml"), """
                rules:
                  - match: {scope: payments}
                    recipients: [payments-team@acme.example]
                  - match: {name: "pay-[a-z]*"}
                    recipients: [payments-team@acme.example]
                """);
        set("audit.routing.file", routing.toString());

        assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);

        assertThat(err).hasToString("error: audit.routing.file: routing.yaml rule 2: match.name is not a glob: only *"
                + " and ? are wildcards, and [ ] { } and control characters are not allowed" + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aRoutingRecipientOutsideTheAllowedDomainsExitsTwoBeforeTheDatabaseStarts(CapturedOutput output)
            throws IOException {
        Path routing = Files.writeString(directory.resolve("routing.yaml"), """
                rules:
                  - match: {scope: payments}
                    recipients: [payments-team@acme.example, exfil@evil.example]
                """);
        set("audit.routing.file", routing.toString());
        set("audit.mail.allowed-domains", "acme.example");

        assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);

        assertThat(err).hasToString("error: audit.routing.file: routing.yaml rule 1: an address is outside"
                + " audit.mail.allowed-domains" + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aRoutingFileThatIsADirectoryExitsTwoBeforeTheDatabaseStarts(CapturedOutput output) {
        set("audit.routing.file", directory.toString());

        assertThat(execute("runs")).isEqualTo(2);

        assertThat(err).hasToString("error: audit.routing.file: " + directory + " is a directory, not a routing file"
                + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aYamlSyntaxErrorExitsTwoBeforeTheDatabaseStarts(CapturedOutput output) throws IOException {
        Path yaml = Files.writeString(directory.resolve("application.yml"), "audit:\n\tsource: synthetic\n");
        set("spring.config.additional-location", "file:" + yaml);

        assertThat(execute("runs")).isEqualTo(2);

        assertThat(err.toString()).hasLineCount(1).startsWith("error: ").contains("application.yml line 2");
        assertQuietAndNoDatabase(output);
    }

    @Test
    void anUnknownKeyExitsTwoBeforeTheDatabaseStarts(CapturedOutput output) {
        set("audit.waivers.max-day", "30");

        assertThat(execute("export", "--run=latest", "--out=" + directory.resolve("out.xlsx"))).isEqualTo(2);

        assertThat(err.toString()).hasLineCount(1)
                .startsWith("error: unknown configuration key 'audit.waivers.max-day'");
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aSourceThatIsNoSourceExitsTwoBeforeTheDatabaseStarts(CapturedOutput output) {
        assertThat(execute("run", "--source=synth")).isEqualTo(2);

        assertThat(err).hasToString("error: audit.source 'synth' is not one of control-plane, file:PATH,"
                + " synthetic[:N]" + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void theControlPlaneWithoutApiKeyExitsTwoBeforeTheDatabaseStartsForRunAndValidate(CapturedOutput output) {
        set("kubiya.api-key", "");

        assertThat(execute("run", "--source=control-plane")).isEqualTo(2);
        assertThat(execute("validate", "--source=control-plane", "--required=DB_PASSWORD")).isEqualTo(2);

        assertThat(err.toString()).hasLineCount(2).startsWith("error: the control-plane source needs an API key:"
                + " set KUBIYA_API_KEY");
        assertQuietAndNoDatabase(output);
    }

    @Test
    void validateNeverStartsTheDatabase(CapturedOutput output) {
        assertThat(execute("validate", "--source=synthetic:20", "--required=nope")).isEqualTo(5);

        assertThat(out.toString()).contains("Missing: nope");
        assertThat(dataFolder).doesNotExist();
        assertThat(output).doesNotContain("Embedded PostgreSQL");
    }

    @Test
    void anAsOfInTheFarFutureExitsTwoBeforeTheDatabaseStarts(CapturedOutput output) {
        assertThat(execute("run", "--source=synthetic:5", "--as-of=2099-01-01")).isEqualTo(2);

        assertThat(err.toString()).hasLineCount(1).startsWith("error: --as-of 2099-01-01T00:00:00Z is more than one"
                + " day after now");
        assertQuietAndNoDatabase(output);
    }

    @Test
    void debugAddsTheStackTraceBeforeOrAfterTheCommand() {
        set("audit.policy.warning-days", "-3");

        assertThat(execute("--debug", "run", "--source=synthetic:5")).isEqualTo(2);
        assertThat(execute("run", "--debug", "--source=synthetic:5")).isEqualTo(2);

        String[] reports = err.toString().split("(?m)^(?=error: )");
        assertThat(reports).hasSize(2).allSatisfy(report -> assertThat(report)
                .startsWith("error: invalid configuration 'audit.policy'").contains("\tat ")
                .contains("Caused by: ").contains("must be a whole number of days"));
        assertThat(dataFolder).doesNotExist();
    }

    private void assertQuietAndNoDatabase(CapturedOutput output) {
        assertThat(output.getAll() + err).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START")
                .doesNotContain("Application run failed").doesNotContain("Embedded PostgreSQL");
        assertThat(dataFolder).doesNotExist();
    }
}

