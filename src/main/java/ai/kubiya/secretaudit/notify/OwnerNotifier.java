package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.finding.FindingRepository;
import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.notify.OutboxRepository.Kind;
import ai.kubiya.secretaudit.notify.OutboxRepository.LastReminder;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.report.OwnerWorkbookWriter;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides who is emailed in a run, queues each email in the outbox and sends it: one per recipient, only when
 * something needs them and either it changed since their last email or {@code remind-every} has passed.
 */
@Component
public class OwnerNotifier {

    private static final Logger log = LoggerFactory.getLogger(OwnerNotifier.class);

    private final FindingRepository findings;
    private final OutboxRepository outbox;
    private final MailProperties properties;
    private final MessageComposer composer;
    private final OwnerRouting routing;
    private final OutboxSender sender;
    private final OwnerWorkbookWriter workbooks = new OwnerWorkbookWriter();

    /**
     * Building workbooks and MIME is CPU work, on all cores but one: the delivery is a chain of round trips
     * (database, mail server) that slows down when it has to queue for a core.
     */
    private static final int COMPOSERS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    private static final int COMPOSE_AHEAD = 4 * COMPOSERS;
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    OwnerNotifier(FindingRepository findings, OutboxRepository outbox, MailProperties properties,
                  MessageComposer composer, OutboxSender sender) {
        this.findings = findings;
        this.outbox = outbox;
        this.properties = properties;
        this.composer = composer;
        this.routing = new OwnerRouting(properties);
        this.sender = sender;
    }

    /**
     * Queues each due reminder and delivers it as soon as it is stored, while the next ones are composed; what
     * is not delivered here (the transport went away, a restarted step) is left to the send step.
     *
     * @return how many emails were queued
     */
    public int queueReminders(long runId, Instant asOf) {
        ExecutorService composers = Executors.newFixedThreadPool(COMPOSERS, threads("owner-mail-compose-"));
        ExecutorService storer = Executors.newSingleThreadExecutor(threads("owner-mail-store-"));
        ExecutorService deliverer = Executors.newSingleThreadExecutor(threads("owner-mail-deliver-"));
        OutboxSender.Delivery delivery = sender.delivery(Kind.OWNER_REMINDER, runId);
        Batch batch = new Batch(runId, asOf, composers, storer, deliverer, delivery);
        try {
            findings.actionableByOwner(runId).forEach(batch::accept);
            batch.flushOwner();
            if (!batch.fallbackRows.isEmpty()) {
                batch.queue(null, routing.fallback(), batch.fallbackRows);
            }
            batch.drain(0);
            return batch.queued;
        } finally {
            // On a failure: what was not stored is queued by a restart, what was stored but not sent is sent by the
            // send step. Stores and sends still waiting end at once; the one in progress is not interrupted, so
            // that a message the server accepted is marked SENT.
            batch.failed = true;
            composers.shutdownNow().forEach(task -> ((Future<?>) task).cancel(false));
            storer.shutdown();
            deliverer.shutdown();
            awaitTermination(storer);
            awaitTermination(deliverer);
            delivery.close();
        }
    }

    /**
     * Groups the owner-ordered rows and routes each owner as their rows end. Deciding happens on this thread
     * (in the step's transaction); each email's workbook and MIME are built by the composers, a few owners
     * ahead; the storer stores them in the order decided, each row committing on its own so that it can be sent
     * at once; the deliverer sends them in the same order over one connection, as the send step would.
     */
    private final class Batch {
        private final long runId;
        private final Instant asOf;
        private final LocalDate asOfDate;
        private final ExecutorService composers;
        private final ExecutorService storer;
        private final ExecutorService deliverer;
        private final OutboxSender.Delivery delivery;
        private final Deque<Future<Boolean>> storing = new ArrayDeque<>();
        private final List<FindingRow> ownerRows = new ArrayList<>();
        private final List<FindingRow> fallbackRows = new ArrayList<>();
        private String owner;
        private int queued;
        private volatile boolean failed;

        Batch(long runId, Instant asOf, ExecutorService composers, ExecutorService storer,
              ExecutorService deliverer, OutboxSender.Delivery delivery) {
            this.runId = runId;
            this.asOf = asOf;
            this.asOfDate = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
            this.composers = composers;
            this.storer = storer;
            this.deliverer = deliverer;
            this.delivery = delivery;
        }

        void accept(FindingRow row) {
            if (!ownerRows.isEmpty() && !Objects.equals(owner, row.owner())) {
                flushOwner();
            }
            owner = row.owner();
            ownerRows.add(row);
        }

        void flushOwner() {
            if (ownerRows.isEmpty()) {
                return;
            }
            OwnerRouting.Route route = routing.route(owner);
            if (route.to() != null) {
                queue(owner, route.to(), ownerRows);
            } else if (routing.hasFallback()) {
                fallbackRows.addAll(ownerRows);
            } else {
                outbox.recordUnroutable(runId, owner, route.reason());
            }
            ownerRows.clear();
        }

