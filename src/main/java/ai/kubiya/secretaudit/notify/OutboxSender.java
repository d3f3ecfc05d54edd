package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.notify.OutboxRepository.Message;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers every outbox message of a kind not yet delivered, this run's and earlier runs' temporary
 * failures. A message is marked SENT right after the transport accepts it; a crash in between resends it
 * once, under the same Message-ID, on the next attempt. Each kind is sent by its own step, so a run tries
 * each message once: {@code audit.mail.max-attempts} counts runs.
 */
@Component
public class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    public record Result(int sent, int temporaryFailures, int permanentFailures) {
    }

    private final OutboxRepository outbox;
    private final MailTransport transport;
    private final MailProperties properties;
    private final Clock clock;

    OutboxSender(OutboxRepository outbox, MailTransport transport, MailProperties properties, Clock clock) {
        this.outbox = outbox;
        this.transport = transport;
        this.properties = properties;
        this.clock = clock;
    }

    public Result sendPending(OutboxRepository.Kind kind) {
        int sent = 0;
        int temporary = 0;
        int permanent = 0;
        try (transport) {
            for (long id : outbox.deliverable(kind)) {
                Message message = outbox.load(id);
                try {
                    transport.send(id, MessageComposer.parse(message.mime()));
                    outbox.markSent(id, clock.instant());
                    sent++;
                } catch (TransportUnavailableException e) {
                    outbox.markFailed(id, false, describe(e), properties.maxAttempts());
                    log.warn("{}; undelivered mail stays queued for the next run", describe(e));
                    temporary++;
                    break;
                } catch (Exception e) {
                    boolean isPermanent = DeliveryFailures.isPermanent(e);
                    outbox.markFailed(id, isPermanent, describe(e), properties.maxAttempts());
                    log.warn("Mail {} to {} failed ({}): {}", id, message.recipient(),
                            isPermanent ? "permanent" : "will retry next run", describe(e));
                    if (isPermanent) {
                        permanent++;
                    } else {
                        temporary++;
                    }
                }
            }
        }
        log.info("Delivered {} message(s) via {}; {} temporary and {} permanent failure(s)",
                sent, transport.describe(), temporary, permanent);
        return new Result(sent, temporary, permanent);
    }

    private static String describe(Exception e) {
        String message = DeliveryFailures.describe(e);
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
