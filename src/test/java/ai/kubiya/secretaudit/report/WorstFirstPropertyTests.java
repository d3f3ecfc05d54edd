package ai.kubiya.secretaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.report.WorstFirst.Tier;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The order of every owner-facing list, on any findings an owner can have: expired and critical certificates,
 * then overdue (furthest past due first), then due soon, then unused and metadata; then due date.
 */
class WorstFirstPropertyTests {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);

    @Property
    void anExpiredOrCriticalCertificateComesBeforeEveryOtherFinding(@ForAll("findings") @Size(max = 40)
                                                                    List<FindingRow> rows) {
        List<FindingRow> sorted = sorted(rows);
        for (int i = 1; i < sorted.size(); i++) {
            if (WorstFirst.tier(sorted.get(i)) == Tier.CERTIFICATE) {
                assertThat(WorstFirst.tier(sorted.get(i - 1))).isEqualTo(Tier.CERTIFICATE);
            }
        }
    }

    @Property
    void tiersNeverGoBackAndWithinATierTheEarlierDueDateComesFirst(@ForAll("findings") List<FindingRow> rows) {
        List<FindingRow> sorted = sorted(rows);
        for (int i = 1; i < sorted.size(); i++) {
            FindingRow before = sorted.get(i - 1);
            FindingRow after = sorted.get(i);
            assertThat(WorstFirst.tier(before)).isLessThanOrEqualTo(WorstFirst.tier(after));
            if (WorstFirst.tier(before) == WorstFirst.tier(after) && after.dueDate() != null) {
                assertThat(before.dueDate()).isNotNull().isBeforeOrEqualTo(after.dueDate());
            }
        }
    }

    @Property
    void theFurtherPastDueTheEarlierAmongOverdueSecrets(@ForAll("findings") List<FindingRow> rows) {
        List<Integer> late = sorted(rows).stream().filter(row -> WorstFirst.tier(row) == Tier.OVERDUE)
                .filter(row -> row.dueDate() != null).map(row -> WorstFirst.daysOverdue(row, AS_OF))
                .map(days -> days == null ? 0 : days).toList();
        assertThat(late).isSortedAccordingTo(Collections.reverseOrder());
    }

    @Property
    void unusedAndMetadataFindingsComeAfterEveryOverdueOrDueSoonOne(@ForAll("findings") List<FindingRow> rows) {
        List<FindingRow> sorted = sorted(rows);
        int lastUrgent = -1;
        int firstReview = sorted.size();
        for (int i = 0; i < sorted.size(); i++) {
            Status status = sorted.get(i).status();
            if (status == Status.OVERDUE || status == Status.DUE_SOON || status == Status.EXPIRING) {
                lastUrgent = i;
            }
            if ((status == Status.UNUSED || status == Status.INSUFFICIENT_DATA) && firstReview == sorted.size()) {
                firstReview = i;
            }
        }
        assertThat(lastUrgent).isLessThan(firstReview);
    }

    @Property
    void theOrderIsTotalAndTheSameWhateverTheInputOrder(@ForAll("findings") List<FindingRow> rows,
                                                         @ForAll("findings") List<FindingRow> more) {
        List<FindingRow> all = new ArrayList<>(rows);
        all.addAll(more);
        List<FindingRow> reversed = new ArrayList<>(all);
        Collections.reverse(reversed);
        assertThat(sorted(reversed)).isEqualTo(sorted(all));
        for (FindingRow a : rows) {
            for (FindingRow b : more) {
                assertThat(Integer.signum(WorstFirst.ORDER.compare(a, b)))
                        .isEqualTo(-Integer.signum(WorstFirst.ORDER.compare(b, a)));
            }
        }
    }

    @Provide
    Arbitrary<List<FindingRow>> findings() {
        return finding().list().ofMaxSize(30);
    }

    private static Arbitrary<FindingRow> finding() {
        Arbitrary<LocalDate> due = Arbitraries.integers().between(-800, 120).map(AS_OF::plusDays).injectNull(0.2);
        return Combinators.combine(Arbitraries.of("a", "b", "c", "d", "e"), Arbitraries.of(Rule.class),
                Arbitraries.of(Status.OVERDUE, Status.EXPIRED, Status.MISSING, Status.DUE_SOON, Status.EXPIRING,
                        Status.UNUSED, Status.INSUFFICIENT_DATA), Arbitraries.of(Severity.class), due)
                .as((secret, rule, status, severity, date) -> new FindingRow(secret, "certificate", "org", null,
                        "ana@example.com", rule, status, severity, date, null, "NEW", "m"));
    }

    private static List<FindingRow> sorted(List<FindingRow> rows) {
        List<FindingRow> sorted = new ArrayList<>(rows);
        sorted.sort(WorstFirst.ORDER);
        return sorted;
    }
}
