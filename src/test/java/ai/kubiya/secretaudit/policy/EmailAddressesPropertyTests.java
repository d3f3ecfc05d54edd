package ai.kubiya.secretaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.BadOwnerAddresses;
import ai.kubiya.secretaudit.support.OwnerAddressSpec;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The boundary of a usable owner address, probed with strings built from the characters that matter to RFC 5322
 * and RFC 5321: the parser agrees with the rule restated as a regular expression, and every address it accepts
 * goes onto a message and comes back as exactly itself.
 */
class EmailAddressesPropertyTests {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String ATEXT = "aZ09!#$%&'*+-/=?^_`{|}~";

    @Property(tries = 5000)
    void theParserAcceptsExactlyTheRestatedRule(@ForAll("candidates") String address) {
        assertThat(EmailAddresses.isValid(address)).as(printable(address))
                .isEqualTo(OwnerAddressSpec.isUsable(address));
    }

    @Property(tries = 2000)
    void anAcceptedAddressIsComposedAndReadBackAsExactlyItself(@ForAll("candidates") String address) throws Exception {
        EmailAddresses.Parsed parsed = EmailAddresses.parse(address);
        if (!parsed.isValid()) {
            assertThat(parsed.problem()).isNotBlank();
            if (address.length() >= 6) {
                assertThat(parsed.problem()).as("a reason never quotes the address").doesNotContain(address);
            }
            return;
        }
        // when: put on a message as composition does, written and read back as the outbox does
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom("secret-audit@acme.example");
        message.setRecipient(RecipientType.TO, parsed.address());
        message.setText("x");
        message.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        MimeMessage stored = new MimeMessage(SESSION, new ByteArrayInputStream(bytes.toByteArray()));

        // then: one recipient, the very address
        assertThat(stored.getAllRecipients()).hasSize(1);
        InternetAddress recipient = (InternetAddress) stored.getAllRecipients()[0];
        assertThat(recipient.getAddress()).isEqualTo(address);
        assertThat(recipient.isGroup()).isFalse();
    }

    @Provide
    Arbitrary<String> candidates() {
        Arbitrary<String> noise = Arbitraries.strings()
                .withChars("ab.@-\"()<>,;:[]\\ \t\r\n\u0000\u007f\u00a0éü\uFFFD_9Z+")
                .ofMaxLength(16);
        Arbitrary<String> atoms = Arbitraries.strings().withChars(ATEXT + ".").ofMinLength(0).ofMaxLength(8);
        Arbitrary<String> labels = Arbitraries.strings().withChars("az09-.").ofMinLength(0).ofMaxLength(8);
        Arbitrary<String> nearlyValid = Combinators.combine(atoms, labels, Arbitraries.of("example", "de", "9", "x-"))
                .as((local, domain, top) -> local + "@" + domain + "." + top);
        // local part 64, label 63, total 254 are the limits
        Arbitrary<String> atTheLimits = Combinators.combine(Arbitraries.integers().between(60, 68),
                        Arbitraries.integers().between(58, 66), Arbitraries.integers().between(50, 64))
                .as((local, label, last) -> "l".repeat(local) + "@" + ("d".repeat(label) + ".").repeat(2)
                        + "a".repeat(last) + ".example");
        Arbitrary<String> known = Arbitraries.oneOf(Arbitraries.of(BadOwnerAddresses.ALL),
                Arbitraries.of(BadOwnerAddresses.GOOD));
        return Arbitraries.frequencyOf(Tuple.of(3, noise), Tuple.of(5, nearlyValid),
                Tuple.of(1, atTheLimits), Tuple.of(1, known));
    }

    private static String printable(String address) {
        return address.replaceAll("\\p{Cntrl}", "?");
    }
}
