package ai.kubiya.secretaudit.notify;

import static ai.kubiya.secretaudit.support.ReceivedMail.attachment;
import static ai.kubiya.secretaudit.support.ReceivedMail.onlyOneDeliveredTo;
import static ai.kubiya.secretaudit.support.ReceivedMail.text;
import static ai.kubiya.secretaudit.support.SecretBuilder.okSecretAsOf;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.TestDatabases;
import ai.kubiya.secretaudit.support.Workbooks;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * docs/owners.md end to end, read back from a real SMTP server: a certificate that expired yesterday is the first
 * thing an owner with 40 long-overdue tokens reads — in the subject, the body and the workbook — with what to do,
 * the configured link filled with the secret's own (encoded) name, and where to ask for a waiver.
 */
@SpringBootTest(properties = {
        "audit.mail.from=secret-audit@acme.example",
        "audit.mail.guidance.certificate.link=https://cp.acme.example/secrets/{scope}/{name}?integration={integration}",
        "audit.mail.guidance.ROTATION.text=Rotate it with the vault runbook.",
        "audit.mail.waiver-request=waivers@acme.example"})
class WorstFirstRemindersIntegrationTests extends AuditRunsSupport {

    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static final String OWNER = "dana@acme.example";
    private static final String CERTIFICATE = "tls api/edge";
    private static final String LINK = "https://cp.acme.example/secrets/org/tls%20api%2Fedge?integration=github";

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
        Path reports = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "worst-first");
        registry.add("audit.reports.dir", reports::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @Test
    void aCertificateThatExpiredYesterdayComesFirstInTheSubjectTheBodyAndTheWorkbook() throws Exception {
        // given: 40 tokens overdue for more than a year, listed first, and a certificate that expired yesterday
        Inventory inventory = new Inventory(DAY_0);
        for (int i = 0; i < 40; i++) {
            inventory.overdueToken(String.format("token-%02d", i), OWNER, 400 + i);
        }
        inventory.add(okSecretAsOf(DAY_0).name(CERTIFICATE).type("certificate").scope("org").integration("github")
                .createdBy(OWNER).description(null).expiresAt(DAY_0.minus(Duration.ofDays(1))));

        // when
        AuditRun run = run(0, inventory);

        // then: the subject names the worst thing in words, and says how late the rest is
        assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
        MimeMessage dana = onlyOneDeliveredTo(SMTP, OWNER);
        assertThat(dana.getSubject()).isEqualTo("[Secret rotation] 1 certificate EXPIRED, 40 secrets overdue since "
                + "2025-09-13");

        // the plain text: the certificate first, what to do with its link, the oldest token next, a waiver address
        List<String> lines = text(dana, "text/plain").lines().toList();
        assertThat(lines.get(0)).isEqualTo("The secret rotation audit of 2026-11-26 found 41 secrets of yours that"
                + " need attention (41 findings), worst first:");
        assertThat(lines.subList(2, 7)).containsExactly(
                "EXPIRED: " + CERTIFICATE + " — expired on 2026-11-25 (1 day ago)",
                "    What to do: Renew the certificate, deploy it everywhere it is used, then revoke the old one.",
                "    " + LINK,
                "OVERDUE: token-39 — rotation overdue since 2025-09-13 (439 days)",
                "    What to do: Rotate it with the vault runbook.");
        assertThat(lines).contains("… and 16 more in the attached workbook.",
                "Cannot fix it in time? Request a waiver: mailto:waivers@acme.example");

        // the HTML: the same order, the severity as a word on its colour, the link as a link
        String html = text(dana, "text/html");
        assertThat(html).containsSubsequence("<th", "background:#C00000;color:#fff;font-weight:bold;"
                + "white-space:nowrap\">EXPIRED</td>", CERTIFICATE, "<a href=\"" + LINK + "\">Open</a>",
                "background:#E46C0A", "token-39");
        assertThat(html).contains("<a href=\"mailto:waivers@acme.example\">Request a waiver</a>");

        // the workbook: "What to do" is the first sheet, the certificate its first row
        Path saved = Files.write(Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "dana",
                ".xlsx"), attachment(dana, "secrets-2026-11-26.xlsx"));
        assertThat(Workbooks.sheetNames(saved)).startsWith("What to do");
        List<Map<String, String>> rows = Workbooks.rows(saved, "What to do");
        assertThat(rows).hasSize(41);
        assertThat(rows.get(0)).containsEntry("Severity", "EXPIRED").containsEntry("Secret", CERTIFICATE)
                .containsEntry("Link", LINK).doesNotContainKeys("Owner", "Controls");
        assertThat(rows.get(1)).containsEntry("Secret", "token-39").containsEntry("Days overdue", "439");
    }
}