        void queue(String owner, InternetAddress recipient, List<FindingRow> rows) {
            List<FindingRow> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparing(FindingRow::dueDate, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(FindingRow::secret).thenComparing(FindingRow::rule));
            String fingerprint = fingerprint(sorted);
            if (due(recipient.getAddress(), runId, asOf, fingerprint)) {
                Future<Composed> email = composers.submit(
                        () -> composeOrExplain(runId, asOfDate, owner, recipient, fingerprint, sorted));
                Future<Stored> stored = storer.submit(() -> store(email));
                storing.add(deliverer.submit(() -> deliver(stored)));
                drain(COMPOSE_AHEAD);
            }
        }

        /**
         * On the storer thread, outside the step's transaction. Once one email failed, the step fails and the
         * emails after it are left to a restart, or to the next run.
         */
        private Stored store(Future<Composed> composing) {
            return unlessFailed(() -> {
                Composed email = await(composing);
                if (email.failure() != null) {
                    email.owners().forEach(owner -> outbox.recordUnroutable(runId, owner, email.failure()));
                    log.warn("An owner email could not be composed ({}); its {} owner(s) are listed as unroutable and"
                            + " the other owners are still emailed", email.failure(), email.owners().size());
                    return new Stored(Optional.empty(), email);
                }
                Optional<Long> id = outbox.enqueue(runId, Kind.OWNER_REMINDER, email.owner(), email.recipient(),
                        email.fingerprint(), email.messageId(), email.mime(), email.workbookSha256());
                return new Stored(id, email);
            });
        }

        /** On the deliverer thread. @return whether the email was queued now */
        private boolean deliver(Future<Stored> storing) {
            return unlessFailed(() -> {
                Stored stored = await(storing);
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
        void drain(int ahead) {
            while (storing.size() > ahead) {
                queued += await(storing.poll()) ? 1 : 0;
            }
        }
    }

    /**
     * An email ready to store, or ({@code failure} set) the owners whose findings it would have carried and why it
     * could not be built.
     */
    private record Composed(String owner, String recipient, String fingerprint, String messageId, byte[] mime,
                            String workbookSha256, List<String> owners, String failure) {

        static Composed failed(List<String> owners, String failure) {
            return new Composed(null, null, null, null, null, null, owners, failure);
        }
    }

    /** @param id empty when this run had already queued the email (a restarted step) */
    private record Stored(Optional<Long> id, Composed email) {
    }

    /**
     * One email's failure stays that email's (one owner never fails the run): whatever the workbook writer or MIME
     * threw, its owners become unroutable, with the exception's class but none of its text (it may quote data).
     */
    private Composed composeOrExplain(long runId, LocalDate asOf, String owner, InternetAddress recipient,
                                      String fingerprint, List<FindingRow> rows) {
        try {
            return compose(runId, asOf, owner, recipient, fingerprint, rows);
        } catch (RuntimeException e) {
            List<String> owners = rows.stream().map(FindingRow::owner).distinct().toList();
            return Composed.failed(owners, "the message could not be composed: " + e.getClass().getSimpleName());
        }
    }

    private Composed compose(long runId, LocalDate asOf, String owner, InternetAddress recipient, String fingerprint,
                             List<FindingRow> rows) {
        String to = recipient.getAddress();
        byte[] workbook = workbooks.write(to, asOf, rows);
        String messageId = "<run" + runId + ".owner." + Sha256.hex(to.getBytes(StandardCharsets.UTF_8))
                .substring(0, 16) + "@secret-rotation-audit>";
        List<InternetAddress> cc = escalates(rows, asOf)
                ? properties.escalationCc().stream().map(MailProperties::address).toList() : List.of();
        byte[] mime = composer.compose(messageId, new MessageComposer.Content(recipient, cc,
                OwnerReminder.subject(rows), OwnerReminder.text(asOf, rows), OwnerReminder.html(asOf, rows),
                "secrets-" + asOf + ".xlsx", workbook));
        return new Composed(owner, to, fingerprint, messageId, mime, Sha256.hex(workbook), List.of(), null);
    }

    private static <T> T await(Future<T> work) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing owner emails", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ThreadFactory threads(String prefix) {
        return task -> {
            Thread thread = new Thread(task, prefix + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(5, TimeUnit.MINUTES)) {
                log.warn("An owner email was still being stored or delivered after 5 minutes; the run goes on"
                        + " without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Something overdue, expired or missing for longer than {@code escalate-after} past its due date. */
    private boolean escalates(List<FindingRow> rows, LocalDate asOf) {
        LocalDate cutoff = asOf.minusDays(properties.escalateAfter().toDays());
        for (FindingRow row : rows) {
            boolean late = row.status() == Status.OVERDUE || row.status() == Status.EXPIRED;
            if (late && row.dueDate() != null && row.dueDate().isBefore(cutoff)) {
                return true;
            }
        }
        return false;
    }

    private boolean due(String recipient, long runId, Instant asOf, String fingerprint) {
        Optional<LastReminder> last = outbox.lastReminder(recipient, runId);
        return last.isEmpty()
                || !last.get().fingerprint().equals(fingerprint)
                || Duration.between(last.get().asOf(), asOf).compareTo(properties.remindEvery()) >= 0;
    }

    /** What the recipient is told about: the set of (secret, rule, status), independent of row order. */
    private static String fingerprint(List<FindingRow> rows) {
        List<String> lines = new ArrayList<>(rows.size());
        for (FindingRow row : rows) {
            lines.add(row.secret() + '\t' + row.rule() + '\t' + row.status());
        }
        lines.sort(null);
        return Sha256.hex(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }
}
