package ai.kubiya.secretaudit.notify;

import static ai.kubiya.secretaudit.support.ReceivedMail.addresses;
import static ai.kubiya.secretaudit.support.ReceivedMail.attachment;
import static ai.kubiya.secretaudit.support.ReceivedMail.attachmentNames;
import static ai.kubiya.secretaudit.support.ReceivedMail.deliveredTo;
import static ai.kubiya.secretaudit.support.ReceivedMail.headerBlock;
import static ai.kubiya.secretaudit.support.ReceivedMail.onlyOneDeliveredTo;
import static ai.kubiya.secretaudit.support.ReceivedMail.raw;
import static ai.kubiya.secretaudit.support.ReceivedMail.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.ReceivedMail;
import ai.kubiya.secretaudit.support.TestDatabases;
import ai.kubiya.secretaudit.support.Workbooks;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * docs/email.md end to end: the job on a real PostgreSQL delivering to a real SMTP server (GreenMail). Who is
 * emailed, when, with what, and what hostile data cannot do. Two Spring contexts: with a fallback recipient
 * (and escalation, auditors, From/Reply-To, allowed domains), and without one.
 */
class OwnerRemindersIntegrationTests {

    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final String HOSTILE_OWNER = "eve@acme.example\r\nBcc: spy@evil.example";

    static {
        SMTP.start();
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    static void registerCommon(DynamicPropertyRegistry registry, String name) throws Exception {
        TestDatabases.register(registry);
        Path reports = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), name);
        registry.add("audit.reports.dir", reports::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("audit.mail.from", () -> "secret-audit@acme.example"); // SMTP refuses one at localhost
    }

    @Nested
    @SpringBootTest(properties = {
            "audit.mail.from=secret-audit@acme.example",
            "audit.mail.reply-to=security-team@acme.example",
            "audit.mail.fallback-recipient=security@acme.example",
            "audit.mail.allowed-domains=acme.example",
            "audit.mail.escalate-after=14d",
            "audit.mail.escalation-cc=ciso@acme.example",
            "audit.mail.auditors=auditor@acme.example"})
    class WithFallbackRecipient extends AuditRunsSupport {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) throws Exception {
            registerCommon(registry, "reminders-fallback");
        }

        @BeforeEach
        void emptyMailboxes() throws Exception {
            SMTP.purgeEmailFromAllMailboxes();
        }

        @Autowired
        OwnerNotifier owners;

        @Test
        void theWarmUpComposesMadeUpRemindersAndNeitherStoresNorSendsAny() throws Exception {
            // given: a run, whose start started a warm-up that the reminder step stopped
            AuditRun run = run(0, new Inventory(DAY_0).overdueToken("bob-token", "bob@acme.example", 3));

            // when: another warm-up runs until it has composed a few emails
            owners.warmUp();
            Thread.sleep(300);
            ComposeWarmUp.Result warmUp = owners.stopWarmUp();

            // then: it composed emails without a failure, and none of them left this process
            assertThat(warmUp.composed()).isPositive();
            assertThat(warmUp.failed()).isZero();
            assertThat(owners.stopWarmUp()).isNull();
            assertThat(deliveredTo(SMTP, "owner@example.com")).isEmpty();
            assertThat(deliveredTo(SMTP, "bob@acme.example")).hasSize(1);
            for (MimeMessage message : SMTP.getReceivedMessages()) {
                assertThat(raw(message)).doesNotContain("warm-up-secret");
            }
            assertThat(jdbc.sql("SELECT count(*) FROM mail_outbox WHERE lower(recipient) = 'owner@example.com'"
                    + " OR run_id <> ?").param(run.id()).query(Long.class).single()).isZero();
        }

