package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.chat.ChatFailure;
import ai.kubiya.secretaudit.chat.ChatTransport;
import ai.kubiya.secretaudit.notify.OutboxRepository.Kind;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers the chat messages of one kind that are still queued, as {@link OutboxSender} delivers emails: each is
 * marked SENT right after the service accepted it; a failure the service calls permanent is FAILED_PERMANENT at
 * once, any other counts toward {@code audit.mail.max-attempts} (one attempt per run); a failure that ends the
 * delivery (the service away, the token refused, a rate limit too long) leaves the rest queued for the next run,
 * with one warning. A kind that is not configured is left alone: its rows wait, untouched, for a run that has it.
 * Payloads are never logged.
 */
@Component
public class ChatSender {

    private static final Logger log = LoggerFactory.getLogger(ChatSender.class);

    private final ChatChannels channels;
    private final OutboxRepository outbox;
    private final ChatOutbox chat;
    private final MailProperties properties;
    private final Clock clock;

    ChatSender(ChatChannels channels, OutboxRepository outbox, ChatOutbox chat, MailProperties properties,
               Clock clock) {
        this.channels = channels;
        this.outbox = outbox;
        this.chat = chat;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return what became of this run's attempts; nothing when the kind is not configured */
    public OutboxSender.Result send(Kind kind, long runId) {
        ChatChannels.Channel channel = channels.of(kind).orElse(null);
        List<Long> deliverable = channel == null ? List.of() : outbox.deliverable(kind, runId);
        if (deliverable.isEmpty()) {
            return new OutboxSender.Result(0, 0, 0);
        }
        Tally tally = new Tally();
        try (ChatTransport transport = channel.transport().get()) {
            for (int i = 0; i < deliverable.size(); i++) {
                ChatFailure stop = deliver(channel, transport, chat.load(deliverable.get(i)), runId, tally);
                if (stop != null) {
                    log.warn("{} delivery stopped: {}; {} message(s) stay queued for the next run",
                            channel.service(), stop.getMessage(), deliverable.size() - i);
                    break;
                }
            }
            log.info("Delivered {} {} message(s) via {}; {} temporary and {} permanent failure(s)", tally.sent,
                    channel.service(), transport.describe(), tally.temporary, tally.permanent);
        }
        return new OutboxSender.Result(tally.sent, tally.temporary, tally.permanent);
    }

    /** @return the failure that ends this delivery, or {@code null} to go on */
    private ChatFailure deliver(ChatChannels.Channel channel, ChatTransport transport, ChatOutbox.Pending message,
                                long runId, Tally tally) {
        try {
            transport.post(message.target(), message.payload());
            outbox.markSent(message.id(), clock.instant(), runId);
            tally.sent++;
            return null;
        } catch (ChatFailure failure) {
            outbox.markFailed(message.id(), failure.permanent(), failure.getMessage(), properties.maxAttempts(),
                    runId);
            if (failure.permanent()) {
                tally.permanent++;
            } else {
                tally.temporary++;
            }
            if (failure.stopsDelivery()) {
                return failure;
            }
            log.warn("{} message {} for {} failed ({}): {}", channel.service(), message.id(), message.recipient(),
                    failure.permanent() ? "permanent" : "will retry next run", failure.getMessage());
            return null;
        }
    }

    private static final class Tally {
        int sent;
        int temporary;
        int permanent;
    }
}
