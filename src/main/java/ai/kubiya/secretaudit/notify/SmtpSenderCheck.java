package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.PreflightBean;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * No email leaves over SMTP from {@code audit.mail.from}'s default, {@code secret-audit@localhost}, nor from any
 * other address at {@code localhost}: a real mail system rejects it or files it as spam, and nobody can answer it.
 * The {@code .eml} outbox (no {@code spring.mail.host}) may keep the default. Checked in the pre-flight, so the
 * command stops with exit 2 before the database starts.
 */
@PreflightBean
@Component
class SmtpSenderCheck {

    SmtpSenderCheck(MailProperties mail, Environment environment) {
        check(mail.from(), environment.getProperty("spring.mail.host"));
    }

    /** @param smtpHost {@code spring.mail.host}; unset or blank → the .eml outbox, which any From suits */
    static void check(String from, String smtpHost) {
        if (StringUtils.hasText(smtpHost) && atLocalhost(from)) {
            throw new IllegalArgumentException("audit.mail.from is '" + from.strip() + "', an address at localhost,"
                    + " and spring.mail.host is set: emails sent over SMTP need a real sender. Set audit.mail.from"
                    + " (AUDIT_MAIL_FROM), e.g. 'Secret Audit <secret-audit@acme.example>'");
        }
    }

    /** {@code from} was checked to be one mailbox (MailProperties); RFC 6761 reserves {@code *.localhost} too. */
    private static boolean atLocalhost(String from) {
        String address;
        try {
            address = new InternetAddress(from.strip(), true).getAddress();
        } catch (AddressException e) {
            throw new IllegalStateException("audit.mail.from was not checked at start-up", e);
        }
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return domain.equals("localhost") || domain.endsWith(".localhost");
    }
}
