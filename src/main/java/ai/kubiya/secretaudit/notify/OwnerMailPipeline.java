package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.notify.OutboxRepository.Kind;
import ai.kubiya.secretaudit.notify.OwnerEmailComposer.Composed;
import ai.kubiya.secretaudit.notify.OwnerEmailComposer.Reminder;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes, stores and delivers a run's owner emails in the order they are submitted. Each email's workbook and
 * MIME are built by the composers, a few owners ahead; the storer stores them in order, each row committing on
 * its own so that it can be sent at once; the deliverer sends them in the same order over one connection, as the
 * send step would. So notify takes the longer of composing and sending, not their sum (100,000 secrets: 38 → 221
 * owners/s on 2 cores).
 */
final class OwnerMailPipeline implements AutoCloseable {

    /** Operators filter on this name: the warnings were the notifier's before the pipeline was its own class. */
    private static final Logger log = LoggerFactory.getLogger(OwnerNotifier.class);

    /**
     * Building workbooks and MIME is CPU work, on all cores but one: the delivery is a chain of round trips
     * (database, mail server) that slows down when it has to queue for a core.
     */
    private static final int COMPOSERS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    private static final int COMPOSE_AHEAD = 4 * COMPOSERS;

    private final long runId;
    private final LocalDate asOf;
    private final OwnerEmailComposer emails;
    private final OutboxRepository outbox;
    private final ExecutorService composers =
            Executors.newFixedThreadPool(COMPOSERS, PipelineThreads.named("owner-mail-compose-"));
    private final ExecutorService storer =
            Executors.newSingleThreadExecutor(PipelineThreads.named("owner-mail-store-"));
    private final ExecutorService deliverer =
            Executors.newSingleThreadExecutor(PipelineThreads.named("owner-mail-deliver-"));
    private final OutboxSender.Delivery delivery;
    private final Deque<Future<Boolean>> storing = new ArrayDeque<>();
    private int queued;
    private volatile boolean failed;

    OwnerMailPipeline(long runId, LocalDate asOf, OwnerEmailComposer emails, OutboxRepository outbox,
                      OutboxSender sender) {
        this.runId = runId;
        this.asOf = asOf;
        this.emails = emails;
        this.outbox = outbox;
        this.delivery = sender.delivery(Kind.OWNER_REMINDER, runId);
    }

    void submit(Reminder reminder) {
        Future<Composed> email = composers.submit(() -> emails.composeOrExplain(runId, asOf, reminder));
        Future<Stored> stored = storer.submit(() -> store(email));
        storing.add(deliverer.submit(() -> deliver(stored)));
        drain(COMPOSE_AHEAD);
    }

    /** Waits for every email submitted. @return how many emails were queued */
    int finish() {
        drain(0);
        return queued;
    }

    /**
     * On a failure: what was not stored is queued by a restart, what was stored but not sent is sent by the send
     * step. Stores and sends still waiting end at once; the one in progress is not interrupted, so that a message
     * the server accepted is marked SENT.
     */
    @Override
    public void close() {
        failed = true;
        composers.shutdownNow().forEach(task -> ((Future<?>) task).cancel(false));
        storer.shutdown();
        deliverer.shutdown();
        PipelineThreads.awaitTermination(storer);
        PipelineThreads.awaitTermination(deliverer);
        delivery.close();
    }

    /** @param id empty when this run had already queued the email (a restarted step) */
    private record Stored(Optional<Long> id, Composed email) {
    }

    /**
     * On the storer thread, outside the step's transaction. Once one email failed, the step fails and the
     * emails after it are left to a restart, or to the next run.
     */
    private Stored store(Future<Composed> composing) {
        return unlessFailed(() -> {
            Composed email = PipelineThreads.await(composing);
            if (email.failure() != null) {
                email.owners().forEach(owner -> outbox.recordUnroutable(runId, owner, email.failure()));
                log.warn("An owner email could not be composed ({}); its {} owner(s) are listed as unroutable and"
                        + " the other owners are still emailed", email.failure(), email.owners().size());
                return new Stored(Optional.empty(), email);
            }
            Optional<Long> id = outbox.enqueue(runId, Kind.OWNER_REMINDER, email.owner(), email.recipient(),
                    email.fingerprint(), email.messageId(), email.mime(), email.workbookSha256());
            // also when the email was stored before (a restarted step): the unique index makes a repeat a no-op
            for (OwnerEmailComposer.Chat chat : email.chats()) {
                outbox.enqueue(new OutboxRepository.Row(runId, chat.kind(), email.owner(), email.recipient(),
                        email.fingerprint(), chat.messageId(), chat.payload(), null, chat.target()));
            }
            return new Stored(id, email);
        });
    }

    /** On the deliverer thread. @return whether the email was queued now */
    private boolean deliver(Future<Stored> storing) {
        return unlessFailed(() -> {
            Stored stored = PipelineThreads.await(storing);
            stored.id().ifPresent(id -> delivery.deliver(id, stored.email().recipient(), stored.email().mime()));
            return stored.id().isPresent();
        });
    }

    private <T> T unlessFailed(Callable<T> stage) {
        if (failed) {
            throw new CancellationException("an earlier owner email failed");
        }
        try {
            return stage.call();
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        } catch (Exception e) {
            failed = true;
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the oldest emails until no more than {@code ahead} are left in the making. */
    private void drain(int ahead) {
        while (storing.size() > ahead) {
            queued += PipelineThreads.await(storing.poll()) ? 1 : 0;
        }
    }
}
