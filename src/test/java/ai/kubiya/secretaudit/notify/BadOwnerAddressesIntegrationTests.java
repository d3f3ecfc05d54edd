package ai.kubiya.secretaudit.notify;

import static ai.kubiya.secretaudit.support.ReceivedMail.attachment;
import static ai.kubiya.secretaudit.support.ReceivedMail.deliveredTo;
import static ai.kubiya.secretaudit.support.ReceivedMail.onlyOneDeliveredTo;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.policy.EmailAddresses;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.support.BadOwnerAddresses;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.TestDatabases;
import ai.kubiya.secretaudit.support.Workbooks;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 12, case 1, end to end on a real PostgreSQL and a real SMTP server (GreenMail): an inventory whose owners
 * include every address of {@link BadOwnerAddresses} beside good ones. The run completes, each good owner gets
 * one email, each bad owner is unroutable (or goes to the fallback recipient) with the reason, and no bad owner
 * is ever read as some other recipient.
 */
class BadOwnerAddressesIntegrationTests {

    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final List<String> GOOD_OWNERS = List.of("alice@acme.example", "bob+reminders@acme.example",
            "first.last@mail.eu.acme.example", "o'brien@acme.example", "carol@xn--mnchen-3ya.de");

    static {
        SMTP.start();
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    static void register(DynamicPropertyRegistry registry, String name) throws Exception {
        TestDatabases.register(registry);
        Path reports = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), name);
        registry.add("audit.reports.dir", reports::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("audit.mail.from", () -> "secret-audit@acme.example"); // SMTP refuses one at localhost
    }

    /** One overdue token per good owner, {@code good-<i>}, and per bad one, {@code bad-<i>}. */
    static Inventory goodAndBadOwners() {
        Inventory inventory = new Inventory(AuditRunsSupport.DAY_0);
        for (int i = 0; i < GOOD_OWNERS.size(); i++) {
            inventory.overdueToken("good-" + i, GOOD_OWNERS.get(i), 5);
        }
        for (int i = 0; i < BadOwnerAddresses.ALL.size(); i++) {
            inventory.overdueToken("bad-" + i, BadOwnerAddresses.ALL.get(i), 5);
        }
        return inventory;
    }

