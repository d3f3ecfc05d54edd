package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;

/**
 * The order of every list an owner reads (their email's body, their workbook): what to act on first comes first.
 * Sorting by due date alone put a certificate that expired yesterday at rows 61–62 of 112, below the body's row
 * limit, under secrets merely overdue since last year.
 */
public final class WorstFirst {

    /** How urgent a finding is to its owner, most urgent first; {@code word} and {@code colour} show it. */
    public enum Tier {
        /** An expired certificate, or one the policy calls critical: a service breaks or is about to. */
        CERTIFICATE("C00000"),
        /** Overdue, expired or missing: act now; the longer past due, the earlier. */
        OVERDUE("E46C0A"),
        /** Due or expiring soon. */
        SOON("BF8F00"),
        /** Unused or with incomplete metadata: rotate or delete, complete the record. */
        REVIEW("595959"),
        /** Nothing to do (not sent to owners; here so that every row has a tier). */
        NONE("595959");

        private final String colour;

        Tier(String colour) {
            this.colour = colour;
        }

        /** An RGB hex colour ({@code C00000}) readable as text on white and as a fill behind white text. */
        public String colour() {
            return colour;
        }
    }

    /** Tier, then due date (earliest, i.e. furthest past due, first; none last), then secret, rule, status, severity. */
    public static final Comparator<FindingRow> ORDER = Comparator.comparing(WorstFirst::tier)
            .thenComparing(FindingRow::dueDate, Comparator.nullsLast(Comparator.<LocalDate>naturalOrder()))
            .thenComparing(FindingRow::secret, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(FindingRow::rule, Comparator.nullsLast(Comparator.<Rule>naturalOrder()))
            .thenComparing(FindingRow::status, Comparator.nullsLast(Comparator.<Status>reverseOrder()))
            .thenComparing(FindingRow::severity, Comparator.nullsLast(Comparator.<Severity>reverseOrder()));

    private WorstFirst() {
    }

    public static Tier tier(FindingRow row) {
        Status status = row.status();
        if (status == null || !status.needsAction()) {
            return Tier.NONE;
        }
        if (row.rule() == Rule.CERTIFICATE_EXPIRY && (status == Status.EXPIRED
                || row.severity() == Severity.CRITICAL && (status == Status.EXPIRING || status == Status.DUE_SOON))) {
            return Tier.CERTIFICATE;
        }
        return switch (status) {
            case OVERDUE, EXPIRED, MISSING -> Tier.OVERDUE;
            case DUE_SOON, EXPIRING -> Tier.SOON;
            default -> Tier.REVIEW;
        };
    }

    /** The severity in one word, as the email and the workbook show it: EXPIRED, CRITICAL, OVERDUE, DUE SOON… */
    public static String word(FindingRow row) {
        if (tier(row) == Tier.CERTIFICATE && row.status() != Status.EXPIRED) {
            return "CRITICAL";
        }
        if (row.status() == null) {
            return "";
        }
        return switch (row.status()) {
            case DUE_SOON -> "DUE SOON";
            case INSUFFICIENT_DATA -> "METADATA";
            default -> row.status().name();
        };
    }

    /** Whole days past the due date as of {@code asOf}; {@code null} when not yet due or without a due date. */
    public static Integer daysOverdue(FindingRow row, LocalDate asOf) {
        if (row.dueDate() == null || !row.dueDate().isBefore(asOf)) {
            return null;
        }
        return Math.toIntExact(Math.min(Integer.MAX_VALUE, ChronoUnit.DAYS.between(row.dueDate(), asOf)));
    }
}
