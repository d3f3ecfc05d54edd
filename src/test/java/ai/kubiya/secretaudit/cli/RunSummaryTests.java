package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.RunTotals;
import ai.kubiya.secretaudit.notify.MailCounts;
import ai.kubiya.secretaudit.run.AuditRun;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary's chat line: there only when the run had chat messages, each service counted like the emails. */
class RunSummaryTests {

    static final AuditRun RUN = new AuditRun(7, Instant.parse("2026-11-30T02:00:00Z"), "synthetic", false,
            AuditRun.RunStatus.COMPLETED, Instant.parse("2026-11-30T02:00:01Z"), Instant.parse("2026-11-30T02:00:09Z"),
            250, 249, 1, 288, "p1", "{}", "test", null, null, null, false, null, null);
    static final RunTotals.Totals TOTALS = new RunTotals.Totals(new RunTotals.Counts(249, 1, 288), Map.of(), Map.of(),
            Map.of());
    static final MailCounts.RunMail EMAILS = new MailCounts.RunMail(5, 5, 0);

    @Test
    void eachChatServiceIsCountedOnOneLineAndAsFieldsBesideTheEmails() {
        Map<String, MailCounts.RunMail> chat = new LinkedHashMap<>();
        chat.put("Slack", new MailCounts.RunMail(5, 4, 1));
        chat.put("Teams", new MailCounts.RunMail(2, 2, 0));

        RunSummary summary = new RunSummary(RUN, TOTALS, EMAILS, "smtp://127.0.0.1:25", chat);

        assertThat(summary.lines()).contains("Emails             queued 5, sent 5, failed 0 (smtp://127.0.0.1:25)",
                "Chat               Slack queued 5, sent 4, failed 1; Teams queued 2, sent 2, failed 0");
        assertThat(summary.fields()).containsEntry("chat.slack.failed", 1L).containsEntry("chat.teams.sent", 2L);
    }

    @Test
    void aRunWithoutChatHasNoChatLine() {
        RunSummary summary = new RunSummary(RUN, TOTALS, EMAILS, "smtp://127.0.0.1:25", Map.of());

        assertThat(summary.lines()).noneMatch(line -> line.startsWith("Chat"));
        assertThat(summary.fields().keySet()).noneMatch(key -> key.startsWith("chat."));
    }
}
