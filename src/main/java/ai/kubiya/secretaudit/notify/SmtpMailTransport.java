package ai.kubiya.secretaudit.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * SMTP over one connection kept open across the messages of a run (reconnecting after a failure), using
 * the host, port, credentials and {@code mail.smtp.*} properties Spring Boot configured on the sender.
 * The stored message is sent as it is, so its Message-ID is the one recorded in the outbox.
 */
class SmtpMailTransport implements MailTransport {

    private final JavaMailSenderImpl sender;
    private Transport transport;

    SmtpMailTransport(JavaMailSenderImpl sender) {
        this.sender = sender;
        Properties properties = sender.getJavaMailProperties();
        if (NoDelaySocketFactory.installIfUnset(properties,
                sender.getProtocol() == null ? JavaMailSenderImpl.DEFAULT_PROTOCOL : sender.getProtocol())) {
            sender.setJavaMailProperties(properties); // drops a session made before, so the next one sees it
        }
    }

    @Override
    public void send(long outboxId, MimeMessage message) throws MessagingException {
        Transport connection = connection();
        try {
            connection.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            if (!connection.isConnected()) {
                close();
            }
            throw e;
        }
    }

    private Transport connection() throws MessagingException {
        if (transport == null || !transport.isConnected()) {
            close();
            Transport fresh = sender.getSession().getTransport(sender.getProtocol());
            try {
                fresh.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
            } catch (MessagingException e) {
                throw new TransportUnavailableException("cannot connect to " + describe() + ": " + e.getMessage(), e);
            }
            transport = fresh;
        }
        return transport;
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is being dropped anyway
            }
            transport = null;
        }
    }

    @Override
    public String describe() {
        return "smtp://" + sender.getHost() + ":" + (sender.getPort() > 0 ? sender.getPort() : 25);
    }
}
