package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.kubiya.secretaudit.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The routing file is checked as the waiver file is: entry by entry, naming file and rule, never the bad value. */
class RoutingFileTests {

    @TempDir
    Path dir;

    @Test
    void aValidFileKeepsEveryRuleFieldAndTheAbsentOwners() throws IOException {
        RoutingRules rules = RoutingFile.read(write("""
                absent: [Gone@Acme.example]
                rules:
                  - match: {owner: "*@payments.acme.example", scope: prod, integration: github, name: "PAY_*"}
                    recipients: [payments@acme.example, Payments@ACME.example, oncall@acme.example]
                    escalation-contact: lead@acme.example
                    slack-channel: "#payments"
                    teams-webhook-url: https://acme.webhook.office.com/webhookb2/x
                """));

        assertThat(rules.rules()).containsExactly(new RoutingRule(1, "*@payments.acme.example", "prod", "github",
                "PAY_*", List.of("payments@acme.example", "oncall@acme.example"), "lead@acme.example", "#payments",
                "https://acme.webhook.office.com/webhookb2/x"));
        assertThat(rules.hasLeft("gone@acme.EXAMPLE")).isTrue();
        assertThat(rules.hasLeft("here@acme.example")).isFalse();
    }

    @Test
    void anEmptyFileRoutesNothing() throws IOException {
        assertThat(RoutingFile.read(write("")).isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a rule without match     | rules: [{recipients: [t@acme.example]}]                             | rule 1: match is required (any of [owner, scope, integration, name])
            a match without criteria | rules: [{match: {}, recipients: [t@acme.example]}]                  | rule 1: match is required (any of [owner, scope, integration, name])
            a rule without a target  | rules: [{match: {scope: prod}}]                                     | rule 1: needs one of [recipients, escalation-contact, slack-channel, teams-webhook-url]
            an empty recipient list  | rules: [{match: {scope: prod}, recipients: []}]                     | rule 1: needs one of [recipients, escalation-contact, slack-channel, teams-webhook-url]
            an unknown rule field    | rules: [{match: {scope: prod}, recipient: t@acme.example}]          | rule 1: unknown field 'recipient' (fields: [match, recipients, escalation-contact, slack-channel, teams-webhook-url])
            an unknown criterion     | rules: [{match: {team: x}, recipients: t@acme.example}]             | rule 1: match: unknown field 'team' (fields: [owner, scope, integration, name])
            an unknown top-level key | owners: []                                                          | : unknown field 'owners' (fields: [rules, absent])
            a bracket glob           | rules: [{match: {name: 'pay-[a-z]*'}, recipients: t@acme.example}]  | rule 1: match.name is not a glob: only * and ? are wildcards, and [ ] { } and control characters are not allowed
            a brace owner glob       | rules: [{match: {owner: '{a,b}@x.example'}, recipients: t@acme.example}] | rule 1: match.owner is not a glob: only * and ? are wildcards, and [ ] { } and control characters are not allowed
            a bad recipient          | rules: [{match: {scope: prod}, recipients: [t@acme.example, 'evil\\r\\nBcc: x']}] | rule 1: recipients item 2 is not a valid email address
            a bad escalation contact | rules: [{match: {scope: prod}, escalation-contact: not-an-address}] | rule 1: escalation-contact is not a valid email address
            a webhook that is no URL | rules: [{match: {scope: prod}, teams-webhook-url: 'javascript:alert(1)'}] | rule 1: teams-webhook-url is not an http(s) URL
            a plain-http webhook     | rules: [{match: {scope: prod}, teams-webhook-url: 'http://teams.example/hook?sig=s3cr3t'}] | rule 1: teams-webhook-url is http to another machine: it must be https
            an unknown field that is no name | rules: [{match: {scope: prod}, 'evil key$(id)': t@acme.example}] | rule 1: unknown field (fields: [match, recipients, escalation-contact, slack-channel, teams-webhook-url])
            a bad absent address     | absent: [nobody]                                                    | : absent item 1 is not a valid email address
            """)
    void aBadEntryIsRefusedNamingTheFileAndTheEntryButNotTheValue(String what, String yaml, String message)
            throws IOException {
        Path file = write(yaml.replace("\\r\\n", "\r\n"));

        assertRejected(file).hasMessageStartingWith("audit.routing.file: routing.yaml" + (message.startsWith(":")
                ? "" : " ") + message).hasMessageNotContaining("evil").hasMessageNotContaining("javascript")
                .hasMessageNotContaining("a-z").hasMessageNotContaining("not-an-address");
    }

    @Test
    void aLaterBadRuleIsNamedByItsNumber() throws IOException {
        Path file = write("""
                rules:
                  - match: {scope: prod}
                    recipients: t@acme.example
                  - match: {scope: dev}
                """);

        assertRejected(file).hasMessage("audit.routing.file: routing.yaml rule 2: needs one of [recipients,"
                + " escalation-contact, slack-channel, teams-webhook-url]");
    }

    @Test
    void aDirectoryIsRefusedAsNoRoutingFile() {
        assertRejected(dir).hasMessage("audit.routing.file: " + dir + " is a directory, not a routing file");
    }

    @Test
    void aMissingFileIsRefused() {
        assertRejected(dir.resolve("nope.yaml")).hasMessage("audit.routing.file: " + dir.resolve("nope.yaml")
                + " does not exist");
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("routing.yaml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertRejected(fifo).hasMessage("audit.routing.file: "
                + fifo + " is not a regular file (a FIFO, device or socket), not a routing file"));
    }

    @Test
    void aListInsteadOfAMappingIsRefused() throws IOException {
        Path file = write("- match: {scope: prod}\n");

        assertRejected(file).hasMessage("audit.routing.file: " + file + " must be a mapping with rules: and absent:");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("routing.yaml"), yaml);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(Path file) {
        return assertThatThrownBy(() -> RoutingFile.read(file)).isInstanceOf(InvalidConfigurationException.class);
    }
}
