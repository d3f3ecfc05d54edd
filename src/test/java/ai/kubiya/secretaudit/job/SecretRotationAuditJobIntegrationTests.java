package ai.kubiya.secretaudit.job;

import static ai.kubiya.secretaudit.support.ReceivedMail.attachment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.run.LaunchOptions;
import ai.kubiya.secretaudit.support.DatabaseDump;
import ai.kubiya.secretaudit.support.TestFiles;
import ai.kubiya.secretaudit.support.TestMail;
import ai.kubiya.secretaudit.support.Workbooks;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole job on a real PostgreSQL and a real SMTP server: a fixed inventory and as-of produce exactly
 * the expected findings, workbook rows and emails.
 */
@SpringBootTest
class SecretRotationAuditJobIntegrationTests {

    static final Instant AS_OF = Instant.parse("2026-11-26T00:00:00Z");
    static final String CANARY = "CANARY-SECRET-VALUE-7f3a9c";
    static final GreenMail SMTP = TestMail.startSmtp();
    static final Path WORK = TestFiles.directory("job-it");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestMail.registerRun(registry, SMTP, WORK);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    AuditRunLauncher launcher;

    @Autowired
    JdbcClient jdbc;

    Path inventory;

    @BeforeEach
    void writeInventory() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        inventory = WORK.resolve("inventory.json");
        Files.writeString(inventory, "[" + String.join(",",
                secret("github-deploy-token", "token", "alice@acme.example", "created_at", 300, "rotated_at", 61, "last_used", 1),
                secret("slack-bot-token", "token", "alice@acme.example", "created_at", 50, "last_used", 1),
                secret("datadog-api-key", "API Key", "bob@acme.example", "created_at", 10),
                secret("jira-api-key", "api_key", "bob@acme.example", "created_at", 200, "rotated_at", 10, "last_used", 100),
                secret("ingress-tls", "certificate", "carol@acme.example", "created_at", 10, "last_used", 1)
                        .replace("}", ",\"expires_at\":\"" + AS_OF.plus(Duration.ofDays(10)) + "\"}"),
                secret("legacy-db-credentials", "credentials", "not-an-email", "created_at", 5, "last_used", 1),
                "{\"type\":\"token\",\"created_by\":\"eve@acme.example\"}",
                secret("aws-env", "env_var", "dave@acme.example", "created_at", 5, "last_used", 1)
                        .replace("}", ",\"value\":\"" + CANARY + "\"}"))
                + "]");
    }

    @Test
    void fixedInventoryProducesExactlyTheExpectedFindingsWorkbookAndEmails() throws Exception {
        // when
        AuditRun run = launcher.launch(AS_OF, "file:" + inventory, false);

        // then: the run
        assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
        assertThat(run.read()).isEqualTo(8);
        assertThat(run.evaluated()).isEqualTo(7);
        assertThat(run.malformed()).isEqualTo(1);

        // the findings in PostgreSQL
        assertThat(jdbc.sql("SELECT secret, rule, status, lifecycle FROM finding WHERE run_id = ? ORDER BY secret, rule")
                .param(run.id()).query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list())
                .containsExactly(
                        tuple("github-deploy-token", "ROTATION", "OVERDUE", "NEW"),
                        tuple("ingress-tls", "CERTIFICATE_EXPIRY", "EXPIRING", "NEW"),
                        tuple("jira-api-key", "UNUSED", "UNUSED", "NEW"),
                        tuple("legacy-db-credentials", "METADATA", "INSUFFICIENT_DATA", "NEW"),
                        tuple("slack-bot-token", "ROTATION", "DUE_SOON", "NEW"));

        // the auditor workbook
        Path workbook = Path.of(run.workbookPath());
        assertThat(workbook).isEqualTo(WORK.resolve("reports/2026-11-26/audit-2026-11-26-run" + run.id() + ".xlsx"));
        assertThat(Workbooks.sheetNames(workbook)).contains("Summary", "Findings", "Inventory", "Run");
        List<Map<String, String>> findingRows = Workbooks.rows(workbook, "Findings");
        assertThat(findingRows).extracting(r -> r.get("Secret"), r -> r.get("Rule"), r -> r.get("Status"))
                .containsExactlyInAnyOrder(
                        tuple("github-deploy-token", "ROTATION", "OVERDUE"),
                        tuple("ingress-tls", "CERTIFICATE_EXPIRY", "EXPIRING"),
                        tuple("jira-api-key", "UNUSED", "UNUSED"),
                        tuple("legacy-db-credentials", "METADATA", "INSUFFICIENT_DATA"),
                        tuple("slack-bot-token", "ROTATION", "DUE_SOON"));
        assertThat(Workbooks.rows(workbook, "Inventory")).hasSize(7);
        assertThat(Workbooks.allText(workbook)).contains("not-an-email").contains("record 6: no usable name");
        assertThat(jdbc.sql("SELECT workbook_sha256 FROM audit_run WHERE id = ?").param(run.id()).query(String.class)
                .single()).isEqualTo(ai.kubiya.secretaudit.Sha256.hex(workbook));
        tools.jackson.databind.JsonNode manifest = tools.jackson.databind.json.JsonMapper.shared()
                .readTree(workbook.resolveSibling("audit-2026-11-26-run" + run.id() + ".manifest.json").toFile());
        assertThat(manifest.get("workbook").get("file").asString()).isEqualTo(workbook.getFileName().toString());
        assertThat(manifest.get("workbook").get("sha256").asString()).isEqualTo(ai.kubiya.secretaudit.Sha256.hex(workbook));
        assertThat(manifest.get("workbook").get("size").asLong()).isEqualTo(Files.size(workbook));

        // the emails: one per owner with something to do, each with only their rows
        MimeMessage[] messages = SMTP.getReceivedMessages();
        assertThat(Arrays.stream(messages).map(SecretRotationAuditJobIntegrationTests::recipient))
                .containsExactlyInAnyOrder("alice@acme.example", "bob@acme.example", "carol@acme.example");
        MimeMessage alice = Arrays.stream(messages).filter(m -> recipient(m).startsWith("alice")).findFirst().orElseThrow();
        assertThat(alice.getSubject()).isEqualTo("[Secret rotation] 1 secret overdue since 2026-11-25, 1 due soon");
        Path attachment = WORK.resolve("alice.xlsx");
        Files.write(attachment, attachment(alice, "secrets-2026-11-26.xlsx"));
        assertThat(Workbooks.rows(attachment, "What to do")).extracting(r -> r.get("Secret"))
                .containsExactlyInAnyOrder("github-deploy-token", "slack-bot-token");

        // no secret value anywhere
        assertThat(Workbooks.allText(workbook)).doesNotContain(CANARY);
        for (MimeMessage message : messages) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            assertThat(raw.toString()).doesNotContain(CANARY);
        }
        assertThat(DatabaseDump.allText(jdbc)).doesNotContain(CANARY).contains("github-deploy-token");
    }

    @Test
    void aRerunForTheSameAsOfSendsNothingNew() throws Exception {
        Instant later = AS_OF.plus(Duration.ofDays(30));
        LaunchOptions mayBeAhead = new LaunchOptions(false, true, false); // of the clock: a fixed date, not now
        launcher.launch(later, "file:" + inventory, mayBeAhead);
        int first = SMTP.getReceivedMessages().length;

        AuditRun rerun = launcher.launch(later, "file:" + inventory, mayBeAhead);

        assertThat(first).isPositive();
        assertThat(rerun.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
        assertThat(SMTP.getReceivedMessages()).hasSize(first);
        assertThat(jdbc.sql("SELECT count(*) FROM finding WHERE run_id = ? AND lifecycle = 'NEW'").param(rerun.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aDryRunReportsButEmailsNobody() throws Exception {
        AuditRun run = launcher.launch(AS_OF.plus(Duration.ofDays(2)), "file:" + inventory, true);

        assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
        assertThat(Path.of(run.workbookPath())).exists();
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM mail_outbox WHERE run_id = ?").param(run.id()).query(Long.class).single())
                .isZero();
    }

    @Test
    void anUnreadableInventoryFailsTheRunAndEmailsNobody() throws Exception {
        Files.writeString(inventory, "[{\"name\": \"cut-off\", \"type\": \"tok");

        AuditRun run = launcher.launch(AS_OF.plus(Duration.ofDays(3)), "file:" + inventory, false);

        assertThat(run.status()).isEqualTo(AuditRun.RunStatus.FAILED);
        assertThat(run.failure()).contains("truncated");
        assertThat(run.workbookPath()).isNull();
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }


    private static String secret(String name, String type, String owner, Object... daysAgo) {
        StringBuilder json = new StringBuilder("{\"name\":\"" + name + "\",\"type\":\"" + type
                + "\",\"scope\":\"org\",\"integration\":\"github\",\"created_by\":\"" + owner + "\"");
        for (int i = 0; i < daysAgo.length; i += 2) {
            json.append(",\"").append(daysAgo[i]).append("\":\"")
                    .append(AS_OF.minus(Duration.ofDays((Integer) daysAgo[i + 1]))).append('"');
        }
        return json.append('}').toString();
    }

    private static String recipient(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return to[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
