package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.notify.OwnerEmailComposer.Reminder;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.report.WorstFirst;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Composes made-up reminders on a background thread while PostgreSQL stores the run's findings, so that the
 * composing code (the templates, the owner workbook, MIME) is compiled before the first real reminder. The
 * notification code runs once a night: measured at 100,000 secrets, the JIT's C2 compiler took about half a core
 * during the reminder step, and the same step with compiled code reached 227 owners/s instead of 175. Nothing
 * leaves this class: the emails are made of invented rows and thrown away, nothing is stored, sent or logged.
 */
final class ComposeWarmUp {

    /** Enough for the per-row code to reach C2 several times over; about a second of one core. */
    static final int EMAILS = 400;

    private static final LocalDate DAY = LocalDate.of(2026, 1, 15);
    private static final int ROWS = 120;

    private final AtomicInteger composed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopped;

    private ComposeWarmUp(OwnerEmailComposer emails) {
        Reminder sample = sample();
        this.thread = PipelineThreads.named("owner-mail-warm-up-").newThread(() -> {
            for (int i = 0; i < EMAILS && !stopped; i++) {
                boolean made = emails.composeOrExplain(0, DAY, sample).failure() == null;
                (made ? composed : failed).incrementAndGet();
            }
        });
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    static ComposeWarmUp start(OwnerEmailComposer emails) {
        ComposeWarmUp warmUp = new ComposeWarmUp(emails);
        warmUp.thread.start();
        return warmUp;
    }

    /** How many made-up emails were composed, and how many failed (none should: it would warm up little). */
    record Result(int composed, int failed) {
    }

    /** Stops it and waits for the email in the making: the reminders to come get the cores to themselves. */
    Result stop() {
        stopped = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Result(composed.get(), failed.get());
    }

    /** An owner's worth of findings of every kind, worst first, as an owner's reminder has them. */
    static Reminder sample() {
        List<FindingRow> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(row(i));
        }
        rows.sort(WorstFirst.ORDER);
        return new Reminder("owner@example.com", MailProperties.address("owner@example.com"), "warm-up", rows);
    }

    private static FindingRow row(int i) {
        String name = "warm-up-secret-" + i;
        return switch (i % 6) {
            case 0 -> new FindingRow(name, "certificate", "organization", null, "owner@example.com",
                    Rule.CERTIFICATE_EXPIRY, i % 12 == 0 ? Status.EXPIRED : Status.EXPIRING, Severity.CRITICAL,
                    DAY.plusDays(i % 20 - 5), null, "NEW", null, null);
            case 1, 2 -> new FindingRow(name, "token", "team", "github", "Owner@Example.com", Rule.ROTATION,
                    Status.OVERDUE, Severity.HIGH, DAY.minusDays(i), 60 + i, "OPEN", null, null,
                    Instant.parse("2025-06-01T00:00:00Z"), null, "rotated_at");
            case 3 -> new FindingRow(name, "api_key", "organization", "aws", "owner@example.com", Rule.ROTATION,
                    Status.DUE_SOON, Severity.MEDIUM, DAY.plusDays(i % 14), 80, "REOPENED", null, null);
            case 4 -> new FindingRow(name, "credential", "team", null, "owner@example.com", Rule.UNUSED,
                    Status.UNUSED, Severity.LOW, null, 200 + i, "OPEN", null, null);
            default -> new FindingRow(name, "token", null, null, "owner@example.com", Rule.METADATA,
                    Status.INSUFFICIENT_DATA, Severity.MEDIUM, null, null, "NEW", "created_at is missing", null);
        };
    }
}
