package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.finding.FindingRepository;
import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.notify.OwnerEmailComposer.Reminder;
import ai.kubiya.secretaudit.report.WorstFirst;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
    private final RoutingRules rules;
    private final Duration retryBouncedAfter;
    private ComposeWarmUp warmUp;

    OwnerNotifier(FindingRepository findings, OutboxRepository outbox, MailProperties properties,
                  MessageComposer composer, OutboxSender sender, RoutingRules rules, RoutingProperties routingFile,
                  ReminderTemplates templates, ChatChannels chat) {
        this.findings = findings;
        this.outbox = outbox;
        this.sender = sender;
        this.routing = new OwnerRouting(properties);
        this.cadence = new ReminderCadence(outbox, properties.remindEvery());
        this.emails = new OwnerEmailComposer(composer, new Escalation(properties, rules),
                new OwnerGuidance(properties.advice()), templates, chat);
        this.rules = rules;
        this.retryBouncedAfter = routingFile.retryBouncedAfter();
    }

    /** For the Run sheet: the routing rules that send to {@code recipient}, else the fallback or the owner. */
    public String routedBy(String recipient) {
        List<String> byRules = rules.rulesSendingTo(recipient);
        if (!byRules.isEmpty()) {
            return String.join("; ", byRules);
        }
        InternetAddress fallback = routing.fallback();
        return fallback != null && fallback.getAddress().equalsIgnoreCase(recipient) ? "audit.mail.fallback-recipient"
                : "the owner (created_by)";
    }

    /**
     * Starts composing made-up reminders in the background ({@link ComposeWarmUp}), while steps that keep the
     * database, not this process, busy run; the next {@link #queueReminders} stops it before its first email.
     */
    public synchronized void warmUp() {
        if (warmUp == null) {
            warmUp = ComposeWarmUp.start(emails);
        }
    }

    /** Stops a warm-up a run started, if a failure ended the run before its reminders did (daemon: the next run). */
    public void endWarmUp() {
        stopWarmUp();
    }

    /** @return what the warm-up did; {@code null} when none was running */
    synchronized ComposeWarmUp.Result stopWarmUp() {
        ComposeWarmUp running = warmUp;
        warmUp = null;
        return running == null ? null : running.stop();
    }

    /**
     * Queues each due reminder and delivers it as soon as it is stored, while the next ones are composed; what
     * is not delivered here (the transport went away, a restarted step) is left to the send step.
     *
     * @param asOfDate the as-of's UTC date, which the subjects carry
     * @return how many emails were queued
     */
    public int queueReminders(long runId, Instant asOf, LocalDate asOfDate) {
        stopWarmUp();
        OwnerMailPipeline pipeline = new OwnerMailPipeline(runId, asOfDate, emails, outbox, sender);
        try {
            Batch batch = new Batch(runId, asOf, pipeline);
            findings.actionableByOwner(runId).forEach(batch::accept);
            batch.flushOwner();
            InternetAddress fallback = routing.fallback();
            if (!batch.fallbackRows.isEmpty() && !batch.teams.join(fallback, batch.fallbackRows)) {
                batch.queue(null, fallback, batch.fallbackRows);
            }
            batch.teams.emails().forEach((recipient, rows) -> batch.queue(null, recipient, rows));
            return pipeline.finish();
        } finally {
            pipeline.close();
        }
    }

    /**
     * Groups the owner-ordered rows by mailbox ({@link OwnerRouting#mailbox}) and routes each owner as their rows
     * end, under the spelling most of their rows carry (of equally frequent ones, the first in sort order, as the
     * Summary's owner counts show it). Deciding happens on this thread (in the step's transaction); the pipeline
     * makes and sends the emails in the order decided.
     */
    private final class Batch {
        private final long runId;
        private final Instant asOf;
        private final OwnerMailPipeline pipeline;
        private final List<FindingRow> ownerRows = new ArrayList<>();
        private final List<FindingRow> fallbackRows = new ArrayList<>();
        private final Map<String, Integer> spellings = new LinkedHashMap<>();
        private final TeamRouting teams;
        private String mailbox;

        Batch(long runId, Instant asOf, OwnerMailPipeline pipeline) {
            this.runId = runId;
            this.asOf = asOf;
            this.pipeline = pipeline;
            this.teams = new TeamRouting(rules, rules.isEmpty() ? Set.of()
                    : outbox.bouncedBefore(runId, asOf.minus(retryBouncedAfter)));
        }

        void accept(FindingRow row) {
            String rowMailbox = OwnerRouting.mailbox(row.owner());
            if (!ownerRows.isEmpty() && !Objects.equals(mailbox, rowMailbox)) {
                flushOwner();
            }
            mailbox = rowMailbox;
            spellings.merge(row.owner(), 1, Integer::sum);
            ownerRows.add(row);
        }

        void flushOwner() {
            if (ownerRows.isEmpty()) {
                return;
            }
            String owner = mostFrequentSpelling();
            spellings.clear();
            OwnerRouting.Route route = routing.route(owner);
            List<FindingRow> rest = teams.divert(owner, route.to(), ownerRows);
            if (!rest.isEmpty()) {
                routeRest(owner, route, rest);
            }
            ownerRows.clear();
        }

        /** What no team took. A bounced owner no rule routes elsewhere is mailed again, as without a routing file. */
        private void routeRest(String owner, OwnerRouting.Route route, List<FindingRow> rest) {
            if (route.to() != null && !rules.hasLeft(owner)) {
                queue(owner, route.to(), rest);
            } else if (routing.hasFallback()) {
                fallbackRows.addAll(rest);
            } else {
                outbox.recordUnroutable(runId, owner, route.to() == null ? route.reason()
                        : "has left (absent in audit.routing.file) and no routing rule names recipients for it");
            }
        }

        /** Spellings arrive in sort order: on a tie, the first one stays. */
        private String mostFrequentSpelling() {
            String most = null;
            int count = 0;
            for (Map.Entry<String, Integer> spelling : spellings.entrySet()) {
                if (spelling.getValue() > count) {
                    most = spelling.getKey();
                    count = spelling.getValue();
                }
            }
            return most;
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
