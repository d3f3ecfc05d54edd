package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.finding.FindingRepository;
import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.notify.OwnerEmailComposer.Reminder;
import ai.kubiya.secretaudit.report.WorstFirst;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Decides who is emailed in a run, queues each email in the outbox and sends it: one per recipient, only when
 * something needs them and either it changed since their last email or {@code remind-every} has passed.
 * Where an owner's findings go is {@link OwnerRouting}'s, whether they are due {@link ReminderCadence}'s, the
 * email itself {@link OwnerEmailComposer}'s and its making {@link OwnerMailPipeline}'s.
 */
@Component
public class OwnerNotifier {

    private final FindingRepository findings;
    private final OutboxRepository outbox;
    private final OutboxSender sender;
    private final OwnerRouting routing;
    private final ReminderCadence cadence;
    private final OwnerEmailComposer emails;

    OwnerNotifier(FindingRepository findings, OutboxRepository outbox, MailProperties properties,
                  MessageComposer composer, OutboxSender sender, GuidanceProperties guidance) {
        this.findings = findings;
        this.outbox = outbox;
        this.sender = sender;
        this.routing = new OwnerRouting(properties);
        this.cadence = new ReminderCadence(outbox, properties.remindEvery());
        this.emails = new OwnerEmailComposer(composer, new Escalation(properties), new OwnerGuidance(guidance));
    }

    /**
     * Queues each due reminder and delivers it as soon as it is stored, while the next ones are composed; what
     * is not delivered here (the transport went away, a restarted step) is left to the send step.
     *
     * @param asOfDate the as-of's UTC date, which the subjects carry
     * @return how many emails were queued
     */
    public int queueReminders(long runId, Instant asOf, LocalDate asOfDate) {
        OwnerMailPipeline pipeline = new OwnerMailPipeline(runId, asOfDate, emails, outbox, sender);
        try {
            Batch batch = new Batch(runId, asOf, pipeline);
            findings.actionableByOwner(runId).forEach(batch::accept);
            batch.flushOwner();
            if (!batch.fallbackRows.isEmpty()) {
                batch.queue(null, routing.fallback(), batch.fallbackRows);
            }
            return pipeline.finish();
        } finally {
            pipeline.close();
        }
    }

    /**
     * Groups the owner-ordered rows and routes each owner as their rows end. Deciding happens on this thread
     * (in the step's transaction); the pipeline makes and sends the emails in the order decided.
     */
    private final class Batch {
        private final long runId;
        private final Instant asOf;
        private final OwnerMailPipeline pipeline;
        private final List<FindingRow> ownerRows = new ArrayList<>();
        private final List<FindingRow> fallbackRows = new ArrayList<>();
        private String owner;

        Batch(long runId, Instant asOf, OwnerMailPipeline pipeline) {
            this.runId = runId;
            this.asOf = asOf;
            this.pipeline = pipeline;
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
            sorted.sort(WorstFirst.ORDER);
            String fingerprint = ReminderCadence.fingerprint(sorted);
            if (cadence.due(recipient.getAddress(), runId, asOf, fingerprint)) {
                pipeline.submit(new Reminder(owner, recipient, fingerprint, sorted));
            }
        }
    }
}
