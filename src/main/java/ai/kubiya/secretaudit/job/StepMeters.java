package ai.kubiya.secretaudit.job;

import ai.kubiya.secretaudit.finding.RowSource;
import ai.kubiya.secretaudit.notify.MailCounts;
import ai.kubiya.secretaudit.source.ReadProgress;
import ai.kubiya.secretaudit.source.SecretItemReader;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * What the long steps have done so far, for their progress lines: the evaluate step's records (of the total the
 * source knows: a synthetic count, a file's size in bytes; a streamed Control Plane list says "of ?"), and the
 * workbook step's rows, the owner emails' outbox rows. The other steps have no count to show: their line says they
 * are still working.
 */
@Component
class StepMeters {

    static final String EVALUATE = "evaluateSecretsStep";
    static final String WORKBOOK = "writeAuditWorkbookStep";
    static final String QUEUE_REMINDERS = "queueOwnerRemindersStep";
    static final String SEND_REMINDERS = "sendOwnerRemindersStep";

    private final MailCounts mails;
    private final LongAdder workbookRows = new LongAdder();
    private volatile SecretItemReader reader;

    StepMeters(MailCounts mails) {
        this.mails = mails;
    }

    /** The evaluate step's reader, built per step execution. */
    void watch(SecretItemReader stepReader) {
        reader = stepReader;
    }

    /** {@code rows}, counted into the workbook step's progress as the workbook takes them. */
    <T> RowSource<T> counted(RowSource<T> rows) {
        return sink -> rows.forEach(row -> {
            workbookRows.increment();
            sink.accept(row);
        });
    }

    /** The meter of a step of run {@code runId}, or null when it has none. */
    ProgressLog.Meter forStep(String stepName, long runId) {
        return switch (stepName) {
            case EVALUATE -> {
                reader = null; // the step opens its reader after this, and the previous run's is closed
                yield this::evaluation;
            }
            case WORKBOOK -> {
                workbookRows.reset();
                yield elapsed -> ProgressLog.count(workbookRows.sum()) + " rows written, "
                        + ProgressLog.rate(workbookRows.sum(), elapsed);
            }
            // the owner emails are built and sent in one pipeline (11 s for 1,995 owners at 200,000 secrets); the
            // outbox rows are what is done, read back every interval (the table holds thousands of rows, not more)
            case QUEUE_REMINDERS, SEND_REMINDERS -> elapsed -> emails(mails.runMail(runId));
            default -> null;
        };
    }

    private String evaluation(Duration elapsed) {
        SecretItemReader current = reader;
        long records = current == null ? 0 : current.getCurrentItemCount();
        ReadProgress read = current == null ? ReadProgress.UNKNOWN : current.progress();
        return records(records, read) + ", " + ProgressLog.rate(records, elapsed);
    }

    static String emails(MailCounts.RunMail mail) {
        return String.format(Locale.ROOT, "emails queued %,d, sent %,d, failed %,d", mail.queued(), mail.sent(),
                mail.failed());
    }

    static String records(long records, ReadProgress read) {
        String done = ProgressLog.count(records);
        if (read.unit() == ReadProgress.Unit.RECORDS) {
            return read.totalKnown()
                    ? done + " of " + ProgressLog.count(read.total()) + " records read ("
                            + percent(records, read.total()) + ")"
                    : done + " of ? records read";
        }
        if (read.totalKnown()) {
            return done + " records read, " + megabytes(read.done()) + " of " + megabytes(read.total()) + " MB ("
                    + percent(read.done(), read.total()) + ")";
        }
        return done + " of ? records read (" + megabytes(read.done()) + " MB received)";
    }

    private static String percent(long done, long total) {
        return (total == 0 ? 100 : done * 100 / total) + "%";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1_000_000.0);
    }
}
