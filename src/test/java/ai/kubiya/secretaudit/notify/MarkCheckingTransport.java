package ai.kubiya.secretaudit.notify;

import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The real SMTP transport, which first writes each message to nowhere, to its end (where the sender's gate waits),
 * and then looks in the outbox: every message it accepted before must be SENT by then.
 */
final class MarkCheckingTransport implements MailTransport {

    @TestConfiguration(proxyBeanMethods = false)
    static class Configuration {

        @Bean
        @Primary
        MailTransport markCheckingTransport(JavaMailSender sender) {
            return new MarkCheckingTransport(new SmtpMailTransport((JavaMailSenderImpl) sender));
        }
    }

    private static final List<Long> ACCEPTED = new ArrayList<>();
    private static final List<Long> UNMARKED = new ArrayList<>();
    private static JdbcClient jdbc;
    private static int checked;

    private final MailTransport delegate;

    MarkCheckingTransport(MailTransport delegate) {
        this.delegate = delegate;
    }

    static synchronized void reset(JdbcClient database) {
        jdbc = database;
        ACCEPTED.clear();
        UNMARKED.clear();
        checked = 0;
    }

    static synchronized int checked() {
        return checked;
    }

    static synchronized List<Long> unmarkedBefore() {
        return List.copyOf(UNMARKED);
    }

    @Override
    public void send(long outboxId, MimeMessage message) throws Exception {
        message.writeTo(OutputStream.nullOutputStream());
        synchronized (MarkCheckingTransport.class) {
            for (long earlier : ACCEPTED) {
                String state = jdbc.sql("SELECT state FROM mail_outbox WHERE id = ?").param(earlier)
                        .query(String.class).single();
                if (!"SENT".equals(state)) {
                    UNMARKED.add(earlier);
                }
            }
            checked++;
        }
        delegate.send(outboxId, message);
        synchronized (MarkCheckingTransport.class) {
            ACCEPTED.add(outboxId);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