        @Test
        void eachOwnerWithSomethingToDoGetsOneEmailWithOnlyTheirFindings() throws Exception {
            // given
            Inventory inventory = new Inventory(DAY_0)
                    .overdueToken("alice-deploy-token", "alice@acme.example", 10)
                    .token("alice-ci-token", "alice@acme.example", 55)
                    .overdueToken("bob-token", "bob@acme.example", 3)
                    .token("carol-token", "carol@acme.example", 10);

            // when
            AuditRun run = run(0, inventory);

            // then: alice and bob, not carol (nothing to do)
            assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            assertThat(deliveredTo(SMTP, "bob@acme.example")).hasSize(1);
            assertThat(deliveredTo(SMTP, "carol@acme.example")).isEmpty();
            MimeMessage alice = onlyOneDeliveredTo(SMTP, "alice@acme.example");
            assertThat(addresses(alice, RecipientType.TO)).containsExactly("alice@acme.example");
            assertThat(addresses(alice, RecipientType.CC)).isEmpty();
            assertThat(alice.getFrom()).extracting(Object::toString).containsExactly("secret-audit@acme.example");
            assertThat(alice.getReplyTo()).extracting(Object::toString).containsExactly("security-team@acme.example");
            assertThat(alice.getSubject())
                    .isEqualTo("[Secret rotation] 1 secret overdue since 2026-11-16, 1 due soon");
            assertThat(alice.getMessageID()).isEqualTo(jdbc.sql(
                    "SELECT message_id FROM mail_outbox WHERE run_id = ? AND recipient = 'alice@acme.example'")
                    .param(run.id()).query(String.class).single());

            // an HTML table and a plain-text alternative, both with her rows only, worst first, with what to do
            assertThat(ReceivedMail.mimeTypes(alice)).contains("multipart/alternative", "text/plain", "text/html");
            assertThat(text(alice, "text/html"))
                    .containsSubsequence(">OVERDUE</td>", ">alice-deploy-token</b>",
                            "<br>rotation overdue since 2026-11-16 (10 days)<br>", "What to do: Rotate it: ",
                            ">DUE SOON</td>", ">alice-ci-token</b>", "<br>rotation due on 2026-12-01 (in 5 days)<br>")
                    .doesNotContain("bob-token");
            assertThat(text(alice, "text/plain"))
                    .containsSubsequence("OVERDUE: alice-deploy-token — rotation overdue since 2026-11-16 (10 days)",
                            "    What to do: Rotate it: ",
                            "DUE SOON: alice-ci-token — rotation due on 2026-12-01 (in 5 days)")
                    .contains("Request a waiver")
                    .doesNotContain("bob-token");

            // the attachment: her workbook, whose checksum the auditor workbook records
            assertThat(attachmentNames(alice)).containsExactly("secrets-2026-11-26.xlsx");
            byte[] workbook = attachment(alice, "secrets-2026-11-26.xlsx");
            Path saved = Files.write(Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "alice", ".xlsx"),
                    workbook);
            assertThat(Workbooks.rows(saved, "What to do"))
                    .extracting(row -> row.get("Severity"), row -> row.get("Secret"), row -> row.containsKey("Owner"))
                    .containsExactly(
                            tuple("OVERDUE", "alice-deploy-token", false),
                            tuple("DUE SOON", "alice-ci-token", false));
            assertThat(ownerWorkbooksSent(run))
                    .containsEntry("alice@acme.example", Sha256.hex(workbook))
                    .containsOnlyKeys("alice@acme.example", "bob@acme.example");
        }

        @Test
        void aRerunForTheSameAsOfSendsNoReminderAgain() throws Exception {
            // given
            Inventory inventory = new Inventory(DAY_0)
                    .overdueToken("alice-deploy-token", "alice@acme.example", 3)
                    .overdueToken("bob-token", "bob@acme.example", 3);
            AuditRun first = run(0, inventory);

            // when
            AuditRun rerun = run(0, inventory);

            // then
            assertThat(ownerReminders(first)).isEqualTo(2);
            assertThat(rerun.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            assertThat(ownerReminders(rerun)).isZero();
            assertThat(deliveredTo(SMTP, "alice@acme.example")).hasSize(1);
            assertThat(deliveredTo(SMTP, "bob@acme.example")).hasSize(1);
            assertThat(ownerWorkbooksSent(rerun)).isEmpty();
        }

        @Test
        void anUnchangedReminderIsSentAgainOnlyAfterRemindEvery() throws Exception {
            // given: long overdue on every day of the test, so the set of (secret, rule, status) never changes
            Inventory inventory = new Inventory(DAY_0).overdueToken("frank-token", "frank@acme.example", 100);

            // when / then
            run(0, inventory);
            assertThat(deliveredTo(SMTP, "frank@acme.example")).as("day 0").hasSize(1);
            run(3, inventory);
            assertThat(deliveredTo(SMTP, "frank@acme.example")).as("day 3").hasSize(1);
            run(6, inventory);
            assertThat(deliveredTo(SMTP, "frank@acme.example")).as("day 6").hasSize(1);
            AuditRun day7 = run(7, inventory);
            assertThat(deliveredTo(SMTP, "frank@acme.example")).as("day 7: remind-every (7d) has passed").hasSize(2);
            assertThat(ownerReminders(day7)).isEqualTo(1);
        }

        @Test
        void aChangeInTheSetOfFindingsIsEmailedBeforeRemindEvery() throws Exception {
            // given: on day 0 everyone is emailed
            Inventory day0 = new Inventory(DAY_0)
                    .overdueToken("grace-token", "grace@acme.example", 20)
                    .overdueToken("henry-token", "henry@acme.example", 20)
                    .token("ivan-token", "ivan@acme.example", 58)
                    .overdueToken("jack-token-1", "jack@acme.example", 20)
                    .overdueToken("jack-token-2", "jack@acme.example", 20);
            run(0, day0);
            // on day 3: grace has a new secret, ivan's turned OVERDUE (58 → 61 days), jack rotated one; henry as before
            Inventory day3 = new Inventory(DAY_0)
                    .overdueToken("grace-token", "grace@acme.example", 20)
                    .overdueToken("grace-new-token", "grace@acme.example", 1)
                    .overdueToken("henry-token", "henry@acme.example", 20)
                    .token("ivan-token", "ivan@acme.example", 58)
                    .overdueToken("jack-token-1", "jack@acme.example", 20);

            // when
            run(3, day3);

            // then
            assertThat(deliveredTo(SMTP, "henry@acme.example")).hasSize(1);
            assertThat(deliveredTo(SMTP, "grace@acme.example")).hasSize(2);
            assertThat(deliveredTo(SMTP, "ivan@acme.example")).hasSize(2);
            assertThat(deliveredTo(SMTP, "jack@acme.example")).hasSize(2);
            assertThat(text(deliveredTo(SMTP, "ivan@acme.example").get(1), "text/plain"))
                    .contains("OVERDUE: ivan-token — rotation overdue since 2026-11-28 (1 day)");
            assertThat(deliveredTo(SMTP, "jack@acme.example").get(1).getSubject())
                    .isEqualTo("[Secret rotation] 1 secret overdue since 2026-11-06");
        }

        @Test
        void findingsOverdueLongerThanEscalateAfterCopyTheEscalationAddress() throws Exception {
            // given: dave's token was due 15 days ago, erin's 14 (escalate-after = 14d)
            Inventory inventory = new Inventory(DAY_0)
                    .overdueToken("dave-token", "dave@acme.example", 15)
                    .overdueToken("erin-token", "erin@acme.example", 14);

            // when
            run(0, inventory);

            // then
            MimeMessage dave = onlyOneDeliveredTo(SMTP, "dave@acme.example");
            assertThat(addresses(dave, RecipientType.TO)).containsExactly("dave@acme.example");
            assertThat(addresses(dave, RecipientType.CC)).containsExactly("ciso@acme.example");
            MimeMessage erin = onlyOneDeliveredTo(SMTP, "erin@acme.example");
            assertThat(addresses(erin, RecipientType.CC)).isEmpty();
            MimeMessage ciso = onlyOneDeliveredTo(SMTP, "ciso@acme.example");
            assertThat(ciso.getMessageID()).isEqualTo(dave.getMessageID());
        }

        @Test
        void ownersThatCannotBeMailedGoToTheFallbackRecipientInOneEmail() throws Exception {
            // given: no owner, not an address, a domain outside allowed-domains, an address with a header in it
            Inventory inventory = new Inventory(DAY_0)
                    .overdueToken("alice-token", "alice@acme.example", 3)
                    .overdueToken("orphan-token", null, 3)
                    .overdueToken("legacy-token", "not-an-email", 3)
                    .overdueToken("partner-token", "mallory@elsewhere.example", 3)
                    .overdueToken("eve-token", HOSTILE_OWNER, 3);

            // when
            AuditRun run = run(0, inventory);

            // then: one email to the fallback with all of their rows, none to them
            MimeMessage fallback = onlyOneDeliveredTo(SMTP, "security@acme.example");
            assertThat(addresses(fallback, RecipientType.TO)).containsExactly("security@acme.example");
            assertThat(fallback.getSubject()).startsWith("[Secret rotation] 4 secrets overdue since ");
            Path saved = Files.write(Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "fallback",
                    ".xlsx"), attachment(fallback, "secrets-2026-11-26.xlsx"));
            List<Map<String, String>> rows = Workbooks.rows(saved, "What to do");
            assertThat(rows).extracting(row -> row.get("Owner")).contains("not-an-email", "mallory@elsewhere.example");
            assertThat(rows).extracting(row -> row.get("Secret")).containsOnly(
                    "orphan-token", "legacy-token", "partner-token", "eve-token");
            assertThat(rows).extracting(row -> row.get("Rule")).contains("ROTATION", "METADATA");
            assertThat(deliveredTo(SMTP, "alice@acme.example")).hasSize(1);
            assertThat(deliveredTo(SMTP, "mallory@elsewhere.example")).isEmpty();
            assertThat(deliveredTo(SMTP, "eve@acme.example")).isEmpty();
            assertThat(SMTP.findReceivedMessages(user -> user.getEmail().contains("evil.example"), m -> true)).isEmpty();
            assertThat(jdbc.sql("SELECT count(*) FROM unroutable_owner WHERE run_id = ?").param(run.id())
                    .query(Long.class).single()).isZero();
        }

        @Test
        void theFallbackRecipientsOwnFindingsAndTheUnroutableOnesComeInOneEmail() throws Exception {
            // given: the fallback address owns a secret too
            Inventory inventory = new Inventory(DAY_0)
                    .overdueToken("security-scanner-token", "security@acme.example", 3)
                    .overdueToken("partner-token", "mallory@elsewhere.example", 3);

            // when
            run(0, inventory);

            // then
            MimeMessage fallback = onlyOneDeliveredTo(SMTP, "security@acme.example");
            assertThat(text(fallback, "text/plain")).contains("security-scanner-token").contains("partner-token");
        }

        @Test
        void auditorsReceiveTheAuditorWorkbookWithItsChecksum() throws Exception {
            // given
            Inventory inventory = new Inventory(DAY_0).overdueToken("alice-token", "alice@acme.example", 3);

            // when
            AuditRun run = run(0, inventory);

            // then
            Path workbook = Path.of(run.workbookPath());
            String sha256 = Sha256.hex(workbook);
            assertThat(run.workbookSha256()).isEqualTo(sha256);
            MimeMessage auditor = onlyOneDeliveredTo(SMTP, "auditor@acme.example");
            assertThat(addresses(auditor, RecipientType.TO)).containsExactly("auditor@acme.example");
            assertThat(auditor.getSubject()).contains("2026-11-26").contains("run " + run.id());
            String name = "audit-2026-11-26-run" + run.id() + ".xlsx";
            assertThat(attachmentNames(auditor)).containsExactly(name);
            assertThat(Sha256.hex(attachment(auditor, name))).isEqualTo(sha256);
            assertThat(text(auditor, "text/plain")).contains("SHA-256 of the workbook: " + sha256);
            assertThat(text(auditor, "text/html")).contains(sha256);
        }

        @Test
        void aWorkbookTooLargeToAttachIsNamedWithHowToExportIt(@Autowired OutboxRepository outbox,
                                                              @Autowired MailProperties mail) throws Exception {
            // given: a run, and an attachment limit smaller than its workbook
            AuditRun run = run(0, new Inventory(DAY_0).overdueToken("alice-token", "alice@acme.example", 3));
            MailProperties tiny = new MailProperties(mail.from(), mail.replyTo(), List.of("archive@acme.example"),
                    mail.fallbackRecipient(), mail.allowedDomains(), mail.remindEvery(), mail.escalateAfter(),
                    mail.escalationCc(), mail.maxAttempts(), org.springframework.util.unit.DataSize.ofBytes(100),
                    mail.guidance(), mail.waiverRequest(), mail.templatesDir());

            // when
            new AuditorNotifier(outbox, tiny, new MessageComposer(tiny)).queueWorkbook(run.id(), java.time.LocalDate.of(2026, 11, 26),
                    Path.of(run.workbookPath()), run.workbookSha256());

            // then
            byte[] stored = jdbc.sql("SELECT mime FROM mail_outbox WHERE run_id = ? AND recipient = 'archive@acme.example'")
                    .param(run.id()).query(byte[].class).single();
            MimeMessage message = MessageComposer.parse(stored);
            assertThat(attachmentNames(message)).isEmpty();
            assertThat(text(message, "text/plain")).contains("too large to attach")
                    .contains("export --run=" + run.id()).contains(run.workbookSha256());
        }

        @Test
        void hostileNamesOwnersAndDescriptionsCannotAddMarkupHeadersOrRecipients() throws Exception {
            // given
            String description = "</td></tr></table><script>alert('description')</script>\r\nBcc: spy@evil.example";
            Inventory inventory = new Inventory(DAY_0)
                    .overdueToken("<script>alert(1)</script>", "alice@acme.example", 3).with("description", description)
                    .overdueToken("\"><img src=x>", "alice@acme.example", 4).with("description", description)
                    .overdueToken("eve-token", HOSTILE_OWNER, 3).with("description", description);

            // when
            run(0, inventory);

            // then: the names are shown as text, never as markup
            MimeMessage alice = onlyOneDeliveredTo(SMTP, "alice@acme.example");
            assertThat(text(alice, "text/html"))
                    .contains("word-break:break-all\">&lt;script&gt;alert(1)&lt;/script&gt;</b>")
                    .contains("word-break:break-all\">&quot;&gt;&lt;img src=x&gt;</b>")
                    .doesNotContain("<script").doesNotContain("<img").doesNotContain("alert('description')");
            // no header or recipient came from the data: the hostile owner is an invalid address, routed to the fallback
            MimeMessage fallback = onlyOneDeliveredTo(SMTP, "security@acme.example");
            for (MimeMessage message : SMTP.getReceivedMessages()) {
                assertThat(headerBlock(message)).doesNotContainPattern(Pattern.compile("(?im)^bcc:"))
                        .doesNotContain("evil.example");
                assertThat(message.getAllRecipients()).extracting(Object::toString)
                        .allMatch(address -> address.endsWith("@acme.example") && !address.contains("\n"));
                assertThat(raw(message)).doesNotContain("alert('description')");
            }
            assertThat(text(fallback, "text/html")).contains("eve-token").doesNotContain("<script");
            assertThat(SMTP.findReceivedMessages(user -> user.getEmail().contains("evil.example"), m -> true)).isEmpty();
            assertThat(deliveredTo(SMTP, "eve@acme.example")).isEmpty();
        }
    }

    @Nested
    @SpringBootTest(properties = "audit.mail.allowed-domains=acme.example")
    class WithoutFallbackRecipient extends AuditRunsSupport {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) throws Exception {
            registerCommon(registry, "reminders-unroutable");
        }

        @BeforeEach
        void emptyMailboxes() throws Exception {
            SMTP.purgeEmailFromAllMailboxes();
        }

        @Test
        void ownersThatCannotBeMailedAreRecordedAsUnroutableAndListedOnTheRunSheet() throws Exception {
            // given
            Inventory inventory = new Inventory(DAY_0)
                    .overdueToken("alice-token", "alice@acme.example", 3)
                    .overdueToken("orphan-token", null, 3)
                    .overdueToken("legacy-token", "not-an-email", 3)
                    .overdueToken("partner-token", "mallory@elsewhere.example", 3)
                    .overdueToken("eve-token", HOSTILE_OWNER, 3);

            // when
            AuditRun run = run(0, inventory);

            // then: alice is emailed, nobody else
            assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            assertThat(SMTP.getReceivedMessages()).hasSize(1);
            assertThat(deliveredTo(SMTP, "alice@acme.example")).hasSize(1);
            assertThat(outbox(run)).containsExactly(List.of("alice@acme.example", "SENT", 1));
            assertThat(jdbc.sql("SELECT owner, reason FROM unroutable_owner WHERE run_id = ? ORDER BY owner")
                    .param(run.id()).query((rs, n) -> rs.getString(1) + " | " + rs.getString(2)).list())
                    .containsExactlyInAnyOrder(
                            "null | no owner (created_by) recorded",
                            "not-an-email | not a valid email address: has no @domain",
                            "mallory@elsewhere.example | domain not in audit.mail.allowed-domains",
                            HOSTILE_OWNER + " | not a valid email address: contains a control character");
            assertThat(runSheetLines(run))
                    .contains("Unroutable owners")
                    .contains("(none): no owner (created_by) recorded")
                    .contains("not-an-email: not a valid email address: has no @domain")
                    .contains("mallory@elsewhere.example: domain not in audit.mail.allowed-domains")
                    .anyMatch(line -> line.startsWith("eve@acme.example") && line.contains("spy@evil.example"));
        }

        @Test
        void aDryRunQueuesRecordsAndSendsNothing() throws Exception {
            // given
            Inventory inventory = new Inventory(DAY_0)
                    .overdueToken("alice-token", "alice@acme.example", 3)
                    .overdueToken("legacy-token", "not-an-email", 3);

            // when
            AuditRun dry = dryRun(0, inventory);

            // then
            assertThat(dry.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            assertThat(Path.of(dry.workbookPath())).exists();
            assertThat(SMTP.getReceivedMessages()).isEmpty();
            assertThat(jdbc.sql("SELECT count(*) FROM mail_outbox").query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM unroutable_owner").query(Long.class).single()).isZero();

            // and the next real run emails alice: the dry run did not count as her last email
            run(1, inventory);
            assertThat(deliveredTo(SMTP, "alice@acme.example")).hasSize(1);
        }
    }
}
