package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who is copied on an owner's email: escalation-cc once something is late by more than escalate-after. */
class EscalationTests {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 26);
    static final List<String> CC = List.of("ciso@acme.example", "lead@acme.example");
    static final String OWNER = "alice@acme.example";

    final Escalation escalation = new Escalation(Duration.ofDays(14), CC);

    static FindingRow row(Status status, LocalDate dueDate) {
        return new FindingRow("token-" + status, "token", "org", "github", "alice@acme.example", Rule.ROTATION,
                status, Severity.HIGH, dueDate, 80, "ACTIVE", "message");
    }

    @Test
    void anOverdueFindingOneDayPastEscalateAfterCopiesEveryEscalationAddress() {
        List<FindingRow> rows = List.of(row(Status.OVERDUE, AS_OF.minusDays(15)));

        assertThat(escalation.cc(rows, AS_OF, OWNER)).extracting(InternetAddress::getAddress)
                .containsExactly("ciso@acme.example", "lead@acme.example");
    }

    @Test
    void exactlyEscalateAfterPastTheDueDateIsNotYetEscalated() {
        assertThat(escalation.escalates(List.of(row(Status.OVERDUE, AS_OF.minusDays(14))), AS_OF)).isFalse();
        assertThat(escalation.escalates(List.of(row(Status.EXPIRED, AS_OF.minusDays(15))), AS_OF)).isTrue();
    }

    @Test
    void onlyOverdueAndExpiredFindingsEscalate() {
        LocalDate longAgo = AS_OF.minusDays(365);
        List<Status> others = List.of(Status.OK, Status.WAIVED, Status.UNUSED, Status.INSUFFICIENT_DATA,
                Status.DUE_SOON, Status.EXPIRING, Status.MISSING);

        others.forEach(status -> assertThat(escalation.escalates(List.of(row(status, longAgo)), AS_OF))
                .as(status.name()).isFalse());
    }

    @Test
    void aLateFindingWithoutADueDateDoesNotEscalate() {
        assertThat(escalation.cc(List.of(row(Status.OVERDUE, null)), AS_OF, OWNER)).isEmpty();
    }

    @Test
    void oneLateFindingAmongRecentOnesEscalatesTheWholeEmail() {
        List<FindingRow> rows = List.of(row(Status.DUE_SOON, AS_OF.plusDays(3)),
                row(Status.OVERDUE, AS_OF.minusDays(2)), row(Status.EXPIRED, AS_OF.minusDays(40)));

        assertThat(escalation.cc(rows, AS_OF, OWNER)).hasSize(2);
    }

    @Test
    void withoutEscalationAddressesNobodyIsCopied() {
        Escalation none = new Escalation(Duration.ofDays(14), List.of());

        assertThat(none.cc(List.of(row(Status.OVERDUE, AS_OF.minusDays(100))), AS_OF, OWNER)).isEmpty();
    }

    @Test
    void everyEmailGetsItsOwnAddressObjects() {
        List<FindingRow> rows = List.of(row(Status.OVERDUE, AS_OF.minusDays(30)));

        InternetAddress first = escalation.cc(rows, AS_OF, OWNER).get(0);
        InternetAddress second = escalation.cc(rows, AS_OF, OWNER).get(0);

        assertThat(first).isEqualTo(second).isNotSameAs(second);
    }

    @Test
    void aLateSecretCopiesItsRulesEscalationContactAndALateSecretWithoutOneTheGlobalAddresses() {
        RoutingRules rules = new RoutingRules(List.of(
                new RoutingRule(1, null, "payments", null, null, List.of(), "pay-lead@acme.example", null, null),
                new RoutingRule(2, null, null, null, "token-EXPIRED", List.of("team@acme.example"), null, null, null)),
                Set.of());
        Escalation routed = new Escalation(Duration.ofDays(14), CC, rules);
        FindingRow payments = new FindingRow("pay-token", "token", "Payments", "github", "alice@acme.example",
                Rule.ROTATION, Status.OVERDUE, Severity.HIGH, AS_OF.minusDays(15), 80, "ACTIVE", "message");

        assertThat(routed.cc(List.of(payments), AS_OF, OWNER)).extracting(InternetAddress::getAddress)
                .containsExactly("pay-lead@acme.example");
        // rule 2 matches but names no contact: the global addresses, once each
        assertThat(routed.cc(List.of(payments, row(Status.EXPIRED, AS_OF.minusDays(20)),
                row(Status.OVERDUE, AS_OF.minusDays(30))), AS_OF, OWNER)).extracting(InternetAddress::getAddress)
                .containsExactly("pay-lead@acme.example", "ciso@acme.example", "lead@acme.example");
        // not late enough: nobody, whatever the rule
        assertThat(routed.cc(List.of(new FindingRow("pay-token", "token", "payments", "github", "alice@acme.example",
                Rule.ROTATION, Status.OVERDUE, Severity.HIGH, AS_OF.minusDays(14), 80, "ACTIVE", "message")), AS_OF, OWNER))
                .isEmpty();
    }

    @Test
    void theEmailsOwnRecipientIsNeverCopiedWhateverTheLetterCaseOfTheContact() {
        Escalation lead = new Escalation(Duration.ofDays(14), List.of("Lead@Acme.example", "ciso@acme.example"));

        assertThat(lead.cc(List.of(row(Status.OVERDUE, AS_OF.minusDays(30))), AS_OF, "lead@ACME.example"))
                .extracting(InternetAddress::getAddress).containsExactly("ciso@acme.example");
    }
}
