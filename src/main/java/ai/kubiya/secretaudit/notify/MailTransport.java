package ai.kubiya.secretaudit.notify;

import jakarta.mail.internet.MimeMessage;

/** Delivers a composed message: over SMTP, or into the {@code .eml} outbox folder when no SMTP host is set. */
public interface MailTransport extends AutoCloseable {

    /**
     * @param outboxId the outbox row, so a transport can name what it writes deterministically
     * @throws TransportUnavailableException when the server cannot be reached at all
     * @throws Exception when this message was not delivered; {@link DeliveryFailures} tells temporary from permanent
     */
    void send(long outboxId, MimeMessage message) throws Exception;

    /** Ends a batch of sends (drops a kept-open connection). */
    @Override
    default void close() {
    }

    String describe();
}
