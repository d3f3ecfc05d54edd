package ai.kubiya.secretaudit.notify;

import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** SMTP through Spring's {@link JavaMailSender}, which keeps the outbox's Message-ID on the wire. */
class SmtpMailTransport implements MailTransport {

    private final JavaMailSender sender;
    private final String host;

    SmtpMailTransport(JavaMailSender sender, String host) {
        this.sender = sender;
        this.host = host;
    }

    @Override
    public void send(long outboxId, MimeMessage message) {
        sender.send(message);
    }

    @Override
    public String describe() {
        return "smtp://" + host;
    }
}
