package ai.kubiya.secretaudit.notify;

import static ai.kubiya.secretaudit.support.ReceivedMail.addresses;
import static ai.kubiya.secretaudit.support.ReceivedMail.onlyOneDeliveredTo;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.CountRow;
import ai.kubiya.secretaudit.finding.FindingRepository;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.ReceivedMail;
import ai.kubiya.secretaudit.support.TestDatabases;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Addresses that differ only in letter case are one mailbox: one email per run, one cadence across runs, one line
 * in the Summary's owner counts; and every email says it was sent by a machine (real PostgreSQL, real SMTP).
 */
@SpringBootTest(properties = {"audit.mail.reply-to=security-team@acme.example",
    "audit.mail.auditors=auditor@acme.example"})
class OneMailboxOneEmailIntegrationTests extends AuditRunsSupport {

    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @Autowired
    FindingRepository findings;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        TestDatabases.register(registry);
        Path reports = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "mailbox");
        registry.add("audit.reports.dir", reports::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("audit.mail.from", () -> "Secret Audit <secret-audit@acme.example>");
    }

    @AfterAll
    static void stopServer() {
        SMTP.stop();
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    @Test
    void twoSpellingsOfOneMailboxInOneRunGetOneEmailAddressedAsMostOfTheirSecretsSpellIt() throws Exception {
        AuditRun run = run(0, new Inventory(DAY_0)
                .overdueToken("dana-first-token", "Dana.Ops@Corp.example", 30)
                .overdueToken("dana-second-token", "dana.ops@corp.example", 20)
                .overdueToken("dana-third-token", "dana.ops@corp.example", 10)
                .overdueToken("erin-token", "erin@corp.example", 5));

        assertThat(ownerOutbox(run)).extracting(row -> row.get(0))
                .containsExactly("dana.ops@corp.example", "erin@corp.example");
        MimeMessage email = onlyOneDeliveredTo(SMTP, "dana.ops@corp.example");
        assertThat(addresses(email, RecipientType.TO)).containsExactly("dana.ops@corp.example");
        assertThat(ReceivedMail.text(email, "text/plain"))
                .contains("dana-first-token", "dana-second-token", "dana-third-token").doesNotContain("erin-token");
        assertThat(ownerWorkbooksSent(run)).containsOnlyKeys("dana.ops@corp.example", "erin@corp.example");
        assertThat(findings.findingsByOwner(run.id())).containsExactly(
                new CountRow("dana.ops@corp.example", 3), new CountRow("erin@corp.example", 1));
    }

    @Test
    void aReminderSentToOneSpellingKeepsItsCadenceWhenTheOwnerIsSpelledTheOtherWayNextRun() throws Exception {
        AuditRun first = run(0, new Inventory(DAY_0).overdueToken("dana-token", "Dana.Ops@Corp.example", 30));
        AuditRun next = run(1, new Inventory(DAY_0).overdueToken("dana-token", "dana.ops@corp.example", 30));

        assertThat(ownerReminders(first)).isOne();
        assertThat(ownerReminders(next)).as("unchanged findings within remind-every, whatever the spelling").isZero();
        assertThat(ownerEmailsReceived()).isOne();
    }

    @Test
    void anUndeliveredReminderToTheOtherSpellingIsSupersededNotSentBesideTheNewOne() throws Exception {
        AuditRun first = run(0, new Inventory(DAY_0).overdueToken("dana-token", "Dana.Ops@Corp.example", 30));
        jdbc.sql("UPDATE mail_outbox SET state = 'FAILED_TEMPORARY' WHERE run_id = ? AND kind = 'OWNER_REMINDER'").param(first.id()).update();

        AuditRun next = run(1, new Inventory(DAY_0).overdueToken("dana-token", "dana.ops@corp.example", 30)
                .overdueToken("dana-new-token", "dana.ops@corp.example", 10));

        assertThat(ownerOutbox(first)).extracting(row -> row.get(1)).containsExactly("SUPERSEDED");
        assertThat(ownerOutbox(next)).extracting(row -> row.get(1)).containsExactly("SENT");
    }

    @Test
    void everyEmailSaysItIsAutoGeneratedAndCarriesTheConfiguredReplyTo() throws Exception {
        run(0, new Inventory(DAY_0).overdueToken("dana-token", "dana.ops@corp.example", 30));

        MimeMessage owner = onlyOneDeliveredTo(SMTP, "dana.ops@corp.example");
        MimeMessage auditor = onlyOneDeliveredTo(SMTP, "auditor@acme.example");
        for (MimeMessage email : new MimeMessage[] {owner, auditor}) {
            assertThat(email.getHeader("Auto-Submitted")).containsExactly("auto-generated");
            assertThat(Arrays.stream(email.getReplyTo()).map(a -> ((InternetAddress) a).getAddress()))
                    .containsExactly("security-team@acme.example");
            assertThat(((InternetAddress) email.getFrom()[0]).getAddress()).isEqualTo("secret-audit@acme.example");
        }
    }

    /** (recipient, state) of the run's owner reminders, by id. */
    private List<List<String>> ownerOutbox(AuditRun run) {
        return jdbc.sql("SELECT recipient, state FROM mail_outbox WHERE run_id = ? AND kind = 'OWNER_REMINDER' ORDER BY id")
                .param(run.id()).query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list();
    }

    private long ownerEmailsReceived() throws Exception {
        long count = 0;
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            count += addresses(message, RecipientType.TO).contains("auditor@acme.example") ? 0 : 1;
        }
        return count;
    }
}
