package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.report.OwnerWorkbookWriter;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.TestDatabases;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Not a test, and compiled only in the {@code bench} profile (src/bench/java): owners notified per second for
 * 10,000 owners, owner workbooks and SMTP to a local server (GreenMail) included, beside a bare SMTP send of
 * as many small messages over one connection in the same process. Run it on its own:
 * {@code mvn -B -Pbench test -Dtest=OwnerNotificationBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbenchmark.owners=N}, at least the 1,000 of the warm-up: fewer trips the inventory shrink guard).
 */
@Tag("benchmark")
@SpringBootTest
class OwnerNotificationBenchmark extends AuditRunsSupport {

    static final int OWNERS = Integer.getInteger("benchmark.owners", 10_000);
    static final int WARM_UP_OWNERS = 1_000;
    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry);
        Path reports = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bench-mail");
        registry.add("audit.reports.dir", reports::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("audit.mail.from", () -> "secret-audit@acme.example"); // SMTP refuses one at localhost
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Test
    void ownersNotifiedPerSecond() throws Exception {
        // warm-up: the same code paths on other owners, and the bare SMTP baseline
        run(0, owners("warm", WARM_UP_OWNERS));
        bareSmtp(WARM_UP_OWNERS);
        SMTP.purgeEmailFromAllMailboxes();

        // measured
        double baseline = bareSmtp(OWNERS);
        SMTP.purgeEmailFromAllMailboxes();
        AuditRun run = run(1, owners("owner", OWNERS));

        assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
        assertThat(ownerReminders(run)).isEqualTo(OWNERS);
        assertThat(SMTP.getReceivedMessages()).hasSize(OWNERS);
        Map<String, Double> seconds = stepSeconds();
        double queue = seconds.get("queueOwnerRemindersStep");
        double send = seconds.get("sendOwnerRemindersStep");
        System.out.printf("%n[benchmark] %,d owners x 2 overdue secrets: queueOwnerRemindersStep %.2f s"
                        + " (workbooks + MIME + outbox + SMTP, each sent as stored), sendOwnerRemindersStep %.2f s"
                        + " (what was left)%n", OWNERS, queue, send);
        System.out.printf("[benchmark] owner notifications: %,.0f owners/s (queue %,.0f/s, send %,.0f/s)%n",
                OWNERS / (queue + send), OWNERS / queue, OWNERS / send);
        System.out.printf("[benchmark] baseline, bare SMTP of %,d small messages over one connection: %,.0f messages/s%n",
                OWNERS, baseline);
        printWhereQueueingGoes();
    }

    /** The queue step's parts without the database: an owner workbook of 2 rows, then its MIME message. */
    private static void printWhereQueueingGoes() {
        OwnerWorkbookWriter writer = new OwnerWorkbookWriter();
        OwnerGuidance guidance = new OwnerGuidance(new GuidanceProperties(null, null));
        OwnerReminder reminder = new OwnerReminder(guidance);
        MessageComposer composer = new MessageComposer(new MailProperties("secret-audit@localhost", null, List.of(),
                null, List.of(), Duration.ofDays(7), Duration.ofDays(14), List.of(), 5,
                org.springframework.util.unit.DataSize.ofMegabytes(20), null, null, null));
        LocalDate asOf = LocalDate.of(2026, 11, 27);
        List<FindingRow> rows = List.of(row("a-deploy-token", asOf.minusDays(21)), row("a-ci-token", asOf.minusDays(6)));
        int count = 2_000;
        for (String pass : List.of("warm-up", "measured")) {
            long start = System.nanoTime();
            byte[] workbook = null;
            for (int i = 0; i < count; i++) {
                workbook = writer.write("owner" + i + "@acme.example", asOf, rows, guidance::advice, null);
            }
            long workbooks = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                OwnerReminder.Rendered parts = reminder.render(asOf, rows);
                composer.compose("<" + i + "@bench>", new MessageComposer.Content(
                        MailProperties.address("owner" + i + "@acme.example"),
                        List.of(), parts.subject(), parts.text(), parts.html(), "secrets-" + asOf + ".xlsx",
                        workbook));
            }
            long mime = System.nanoTime() - start;
            if (pass.equals("measured")) {
                System.out.printf("[benchmark] queue step parts, in memory: owner workbook %.2f ms (%,d bytes),"
                                + " MIME %.2f ms per owner; the rest is PostgreSQL%n%n",
                        workbooks / 1e6 / count, workbook.length, mime / 1e6 / count);
            }
        }
    }

    private static FindingRow row(String secret, LocalDate due) {
        return new FindingRow(secret, "token", "org", "github", "owner@acme.example", Rule.ROTATION, Status.OVERDUE,
                Severity.HIGH, due, 81, "NEW", "rotation was due " + due);
    }

    private static Inventory owners(String prefix, int count) {
        Inventory inventory = new Inventory(DAY_0);
        for (int i = 0; i < count; i++) {
            String owner = prefix + i + "@acme.example";
            inventory.overdueToken(prefix + i + "-deploy-token", owner, 20).overdueToken(prefix + i + "-ci-token", owner, 5);
        }
        return inventory;
    }

    private Map<String, Double> stepSeconds() {
        return jdbc.sql("""
                        SELECT DISTINCT ON (step_name) step_name, extract(epoch FROM end_time - start_time)::float8
                        FROM batch_step_execution
                        WHERE step_name IN ('queueOwnerRemindersStep', 'sendOwnerRemindersStep')
                        ORDER BY step_name, step_execution_id DESC""")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getDouble(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** @return messages per second for {@code count} small messages over one connection */
    private static double bareSmtp(int count) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(SMTP.getSmtp().getPort()));
        Session session = Session.getInstance(properties);
        long start = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < count; i++) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom("secret-audit@localhost");
                message.setRecipient(RecipientType.TO, new InternetAddress("baseline" + i + "@acme.example"));
                message.setSubject("baseline " + i);
                message.setText("A small message.");
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
