package ai.kubiya.secretaudit.notify;

import static ai.kubiya.secretaudit.support.ReceivedMail.addresses;
import static ai.kubiya.secretaudit.support.ReceivedMail.deliveredTo;
import static ai.kubiya.secretaudit.support.ReceivedMail.onlyOneDeliveredTo;
import static ai.kubiya.secretaudit.support.ReceivedMail.text;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.TestDatabases;
import ai.kubiya.secretaudit.support.Workbooks;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * docs/email.md#routing-file end to end: a routing file with overlapping rules, on a real PostgreSQL and a real
 * SMTP server (GreenMail). Owners who left or bounced reach their team; a team lead is copied instead of the
 * global escalation address; the Run sheet says which rule routed each recipient.
 */
@SpringBootTest(properties = {
        "audit.mail.from=secret-audit@acme.example",
        "audit.mail.escalate-after=14d",
        "audit.mail.escalation-cc=ciso@acme.example"})
class RoutingIntegrationTests extends AuditRunsSupport {

    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final String ROUTING = """
            absent:
              - Dana@Acme.example
              - zed@elsewhere.example
            rules:
              - match: {owner: "*@ACME.example"}
                recipients: platform-team@acme.example
              - match: {scope: payments}
                recipients: [payments-team@acme.example]
                escalation-contact: payments-lead@acme.example
                slack-channel: "#payments"
              - match: {scope: Payments, name: "legacy-*"}
                recipients: [legacy-team@acme.example]
                teams-webhook-url: https://acme.webhook.office.com/webhookb2/abc
            """;

