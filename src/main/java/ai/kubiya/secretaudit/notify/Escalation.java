package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Status;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is copied on an owner's email: once something in it has been overdue or expired for longer than
 * {@code audit.mail.escalate-after} past its due date, the escalation contact of that secret's routing rule, or
 * {@code audit.mail.escalation-cc}; nobody otherwise.
 */
final class Escalation {

    private final Duration escalateAfter;
    private final List<String> escalationCc;
    private final RoutingRules rules;

    Escalation(Duration escalateAfter, List<String> escalationCc, RoutingRules rules) {
        this.escalateAfter = escalateAfter;
        this.escalationCc = List.copyOf(escalationCc);
        this.rules = rules;
    }

    Escalation(Duration escalateAfter, List<String> escalationCc) {
        this(escalateAfter, escalationCc, RoutingRules.none());
    }

    Escalation(MailProperties properties, RoutingRules rules) {
        this(properties.escalateAfter(), properties.escalationCc(), rules);
    }

    /**
     * Fresh addresses for every email: the composers run in parallel and an {@link InternetAddress} is mutable.
     * Each late secret copies the escalation contact of its routing rule, or {@code escalation-cc} without one,
     * so a team lead hears only of their team's secrets. Never the email's own recipient, in whatever letter case
     * the contact was written: a mail system would deliver that email twice to one mailbox.
     *
     * @param to the address the email goes to
     */
    List<InternetAddress> cc(List<FindingRow> rows, LocalDate asOf, String to) {
        Set<String> seen = new HashSet<>();
        seen.add(RoutingRules.lower(to));
        List<InternetAddress> cc = new ArrayList<>();
        for (FindingRow row : rows) {
            if (!late(row, asOf)) {
                continue;
            }
            RoutingRule rule = rules.isEmpty() ? null : rules.match(row);
            List<String> contacts = rule == null || rule.escalationContact() == null ? escalationCc
                    : List.of(rule.escalationContact());
            contacts.stream().filter(contact -> seen.add(RoutingRules.lower(contact)))
                    .forEach(contact -> cc.add(MailProperties.address(contact)));
        }
        return cc;
    }

    /** Strictly more than {@code escalate-after} whole days past the due date: on the day itself, not yet. */
    boolean escalates(List<FindingRow> rows, LocalDate asOf) {
        return rows.stream().anyMatch(row -> late(row, asOf));
    }

    private boolean late(FindingRow row, LocalDate asOf) {
        boolean late = row.status() == Status.OVERDUE || row.status() == Status.EXPIRED;
        return late && row.dueDate() != null && row.dueDate().isBefore(asOf.minusDays(escalateAfter.toDays()));
    }
}
