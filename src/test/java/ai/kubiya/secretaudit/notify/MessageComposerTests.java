package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.policy.EmailAddresses;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The MIME the outbox stores: fixed Message-ID, headers that data cannot extend, HTML-escaped text. */
class MessageComposerTests {

    static final MailProperties PROPERTIES = new MailProperties("secret-audit@acme.example",
            "security-team@acme.example", List.of(), null, List.of(), Duration.ofDays(7), Duration.ofDays(14),
            List.of(), 5, org.springframework.util.unit.DataSize.ofMegabytes(20), null, null, null);

    final MessageComposer composer = new MessageComposer(PROPERTIES);

    @Test
    void theMessageIdIsTheOneRecordedInTheOutboxAndSurvivesAReadBack() throws Exception {
        // when
        byte[] mime = composer.compose("<run7.owner.abc@secret-rotation-audit>", content("alice@acme.example", "Hello"));

        // then
        MimeMessage stored = MessageComposer.parse(mime);
        assertThat(stored.getMessageID()).isEqualTo("<run7.owner.abc@secret-rotation-audit>");
        assertThat(stored.getReplyTo()).extracting(Object::toString).containsExactly("security-team@acme.example");
    }

    @Test
    void lineBreaksInASubjectCannotStartANewHeader() throws Exception {
        // when
        byte[] mime = composer.compose("<id@test>", content("alice@acme.example",
                "Reminder\r\nBcc: spy@evil.example\nX-Injected: yes"));

        // then
        String raw = new String(mime, StandardCharsets.UTF_8);
        String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
        assertThat(headers).doesNotContainPattern(Pattern.compile("(?im)^(bcc|x-injected):"));
        MimeMessage stored = MessageComposer.parse(mime);
        assertThat(stored.getRecipients(RecipientType.BCC)).isNull();
        assertThat(stored.getAllRecipients()).extracting(Object::toString).containsExactly("alice@acme.example");
        assertThat(stored.getSubject()).isEqualTo("Reminder Bcc: spy@evil.example X-Injected: yes");
    }

    @Test
    void aRecipientWithAHeaderInItNeverBecomesAnAddressToComposeFor() {
        // the parser refuses it, so routing never hands it to the composer (which takes parsed addresses only)
        assertThat(EmailAddresses.parse("eve@acme.example\r\nBcc: spy@evil.example").problem())
                .isEqualTo("contains a control character");
    }

    @Test
    void theRecipientIsWrittenExactlyAsParsedWithTheEscalationCopy() throws Exception {
        // when
        byte[] mime = composer.compose("<id@test>", new MessageComposer.Content(
                MailProperties.address("o'brien+audit@mail.acme.example"),
                List.of(MailProperties.address("ciso@acme.example")),
                "Hi", "text", "<p>html</p>", null, null));

        // then
        MimeMessage stored = MessageComposer.parse(mime);
        assertThat(stored.getRecipients(RecipientType.TO)).extracting(Object::toString)
                .containsExactly("o'brien+audit@mail.acme.example");
        assertThat(stored.getRecipients(RecipientType.CC)).extracting(Object::toString).containsExactly("ciso@acme.example");
    }

    @Test
    void htmlEscapesEveryMarkupCharacter() {
        assertThat(MessageComposer.html("<script>alert('x')</script> & \"><img src=x>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;&gt;&lt;img src=x&gt;");
    }

    private static MessageComposer.Content content(String to, String subject) {
        return new MessageComposer.Content(MailProperties.address(to), List.of(), subject, "text", "<p>html</p>", "secrets-2026-11-26.xlsx",
                new byte[] {1, 2, 3});
    }
}