    static {
        SMTP.start();
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry);
        Path directory = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "routing");
        Path routing = Files.writeString(directory.resolve("routing.yaml"), ROUTING);
        registry.add("audit.routing.file", routing::toString);
        registry.add("audit.reports.dir", () -> directory.resolve("reports").toString());
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    /** dana-payments-token matches rules 1 and 2, equally specific: the later, 2, wins; legacy-db-token 3, the most specific. */
    @Test
    void anAbsentOwnersFindingsGoToTheTeamOfTheMostSpecificRuleOfEachSecret() throws Exception {
        Inventory inventory = new Inventory(DAY_0)
                .overdueToken("dana-payments-token", "dana@acme.example", 3).with("scope", "payments")
                .overdueToken("legacy-db-token", "dana@acme.example", 3).with("scope", "payments")
                .overdueToken("dana-build-token", "dana@acme.example", 3);

        AuditRun run = run(0, inventory);

        assertThat(deliveredTo(SMTP, "dana@acme.example")).isEmpty();
        assertThat(text(onlyOneDeliveredTo(SMTP, "payments-team@acme.example"), "text/plain"))
                .contains("dana-payments-token").doesNotContain("legacy-db-token", "dana-build-token");
        assertThat(text(onlyOneDeliveredTo(SMTP, "legacy-team@acme.example"), "text/plain"))
                .contains("legacy-db-token").doesNotContain("dana-payments-token");
        assertThat(text(onlyOneDeliveredTo(SMTP, "platform-team@acme.example"), "text/plain"))
                .contains("dana-build-token").doesNotContain("legacy-db-token");
        assertThat(routedBy(run)).containsEntry("payments-team@acme.example", "routing rule 2 (scope=payments)")
                .containsEntry("legacy-team@acme.example", "routing rule 3 (scope=Payments, name=legacy-*)")
                .containsEntry("platform-team@acme.example", "routing rule 1 (owner=*@ACME.example)");
    }

    @Test
    void anOwnerWhoseLastReminderBouncedIsRoutedToTheirTeamNextRun() throws Exception {
        Inventory inventory = new Inventory(DAY_0).overdueToken("bob-token", "bob@acme.example", 3)
                .overdueToken("carol-token", "carol@acme.example", 3);
        AuditRun first = run(0, inventory);
        assertThat(deliveredTo(SMTP, "bob@acme.example")).hasSize(1);
        // the bounce came back after delivery, as a 550 from the receiving server, and was recorded on the row
        jdbc.sql("UPDATE mail_outbox SET state = 'FAILED_PERMANENT', last_error = '550 5.1.1 user unknown'"
                + " WHERE run_id = ? AND recipient = 'bob@acme.example'").param(first.id()).update();
        SMTP.purgeEmailFromAllMailboxes();

        AuditRun second = run(8, inventory);

        assertThat(deliveredTo(SMTP, "bob@acme.example")).isEmpty();
        assertThat(text(onlyOneDeliveredTo(SMTP, "platform-team@acme.example"), "text/plain"))
                .contains("bob-token").doesNotContain("carol-token");
        assertThat(routedBy(second)).containsEntry("platform-team@acme.example", "routing rule 1 (owner=*@ACME.example)")
                .containsEntry("carol@acme.example", "the owner (created_by)");
    }

    /** audit.routing.retry-bounced-after, 30d by default: a mailbox that bounced once is not given up for good. */
    @Test
    void aBounceOlderThanRetryBouncedAfterIsForgottenAndTheOwnerIsMailedAgain() throws Exception {
        Inventory inventory = new Inventory(DAY_0).overdueToken("frank-token", "frank@acme.example", 3);
        AuditRun first = run(0, inventory);
        jdbc.sql("UPDATE mail_outbox SET state = 'FAILED_PERMANENT', last_error = '552 5.2.2 mailbox full'"
                + " WHERE run_id = ? AND recipient = 'frank@acme.example'").param(first.id()).update();
        SMTP.purgeEmailFromAllMailboxes();

        run(30, inventory);
        assertThat(deliveredTo(SMTP, "frank@acme.example")).as("30 days after the bounce").isEmpty();
        assertThat(text(onlyOneDeliveredTo(SMTP, "platform-team@acme.example"), "text/plain")).contains("frank-token");
        SMTP.purgeEmailFromAllMailboxes();

        AuditRun later = run(31, inventory);
        assertThat(deliveredTo(SMTP, "frank@acme.example")).as("31 days after the bounce").hasSize(1);
        assertThat(routedBy(later)).containsEntry("frank@acme.example", "the owner (created_by)");
    }

    @Test
    void anEscalatedSecretCopiesItsRulesEscalationContactInsteadOfTheGlobalOne() throws Exception {
        Inventory inventory = new Inventory(DAY_0)
                .overdueToken("alice-payments-token", "alice@acme.example", 20).with("scope", "payments")
                .overdueToken("erin-payments-token", "erin@acme.example", 20).with("scope", "payments")
                .overdueToken("erin-build-token", "erin@acme.example", 20);

        run(0, inventory);

        MimeMessage alice = onlyOneDeliveredTo(SMTP, "alice@acme.example");
        assertThat(addresses(alice, RecipientType.TO)).containsExactly("alice@acme.example");
        assertThat(addresses(alice, RecipientType.CC)).containsExactly("payments-lead@acme.example");
        assertThat(addresses(onlyOneDeliveredTo(SMTP, "erin@acme.example"), RecipientType.CC))
                .containsExactlyInAnyOrder("payments-lead@acme.example", "ciso@acme.example");
    }

    @Test
    void aSecretWithoutAnyOwnerGoesToTheTeamOfItsScopeInsteadOfTheVoid() throws Exception {
        AuditRun run = run(0, new Inventory(DAY_0).overdueToken("orphan-payments-token", null, 3)
                .with("scope", "payments"));

        assertThat(text(onlyOneDeliveredTo(SMTP, "payments-team@acme.example"), "text/plain"))
                .contains("orphan-payments-token");
        assertThat(runSheetLines(run)).doesNotContain("(none): no owner (created_by) recorded");
    }

    @Test
    void anAbsentOwnerNoRuleRoutesIsListedAsUnroutableWithTheReason() throws Exception {
        AuditRun run = run(0, new Inventory(DAY_0).overdueToken("zed-token", "zed@elsewhere.example", 3));

        assertThat(deliveredTo(SMTP, "zed@elsewhere.example")).isEmpty();
        assertThat(runSheetLines(run)).contains("zed@elsewhere.example: has left (absent in audit.routing.file)"
                + " and no routing rule names recipients for it");
    }

    /** Recipient → "Routed by", as listed under "Owner workbooks sent" on the Run sheet. */
    private static Map<String, String> routedBy(AuditRun run) throws Exception {
        Map<String, String> routed = new LinkedHashMap<>();
        try (XSSFWorkbook workbook = Workbooks.open(Files.readAllBytes(Path.of(run.workbookPath())))) {
            boolean inList = false;
            for (Row row : workbook.getSheet("Run")) {
                List<String> cells = Workbooks.rowText(row);
                String first = cells.isEmpty() || cells.get(0) == null ? "" : cells.get(0);
                if (first.equals("Owner workbooks sent") || first.equals("Unroutable owners")) {
                    inList = first.equals("Owner workbooks sent");
                } else if (inList && cells.size() > 2 && !first.equals("Owner")) {
                    routed.put(first, cells.get(2));
                }
            }
        }
        return routed;
    }
}
