package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The configured addresses follow the owners' rule, checked at start-up with the key and the reason named. */
class MailPropertiesTests {

    @Test
    void aFallbackRecipientTheParserRefusesStopsStartUpNamingTheKeyAndTheReason() {
        assertThatIllegalArgumentException().isThrownBy(() -> mail("secret-audit@localhost", "team:evil@evil.test;",
                        List.of()))
                .withMessage("audit.mail.fallback-recipient: 'team:evil@evil.test;' is not a valid email address"
                        + " (an address group (name:addresses;), not one mailbox)");
    }

    @Test
    void anAuditorJakartaMailWouldRefuseStopsStartUp() {
        assertThatIllegalArgumentException().isThrownBy(() -> mail("secret-audit@localhost", null,
                        List.of("auditor@acme.example", "a..b@acme.example")))
                .withMessageStartingWith("audit.mail.auditors: 'a..b@acme.example' is not a valid email address");
    }

    @Test
    void theSenderMayHaveADisplayNameAndALocalDomainButMustBeOneMailbox() {
        assertThat(mail("Secret Audit <secret-audit@acme.example>", null, List.of()).from()).isNotNull();
        assertThat(mail("secret-audit@localhost", " security@acme.example ", List.of()).fallbackRecipient())
                .isEqualTo("security@acme.example");
        assertThatIllegalArgumentException().isThrownBy(() -> mail("a,b@acme.example", null, List.of()))
                .withMessage("audit.mail.from: 'a,b@acme.example' is not a valid email address (Illegal address)")
                .withNoCause();
        assertThatIllegalArgumentException().isThrownBy(() -> mail("team:audit@acme.example;", null, List.of()))
                .withMessageContaining("is an address group");
    }

    private static MailProperties mail(String from, String fallback, List<String> auditors) {
        return new MailProperties(from, null, auditors, fallback, List.of(), Duration.ofDays(7), Duration.ofDays(14),
                List.of(), 5, DataSize.ofMegabytes(20), null, null, null);
    }
}
