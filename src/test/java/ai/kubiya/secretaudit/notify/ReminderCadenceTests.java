package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.notify.OutboxRepository.LastReminder;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a recipient is reminded again, and what counts as "the same reminder". */
class ReminderCadenceTests {

    static final Instant DAY_0 = Instant.parse("2026-11-26T00:00:00Z");
    static final Duration WEEK = Duration.ofDays(7);

    static FindingRow row(String secret, Rule rule, Status status, String owner) {
        return new FindingRow(secret, "token", "org", "github", owner, rule, status, Severity.HIGH,
                LocalDate.of(2026, 11, 16), 70, "ACTIVE", "message of " + secret);
    }

    final List<FindingRow> aliceRows = List.of(
            row("deploy-token", Rule.ROTATION, Status.OVERDUE, "alice@acme.example"),
            row("ci-token", Rule.ROTATION, Status.DUE_SOON, "alice@acme.example"));
    final String fingerprint = ReminderCadence.fingerprint(aliceRows);

    /** The reminders are decided while the lifecycle is still being tracked (AuditJobConfiguration's split). */
    @Test
    void theLifecycleIsNoPartOfWhatARecipientIsToldAbout() {
        List<FindingRow> untracked = aliceRows.stream().map(row -> withLifecycle(row, null)).toList();
        List<FindingRow> reopened = aliceRows.stream().map(row -> withLifecycle(row, "REOPENED")).toList();

        assertThat(ReminderCadence.fingerprint(untracked)).isEqualTo(ReminderCadence.fingerprint(reopened))
                .isEqualTo(fingerprint);
    }

    static FindingRow withLifecycle(FindingRow row, String lifecycle) {
        return new FindingRow(row.secret(), row.type(), row.scope(), row.integration(), row.owner(), row.rule(),
                row.status(), row.severity(), row.dueDate(), row.ageDays(), lifecycle, row.message());
    }

    @Test
    void aRecipientNeverRemindedBeforeIsDue() {
        assertThat(ReminderCadence.due(Optional.empty(), fingerprint, DAY_0, WEEK)).isTrue();
    }

    @Test
    void theSameFindingsAreNotRepeatedWithinRemindEvery() {
        LastReminder yesterday = new LastReminder(fingerprint, DAY_0.minus(Duration.ofDays(1)));

        assertThat(ReminderCadence.due(Optional.of(yesterday), fingerprint, DAY_0, WEEK)).isFalse();
    }

    @Test
    void theSameFindingsAreRepeatedExactlyRemindEveryAfterTheLastReminder() {
        LastReminder aWeekAgo = new LastReminder(fingerprint, DAY_0.minus(WEEK));
        LastReminder aSecondLess = new LastReminder(fingerprint, DAY_0.minus(WEEK).plusSeconds(1));

        assertThat(ReminderCadence.due(Optional.of(aWeekAgo), fingerprint, DAY_0, WEEK)).isTrue();
        assertThat(ReminderCadence.due(Optional.of(aSecondLess), fingerprint, DAY_0, WEEK)).isFalse();
    }

    @Test
    void aChangedSetOfFindingsIsSentAtOnceEvenTheNextDay() {
        LastReminder yesterday = new LastReminder(fingerprint, DAY_0.minus(Duration.ofDays(1)));
        String changed = ReminderCadence.fingerprint(List.of(aliceRows.get(0)));

        assertThat(ReminderCadence.due(Optional.of(yesterday), changed, DAY_0, WEEK)).isTrue();
    }

    @Test
    void aLastReminderLaterThanThisRunsAsOfDoesNotRepeatTheSameFindings() {
        // re-running an earlier day: the duration is negative, never "remind-every has passed"
        LastReminder later = new LastReminder(fingerprint, DAY_0.plus(Duration.ofDays(30)));

        assertThat(ReminderCadence.due(Optional.of(later), fingerprint, DAY_0, WEEK)).isFalse();
    }

    @Test
    void theFingerprintIgnoresRowOrderAndEverythingButSecretRuleAndStatus() {
        FindingRow deploy = aliceRows.get(0);
        FindingRow reworded = new FindingRow(deploy.secret(), "other", "repo", "gitlab", "bob@acme.example",
                deploy.rule(), deploy.status(), Severity.LOW, LocalDate.of(2027, 1, 1), 1, "RETIRED", "other text");

        assertThat(ReminderCadence.fingerprint(List.of(aliceRows.get(1), aliceRows.get(0)))).isEqualTo(fingerprint);
        assertThat(ReminderCadence.fingerprint(List.of(reworded, aliceRows.get(1)))).isEqualTo(fingerprint);
    }

    @Test
    void theFingerprintChangesWithAStatusARuleOrASecret() {
        FindingRow deploy = aliceRows.get(0);
        FindingRow ci = aliceRows.get(1);

        assertThat(List.of(
                ReminderCadence.fingerprint(List.of(row(deploy.secret(), deploy.rule(), Status.EXPIRED, null), ci)),
                ReminderCadence.fingerprint(List.of(row(deploy.secret(), Rule.UNUSED, deploy.status(), null), ci)),
                ReminderCadence.fingerprint(List.of(row("deploy-token-2", deploy.rule(), deploy.status(), null), ci)),
                ReminderCadence.fingerprint(List.of(ci))))
                .doesNotContain(fingerprint).doesNotHaveDuplicates();
    }

    @Test
    void theFingerprintIsTheSha256OfTheSortedTabSeparatedLines() {
        // pinned: a new formula would re-send every unchanged reminder in the first run after an upgrade
        assertThat(fingerprint).isEqualTo(Sha256.hex(
                "ci-token\tROTATION\tDUE_SOON\ndeploy-token\tROTATION\tOVERDUE".getBytes(StandardCharsets.UTF_8)));
    }
}
