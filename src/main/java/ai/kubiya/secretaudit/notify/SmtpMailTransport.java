package ai.kubiya.secretaudit.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * SMTP over one connection kept open across the messages of a run (reconnecting after a failure), using
 * the host, port, credentials and {@code mail.smtp.*} properties Spring Boot configured on the sender.
 * The stored message is sent as it is, so its Message-ID is the one recorded in the outbox.
 */
class SmtpMailTransport implements MailTransport {

    /** A connection idle this long is checked (a NOOP) before it is used again: the server may have dropped it. */
    private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final JavaMailSenderImpl sender;
    private final Session session;
    private Transport transport;
    private long lastUsed;

    SmtpMailTransport(JavaMailSenderImpl sender) {
        this.sender = sender;
        this.session = withoutNagle(sender.getSession(), sender.getProtocol());
    }

    /**
     * A plain or STARTTLS connection gets {@code TCP_NODELAY} (see {@link NoDelaySocketFactory}), unless the
     * configuration names its own socket factory or implicit TLS (that socket comes from the SSL factory).
     */
    static Session withoutNagle(Session configured, String protocol) {
        Properties properties = configured.getProperties();
        String prefix = "mail." + protocol;
        if (!"smtp".equals(protocol) || Boolean.parseBoolean(properties.getProperty(prefix + ".ssl.enable"))
                || properties.get(prefix + ".socketFactory") != null
                || properties.getProperty(prefix + ".socketFactory.class") != null) {
            return configured;
        }
        Properties noDelay = new Properties();
        noDelay.putAll(properties);
        noDelay.put(prefix + ".socketFactory", new NoDelaySocketFactory());
        return Session.getInstance(noDelay);
    }

    @Override
    public void send(long outboxId, MimeMessage message) throws MessagingException {
        Transport connection = connection();
        try {
            connection.sendMessage(message, message.getAllRecipients());
            lastUsed = System.nanoTime();
        } catch (MessagingException e) {
            if (!connection.isConnected()) {
                close();
            }
            throw e;
        }
    }

    /**
     * The open connection, or a new one. {@link Transport#isConnected()} costs a round trip (a NOOP), so it is
     * asked only of a connection left idle for a while, not before every message.
     */
    private Transport connection() throws MessagingException {
        if (transport == null || System.nanoTime() - lastUsed > IDLE_CHECK_NANOS && !transport.isConnected()) {
            close();
            Transport fresh = session.getTransport(sender.getProtocol());
            try {
                fresh.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
            } catch (MessagingException e) {
                throw new TransportUnavailableException("cannot connect to " + describe() + ": " + e.getMessage(), e);
            }
            transport = fresh;
            lastUsed = System.nanoTime();
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
