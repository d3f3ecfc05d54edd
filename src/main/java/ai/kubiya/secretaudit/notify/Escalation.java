package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Status;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Who is copied on an owner's email: {@code audit.mail.escalation-cc}, once something in it has been overdue or
 * expired for longer than {@code audit.mail.escalate-after} past its due date; nobody otherwise.
 */
final class Escalation {

    private final Duration escalateAfter;
    private final List<String> escalationCc;

    Escalation(Duration escalateAfter, List<String> escalationCc) {
        this.escalateAfter = escalateAfter;
        this.escalationCc = List.copyOf(escalationCc);
    }

    Escalation(MailProperties properties) {
        this(properties.escalateAfter(), properties.escalationCc());
    }

    /**
     * Fresh addresses for every email: the composers run in parallel and an {@link InternetAddress} is mutable.
     */
    List<InternetAddress> cc(List<FindingRow> rows, LocalDate asOf) {
        return escalates(rows, asOf) ? escalationCc.stream().map(MailProperties::address).toList() : List.of();
    }

    /** Strictly more than {@code escalate-after} whole days past the due date: on the day itself, not yet. */
    boolean escalates(List<FindingRow> rows, LocalDate asOf) {
        LocalDate cutoff = asOf.minusDays(escalateAfter.toDays());
        for (FindingRow row : rows) {
            boolean late = row.status() == Status.OVERDUE || row.status() == Status.EXPIRED;
            if (late && row.dueDate() != null && row.dueDate().isBefore(cutoff)) {
                return true;
            }
        }
        return false;
    }
}
