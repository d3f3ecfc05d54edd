package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.chat.ChatReminder;
import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.notify.OwnerEmailComposer.Reminder;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.report.WorstFirst;
import jakarta.mail.internet.InternetAddress;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A chat message's content and where it goes, without Spring: the email's words for the worst findings, every
 * expired or critical certificate whatever the limit, and the target the routing rules of all its findings name,
 * else the default, else (Slack) the owner's DM.
 */
class ChatRemindersTests {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
    static final OwnerGuidance GUIDANCE = new OwnerGuidance(new GuidanceProperties(Map.of(), null));
    final ChatReminders chat = new ChatReminders(new OwnerReminder(GUIDANCE), GUIDANCE);

    @Test
    void theMessageCarriesTheWorstTenInTheEmailsWordsAndCountsTheRest() {
        List<FindingRow> rows = new ArrayList<>();
        IntStream.range(0, 14).forEach(i -> rows.add(token("token-" + i, "dana@acme.example", null)));
        rows.add(certificate("payments-tls", "dana@acme.example"));
        rows.sort(WorstFirst.ORDER);

        ChatReminder message = chat.of("[Secret rotation] subject", AS_OF, rows);

        assertThat(message.items()).hasSize(ChatReminders.ITEMS);
        assertThat(message.more()).isEqualTo(5);
        assertThat(message.items().get(0)).extracting(ChatReminder.Item::severity, ChatReminder.Item::secret,
                ChatReminder.Item::problem, ChatReminder.Item::todo, ChatReminder.Item::colour)
                .containsExactly("EXPIRED", "payments-tls", "expired on 2026-11-29 (1 day ago)",
                        OwnerGuidance.defaultText(Rule.CERTIFICATE_EXPIRY), "C00000");
        assertThat(message.intro()).isEqualTo(OwnerReminder.intro(AS_OF, rows));
        assertThat(message.waiverText()).startsWith("Cannot fix it in time? Request a waiver");
    }

    @Test
    void everyExpiredCertificateIsInTheMessageWhateverTheLimit() {
        List<FindingRow> rows = new ArrayList<>();
        IntStream.range(0, 12).forEach(i -> rows.add(certificate("cert-" + i, "dana@acme.example")));
        rows.add(token("token", "dana@acme.example", null));
        rows.sort(WorstFirst.ORDER);

        ChatReminder message = chat.of("s", AS_OF, rows);

        assertThat(message.items()).hasSize(12).allMatch(item -> item.severity().equals("EXPIRED"));
        assertThat(message.more()).isEqualTo(1);
    }

    @Test
    void aChannelAllTheFindingsRulesNameIsChosenElseTheDefaultElseTheOwnersDm() {
        RoutingRules rules = new RoutingRules(List.of(
                rule(1, "payments", "#payments", "https://acme.webhook.office.com/a"),
                rule(2, "ops", "#ops", null)), Set.of());
        Reminder ops = reminder("dana@acme.example", token("ops-token", "dana@acme.example", "ops"),
                token("ops-db-token", "dana@acme.example", "ops"));
        Reminder mixed = reminder("dana@acme.example", token("ops-token", "dana@acme.example", "ops"),
                token("payments-token", "dana@acme.example", "payments"));
        Reminder partly = reminder("dana@acme.example", token("ops-token", "dana@acme.example", "ops"),
                token("t", "dana@acme.example", "org"));
        Reminder unmatched = reminder("dana@acme.example", token("t", "dana@acme.example", "org"));
        Reminder team = reminder(null, token("t", "dana@acme.example", "org"));

        assertThat(Arrays.asList(ChatTargets.slack(ops, rules, "#default"), ChatTargets.slack(unmatched, rules,
                        "#default"), ChatTargets.slack(unmatched, rules, null), ChatTargets.slack(team, rules, null)))
                .containsExactly("#ops", "#default", "user:dana@acme.example", null);
        // an owner's secrets of two teams, or of a team and none, are posted in neither team's channel
        assertThat(Arrays.asList(ChatTargets.slack(mixed, rules, null), ChatTargets.slack(partly, rules, "#default")))
                .containsExactly("user:dana@acme.example", "#default");
    }

    @Test
    void aTeamsTargetIsAReferenceToTheWebhookNeverItsUrl() {
        RoutingRules rules = new RoutingRules(List.of(rule(1, "payments", null, "https://acme.webhook.office.com/a")),
                Set.of());
        Reminder payments = reminder("dana@acme.example", token("p", "dana@acme.example", "payments"));
        Reminder other = reminder("dana@acme.example", token("t", "dana@acme.example", "org"));

        String reference = ChatTargets.teams(payments, rules, null);

        assertThat(reference).matches("teams-webhook-[0-9a-f]{12}").doesNotContain("acme");
        assertThat(Arrays.asList(reference, ChatTargets.teams(other, rules, null),
                ChatTargets.teams(other, rules, "https://acme.webhook.office.com/b")))
                .extracting(target -> target == null ? null : target.equals(reference))
                .containsExactly(true, null, false);
        assertThat(ChatTargets.teams(other, rules, "https://acme.webhook.office.com/a")).isEqualTo(reference);
    }

    static RoutingRule rule(int number, String scope, String slack, String teams) {
        return new RoutingRule(number, null, scope, null, null, List.of(), null, slack, teams);
    }

    static Reminder reminder(String owner, FindingRow... rows) {
        List<FindingRow> sorted = new ArrayList<>(List.of(rows));
        sorted.sort(WorstFirst.ORDER);
        return new Reminder(owner, MailProperties.address("dana@acme.example"), "fp", sorted);
    }

    static FindingRow token(String name, String owner, String scope) {
        int days = scope == null ? 30 : scope.equals("ops") ? 300 : 3;
        return new FindingRow(name, "token", scope == null ? "org" : scope, null, owner, Rule.ROTATION,
                Status.OVERDUE, Severity.HIGH, AS_OF.minusDays(days), 100, "OPEN", "m");
    }

    static FindingRow certificate(String name, String owner) {
        return new FindingRow(name, "certificate", "org", null, owner, Rule.CERTIFICATE_EXPIRY, Status.EXPIRED,
                Severity.CRITICAL, AS_OF.minusDays(1), null, "NEW", "m");
    }
}
