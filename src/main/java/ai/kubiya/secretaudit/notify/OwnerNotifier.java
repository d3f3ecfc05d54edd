package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.finding.FindingRepository;
import ai.kubiya.secretaudit.notify.OutboxRepository.Kind;
import ai.kubiya.secretaudit.notify.OutboxRepository.LastReminder;
import ai.kubiya.secretaudit.policy.EmailAddresses;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.report.FindingRow;
import ai.kubiya.secretaudit.report.OwnerWorkbookWriter;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Decides who is emailed in a run and queues each email in the outbox: one per recipient, only when
 * something needs them and either it changed since their last email or {@code remind-every} has passed.
 */
@Component
public class OwnerNotifier {

    private final FindingRepository findings;
    private final OutboxRepository outbox;
    private final MailProperties properties;
    private final MessageComposer composer;
    private final OwnerWorkbookWriter workbooks = new OwnerWorkbookWriter();

    /** Building workbooks and MIME is CPU work: one composer per core, while this thread talks to the database. */
    private static final int COMPOSERS = Runtime.getRuntime().availableProcessors();
    private static final int COMPOSE_AHEAD = 4 * COMPOSERS;
    private static final AtomicInteger COMPOSER_NUMBER = new AtomicInteger();
    private static final ThreadFactory COMPOSER_THREADS = task -> {
        Thread thread = new Thread(task, "owner-mail-" + COMPOSER_NUMBER.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    };

    OwnerNotifier(FindingRepository findings, OutboxRepository outbox, MailProperties properties) {
        this.findings = findings;
        this.outbox = outbox;
        this.properties = properties;
        this.composer = new MessageComposer(properties);
    }

    /** @return how many emails were queued */
    public int queueReminders(long runId, Instant asOf) {
        ExecutorService composers = Executors.newFixedThreadPool(COMPOSERS, COMPOSER_THREADS);
        try {
            Batch batch = new Batch(runId, asOf, composers);
            findings.actionableByOwner(runId).forEach(batch::accept);
            batch.flushOwner();
            if (!batch.fallbackRows.isEmpty()) {
                batch.queue(null, properties.fallbackRecipient(), batch.fallbackRows);
            }
            batch.store(0);
            return batch.queued;
        } finally {
            composers.shutdownNow();
        }
    }

    /**
     * Groups the owner-ordered rows and routes each owner as their rows end. Deciding and storing stay on this
     * thread (the step's transaction); the workbook and MIME of each email are built by the composers, a few
     * owners ahead, and stored in the order they were decided.
     */
    private final class Batch {
        private final long runId;
        private final Instant asOf;
        private final LocalDate asOfDate;
        private final ExecutorService composers;
        private final Deque<Future<Composed>> composing = new ArrayDeque<>();
        private final List<FindingRow> ownerRows = new ArrayList<>();
        private final List<FindingRow> fallbackRows = new ArrayList<>();
        private String owner;
        private int queued;

        Batch(long runId, Instant asOf, ExecutorService composers) {
            this.runId = runId;
            this.asOf = asOf;
            this.asOfDate = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
            this.composers = composers;
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
            Optional<String> unroutable = whyUnroutable(owner);
            if (unroutable.isEmpty() && !isFallback(owner)) {
                queue(owner, owner, ownerRows);
            } else if (hasFallback()) {
                // the fallback's own rows too: the outbox holds one reminder per recipient and run
                fallbackRows.addAll(ownerRows);
            } else {
                outbox.recordUnroutable(runId, owner, unroutable.get());
            }
            ownerRows.clear();
        }

        void queue(String owner, String recipient, List<FindingRow> rows) {
            List<FindingRow> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparing(FindingRow::dueDate, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(FindingRow::secret).thenComparing(FindingRow::rule));
            String fingerprint = fingerprint(sorted);
            if (due(recipient, runId, asOf, fingerprint)) {
                composing.add(composers.submit(() -> compose(runId, asOfDate, owner, recipient, fingerprint, sorted)));
                store(COMPOSE_AHEAD);
            }
        }

        /** Stores composed emails, oldest first, until no more than {@code ahead} are left composing. */
        void store(int ahead) {
            while (composing.size() > ahead) {
                Composed email = await(composing.poll());
                queued += outbox.enqueue(runId, Kind.OWNER_REMINDER, email.owner(), email.recipient(),
                        email.fingerprint(), email.messageId(), email.mime(), email.workbookSha256()) ? 1 : 0;
            }
        }
    }

    private record Composed(String owner, String recipient, String fingerprint, String messageId, byte[] mime,
                            String workbookSha256) {
    }

    private Composed compose(long runId, LocalDate asOf, String owner, String recipient, String fingerprint,
                             List<FindingRow> rows) {
        byte[] workbook = workbooks.write(recipient, asOf, rows);
        String messageId = "<run" + runId + ".owner." + Sha256.hex(recipient.getBytes(StandardCharsets.UTF_8))
                .substring(0, 16) + "@secret-rotation-audit>";
        byte[] mime = composer.compose(messageId, new MessageComposer.Content(recipient,
                escalates(rows, asOf) ? properties.escalationCc() : List.of(), OwnerReminder.subject(rows),
                OwnerReminder.text(asOf, rows), OwnerReminder.html(asOf, rows), "secrets-" + asOf + ".xlsx", workbook));
        return new Composed(owner, recipient, fingerprint, messageId, mime, Sha256.hex(workbook));
    }

    private static Composed await(Future<Composed> email) {
        try {
            return email.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while composing owner emails", e);
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

    private boolean hasFallback() {
        return properties.fallbackRecipient() != null && !properties.fallbackRecipient().isBlank();
    }

    private boolean isFallback(String owner) {
        return hasFallback() && properties.fallbackRecipient().strip().equalsIgnoreCase(owner);
    }

    private Optional<String> whyUnroutable(String owner) {
        if (owner == null || owner.isBlank()) {
            return Optional.of("no owner (created_by) recorded");
        }
        if (!EmailAddresses.isValid(owner)) {
            return Optional.of("not a valid email address");
        }
        if (!properties.allowedDomains().isEmpty() && properties.allowedDomains().stream()
                .noneMatch(domain -> domain.equalsIgnoreCase(EmailAddresses.domain(owner)))) {
            return Optional.of("domain not in audit.mail.allowed-domains");
        }
        return Optional.empty();
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
