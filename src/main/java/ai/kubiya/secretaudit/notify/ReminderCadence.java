package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.notify.OutboxRepository.LastReminder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a recipient is reminded in this run: when nothing was sent to them before, when what they are told
 * about changed since their last reminder, or when {@code audit.mail.remind-every} has passed since it, counted
 * in as-of time, not by the clock (MailProperties says so of {@code remind-every}).
 */
final class ReminderCadence {

    private final OutboxRepository outbox;
    private final Duration remindEvery;

    ReminderCadence(OutboxRepository outbox, Duration remindEvery) {
        this.outbox = outbox;
        this.remindEvery = remindEvery;
    }

    /** Looks up the recipient's last reminder of another run that was not given up, and decides. */
    boolean due(String recipient, long runId, Instant asOf, String fingerprint) {
        return due(outbox.lastReminder(recipient, runId), fingerprint, asOf, remindEvery);
    }

    /** The decision alone: exactly {@code remindEvery} after the last reminder is due again. */
    static boolean due(Optional<LastReminder> last, String fingerprint, Instant asOf, Duration remindEvery) {
        return last.isEmpty()
                || !last.get().fingerprint().equals(fingerprint)
                || Duration.between(last.get().asOf(), asOf).compareTo(remindEvery) >= 0;
    }

    /** What the recipient is told about: the set of (secret, rule, status), independent of row order. */
    static String fingerprint(List<FindingRow> rows) {
        List<String> lines = new ArrayList<>(rows.size());
        for (FindingRow row : rows) {
            lines.add(row.secret() + '\t' + row.rule() + '\t' + row.status());
        }
        lines.sort(null);
        return Sha256.hex(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }
}
