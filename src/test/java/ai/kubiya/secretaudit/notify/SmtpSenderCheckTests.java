package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpSenderCheckTests {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"secret-audit@localhost", "Secret Audit <secret-audit@LocalHost>", "audit@mail.localhost",
        " secret-audit@localhost "})
    void smtpRefusesASenderAtLocalhostNamingTheKeyToSet(String from) {
        assertThatIllegalArgumentException().isThrownBy(() -> SmtpSenderCheck.check(from, "smtp.acme.example"))
                .withMessageStartingWith("audit.mail.from is '" + from.strip() + "', an address at localhost, and"
                        + " spring.mail.host is set")
                .withMessageContaining("Set audit.mail.from (AUDIT_MAIL_FROM)");
    }

    @ParameterizedTest(name = "from {0}, spring.mail.host ''{1}''")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "secret-audit@localhost                | null",
        "secret-audit@localhost                | '  '",
        "secret-audit@acme.example             | smtp.acme.example",
        "Secret Audit <audit@localhost.acme.example> | smtp.acme.example",
        "audit@notlocalhost                    | smtp.acme.example"})
    void theEmlOutboxKeepsTheDefaultAndARealSenderPasses(String from, String smtpHost) {
        assertThatCode(() -> SmtpSenderCheck.check(from, smtpHost)).doesNotThrowAnyException();
    }
}