    /**
     * Owner as stored → why it is unroutable. PostgreSQL text cannot hold a NUL: it is stored as U+FFFD, which the
     * parser names as unreadable (never dropped, which would make {@code vic\0tim@} into {@code victim@}). An owner
     * longer than an address can be is kept as its first 254 characters and a cut mark.
     */
    static Map<String, String> expectedUnroutable() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (BadOwnerAddresses.Case bad : BadOwnerAddresses.CASES) {
            String stored = bad.address().replace('\u0000', '\uFFFD');
            String problem = stored.equals(bad.address()) ? bad.problem()
                    : EmailAddresses.parse("\uFFFD@acme.example").problem();
            if (stored.length() > EmailAddresses.MAX_LENGTH) {
                stored = stored.substring(0, EmailAddresses.MAX_LENGTH) + " …";
            }
            expected.put(stored, "not a valid email address: " + problem);
        }
        return expected;
    }

    /** Every address the server accepted a message for since the mailboxes were last emptied. */
    static Set<String> smtpRecipients() {
        Set<String> recipients = new TreeSet<>();
        for (GreenMailUser user : SMTP.getUserManager().listUser()) {
            if (!deliveredTo(SMTP, user.getEmail()).isEmpty()) {
                recipients.add(user.getEmail().toLowerCase(Locale.ROOT));
            }
        }
        return recipients;
    }

    static void assertNoBadOwnerWasReadAsAnotherRecipient(Set<String> allowed) {
        Set<String> recipients = smtpRecipients();
        assertThat(allowed).containsAll(recipients);
        assertThat(recipients).doesNotContainAnyElementsOf(BadOwnerAddresses.NEVER_RECIPIENTS)
                .noneMatch(recipient -> recipient.contains("evil"));
    }

    @Nested
    @SpringBootTest
    class WithoutFallbackRecipient extends AuditRunsSupport {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) throws Exception {
            register(registry, "bad-owners-unroutable");
        }

        @BeforeEach
        void emptyMailboxes() throws Exception {
            SMTP.purgeEmailFromAllMailboxes();
        }

        @Test
        void theRunCompletesEachGoodOwnerGetsOneEmailAndEachBadOneIsListedWithTheReason() throws Exception {
            // when
            AuditRun run = run(0, goodAndBadOwners());

            // then: completed, with the auditor workbook
            assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            assertThat(Path.of(run.workbookPath())).exists();
            for (String good : GOOD_OWNERS) {
                assertThat(deliveredTo(SMTP, good)).as(good).hasSize(1);
            }
            assertNoBadOwnerWasReadAsAnotherRecipient(new TreeSet<>(GOOD_OWNERS));
            assertThat(outbox(run)).extracting(row -> row.get(0)).containsExactlyInAnyOrderElementsOf(GOOD_OWNERS);
            assertThat(outbox(run)).extracting(row -> row.get(1)).containsOnly("SENT");

            // each bad owner unroutable with the reason, on the Run sheet too
            Map<String, String> expected = expectedUnroutable();
            Map<String, String> recorded = new LinkedHashMap<>();
            jdbc.sql("SELECT owner, reason FROM unroutable_owner WHERE run_id = ?").param(run.id())
                    .query(rs -> {
                        recorded.put(rs.getString(1), rs.getString(2));
                    });
            assertThat(recorded).containsExactlyInAnyOrderEntriesOf(expected);
            List<String> lines = runSheetLines(run);
            expected.forEach((owner, reason) -> assertThat(lines).contains(owner + ": " + reason));

            // and the METADATA rule refused the same owners: one parser for both
            assertThat(jdbc.sql("SELECT secret FROM finding WHERE run_id = ? AND rule = 'METADATA'").param(run.id())
                    .query(String.class).list()).allMatch(secret -> secret.startsWith("bad-"))
                    .hasSize(BadOwnerAddresses.ALL.size());
        }

        @Test
        void theNextRunCompletesTooAndSendsNothingTwice() throws Exception {
            // given
            run(0, goodAndBadOwners());

            // when: the restart of issue 12 failed the same way every night
            AuditRun next = run(1, goodAndBadOwners());

            // then
            assertThat(next.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            assertThat(ownerReminders(next)).isZero();
            for (String good : GOOD_OWNERS) {
                assertThat(deliveredTo(SMTP, good)).as(good).hasSize(1);
            }
            assertThat(jdbc.sql("SELECT count(*) FROM unroutable_owner WHERE run_id = ?").param(next.id())
                    .query(Long.class).single()).isEqualTo(expectedUnroutable().size());
        }

        @Test
        void aStoredReminderToAnAddressTheParserRefusesIsNeverSentNorRetried() throws Exception {
            // given: rows an earlier version queued, to a group and to an IDN, waiting for a retry
            String notSent = "not sent: the recipient is not a valid email address: ";
            AuditRun earlier = run(0, new Inventory(DAY_0).overdueToken("alice-token", "alice@acme.example", 5));
            storeLeftOver(earlier, "team:evil@evil.test;");
            storeLeftOver(earlier, "bob@münchen.de");

            // when
            AuditRun next = run(1, new Inventory(DAY_0).overdueToken("alice-token", "alice@acme.example", 5));

            // then: given up at once, with the reason, and nothing reached the server
            assertThat(next.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            assertThat(jdbc.sql("SELECT recipient, state, attempts, last_error FROM mail_outbox WHERE run_id = ?"
                            + " AND recipient <> 'alice@acme.example' ORDER BY id").param(earlier.id())
                    .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4))).list())
                    .containsExactly(
                            List.of("team:evil@evil.test;", "FAILED_PERMANENT", 2, notSent
                                    + "an address group (name:addresses;), not one mailbox"),
                            List.of("bob@münchen.de", "FAILED_PERMANENT", 2, notSent
                                    + "internationalised address (non-ASCII characters) not supported"));
            assertNoBadOwnerWasReadAsAnotherRecipient(Set.of("alice@acme.example"));
            assertThat(runSheetLines(next)).anyMatch(line -> line.startsWith("team:evil@evil.test; (queued by run "
                    + earlier.id() + "): FAILED_PERMANENT after 2 attempt(s): not sent"));
        }

        /** A reminder as a version with the loose check stored it: To the raw string, one failed attempt behind it. */
        private void storeLeftOver(AuditRun run, String recipient) throws Exception {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom("secret-audit@acme.example");
            message.setRecipients(RecipientType.TO, new InternetAddress[] {new InternetAddress(recipient)});
            message.setSubject("[Secret rotation] 1 secret needs your attention");
            message.setText("left over");
            message.saveChanges();
            ByteArrayOutputStream mime = new ByteArrayOutputStream();
            message.writeTo(mime);
            jdbc.sql("""
                            INSERT INTO mail_outbox (run_id, kind, owner, recipient, fingerprint, message_id, mime,
                                                     state, attempts, last_error, last_attempt_run_id)
                            VALUES (?, 'OWNER_REMINDER', ?, ?, 'left-over', ?, ?,
                                    'FAILED_TEMPORARY', 1, 'timeout', ?)""")
                    .params(run.id(), recipient, recipient, "<left-over." + recipient.hashCode() + "@test>",
                            mime.toByteArray(), run.id())
                    .update();
        }
    }

    @Nested
    @SpringBootTest(properties = "audit.mail.fallback-recipient=security@acme.example")
    class WithFallbackRecipient extends AuditRunsSupport {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) throws Exception {
            register(registry, "bad-owners-fallback");
        }

        @BeforeEach
        void emptyMailboxes() throws Exception {
            SMTP.purgeEmailFromAllMailboxes();
        }

        @Test
        void everyBadOwnersFindingsGoToTheFallbackRecipientInOneEmail() throws Exception {
            // when
            AuditRun run = run(0, goodAndBadOwners());

            // then
            assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            for (String good : GOOD_OWNERS) {
                assertThat(deliveredTo(SMTP, good)).as(good).hasSize(1);
            }
            MimeMessage fallback = onlyOneDeliveredTo(SMTP, "security@acme.example");
            Path saved = Files.write(Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "fallback",
                    ".xlsx"), attachment(fallback, "secrets-2026-11-26.xlsx"));
            assertThat(Workbooks.rows(saved, "What to do")).extracting(row -> row.get("Secret"))
                    .allMatch(secret -> secret.startsWith("bad-"))
                    .containsAll(IntStream.range(0, BadOwnerAddresses.ALL.size())
                            .mapToObj(i -> "bad-" + i).toList());
            Set<String> allowed = new TreeSet<>(GOOD_OWNERS);
            allowed.add("security@acme.example");
            assertNoBadOwnerWasReadAsAnotherRecipient(allowed);
            assertThat(jdbc.sql("SELECT count(*) FROM unroutable_owner WHERE run_id = ?").param(run.id())
                    .query(Long.class).single()).isZero();
        }
    }

    @Nested
    @SpringBootTest
    @Import(FailingMessageComposer.ForCarol.class)
    class WhenOneEmailCannotBeComposed extends AuditRunsSupport {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) throws Exception {
            register(registry, "compose-failure");
        }

        @BeforeEach
        void emptyMailboxes() throws Exception {
            SMTP.purgeEmailFromAllMailboxes();
        }

        @Test
        void itsOwnerIsUnroutableWithTheReasonAndTheOthersAreStillEmailed() throws Exception {
            // given: composing carol's email throws
            Inventory inventory = new Inventory(DAY_0)
                    .overdueToken("alice-token", "alice@acme.example", 5)
                    .overdueToken("carol-token", FailingMessageComposer.FAILS_FOR, 5)
                    .overdueToken("dave-token", "dave@acme.example", 5);

            // when
            AuditRun run = run(0, inventory);

            // then
            assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            assertThat(deliveredTo(SMTP, "alice@acme.example")).hasSize(1);
            assertThat(deliveredTo(SMTP, "dave@acme.example")).hasSize(1);
            assertThat(deliveredTo(SMTP, FailingMessageComposer.FAILS_FOR)).isEmpty();
            assertThat(outbox(run)).containsExactly(List.of("alice@acme.example", "SENT", 1),
                    List.of("dave@acme.example", "SENT", 1));
            String reason = "the message could not be composed: IllegalStateException";
            assertThat(jdbc.sql("SELECT owner || ' | ' || reason FROM unroutable_owner WHERE run_id = ?")
                    .param(run.id()).query(String.class).list())
                    .containsExactly(FailingMessageComposer.FAILS_FOR + " | " + reason);
            assertThat(runSheetLines(run)).contains(FailingMessageComposer.FAILS_FOR + ": " + reason);
        }
    }
}
