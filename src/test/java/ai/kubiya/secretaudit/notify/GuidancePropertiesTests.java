package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.notify.GuidanceProperties.Guidance;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.report.OwnerAdvice;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** {@code audit.mail.guidance.*} and {@code audit.mail.waiver-request}: checked at start-up, applied per row. */
class GuidancePropertiesTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "javascript:alert(1)                          | audit.mail.guidance.token.link must start with https://, http:// or mailto:",
        "https://runbooks.example/{owner}             | audit.mail.guidance.token.link: unknown placeholder {owner} (known: {name}, {scope}, {integration})",
        "https://runbooks.example/\"onmouseover=x     | audit.mail.guidance.token.link must not contain spaces, quotes, angle brackets or control characters (URL-encode them)"})
    void aLinkThatCouldPointAnywhereOrBreakOutOfItsAttributeStopsStartUpNamingTheKey(String link, String message) {
        assertThatThrownBy(() -> new GuidanceProperties(Map.of("token", new Guidance(null, link)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void aKeyWithNeitherTextNorLinkIsRefused() {
        assertThatThrownBy(() -> new GuidanceProperties(Map.of("unused", new Guidance(" ", null)), null))
                .hasMessage("audit.mail.guidance.unused needs a text and/or a link (was empty)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "waivers@acme.example                     | mailto:waivers@acme.example",
        "https://jira.acme.example/waivers/new    | https://jira.acme.example/waivers/new",
        "'  '                                      | "})
    void aWaiverRequestIsALinkOrAnAddress(String configured, String shown) {
        assertThat(new GuidanceProperties(null, configured).waiverRequest()).isEqualTo(shown);
    }

    @Test
    void aWaiverAddressThatIsNotOneIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> new GuidanceProperties(null, "not an@address@x"))
                .hasMessageStartingWith("audit.mail.waiver-request is neither a link nor a valid email address (")
                .hasMessageNotContaining("not an@address@x");
    }

    @Test
    void theTypeWinsOverTheRuleAndTheLinkCarriesTheSecretsOwnNameEncoded() {
        OwnerGuidance guidance = new OwnerGuidance(new GuidanceProperties(Map.of(
                "API_KEY", new Guidance(null, "https://cp.example/{scope}/{name}?i={integration}"),
                "rotation", new Guidance("Use the vault runbook.", "https://wiki.example/rotation")), null));

        OwnerAdvice advice = guidance.advice(row("a b/../#x&y", "api-key", Rule.ROTATION));

        assertThat(advice.text()).isEqualTo("Use the vault runbook.");
        assertThat(advice.link()).isEqualTo("https://cp.example/org%2Fteam/a%20b%2F..%2F%23x%26y?i=git%3Fhub");
        assertThat(guidance.advice(row("t", "token", Rule.ROTATION)).link()).isEqualTo("https://wiki.example/rotation");
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void everyRuleHasADefaultWhatToDo(Rule rule) {
        OwnerGuidance guidance = new OwnerGuidance(new GuidanceProperties(null, null));

        OwnerAdvice advice = guidance.advice(row("s", "token", rule));

        assertThat(advice.text()).isNotBlank();
        assertThat(advice.link()).isNull();
        assertThat(Arrays.stream(Rule.values()).map(OwnerGuidance::defaultText).distinct()).hasSize(Rule.values().length);
    }

    private static FindingRow row(String name, String type, Rule rule) {
        return new FindingRow(name, type, "org/team", "git?hub", "o@x.example", rule, Status.OVERDUE, Severity.HIGH,
                null, null, "NEW", "m");
    }
}
