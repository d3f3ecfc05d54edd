package ai.kubiya.secretaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The owner's sheet, as the job's order of steps relies on it. */
class OwnerLayoutTests {

    static FindingRow row(String lifecycle) {
        return new FindingRow("deploy-token", "token", "org", "github", "alice@acme.example", Rule.ROTATION,
                Status.OVERDUE, Severity.HIGH, LocalDate.of(2026, 11, 16), 70, lifecycle, "rotate it");
    }

    /** The reminders are composed while the lifecycle is still being tracked (AuditJobConfiguration's split). */
    @Test
    void noColumnOfTheOwnersSheetShowsTheLifecycleWhichIsTrackedBesideTheReminders() {
        for (TableLayout<OwnerLayout.Line> table : List.of(OwnerLayout.TABLE, OwnerLayout.FOR_OTHERS)) {
            OwnerLayout.Line untracked = new OwnerLayout.Line(row(null), "High", 10, null);
            OwnerLayout.Line tracked = new OwnerLayout.Line(row("REOPENED"), "High", 10, null);

            assertThat(table.columns()).extracting(TableLayout.Column::title).doesNotContain("Lifecycle");
            assertThat(table.columns()).allSatisfy(column ->
                    assertThat(column.value().apply(tracked)).isEqualTo(column.value().apply(untracked)));
        }
    }
}
