package ai.kubiya.secretaudit.notify;

import static ai.kubiya.secretaudit.support.ReceivedMail.deliveredTo;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.TestDatabases;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the outbox does when SMTP does not cooperate, on a real PostgreSQL and real SMTP servers: a server
 * that is down for a whole run, a 550 for one recipient, and a process that dies between the server
 * accepting a message and the outbox recording it.
 */
class SmtpFailuresIntegrationTests {

    /** Nothing listens here until a test starts {@link #LATE_SMTP}. */
    static final int DOWN_PORT = freePort();
    static final GreenMail LATE_SMTP = new GreenMail(new ServerSetup(DOWN_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    static final RejectingSmtpServer REJECTING_SMTP = rejecting("bob@acme.example");
    static final RejectingSmtpServer GREYLISTING_SMTP =
            rejecting("bob@acme.example", "451 4.7.1 <%s>: Recipient address rejected: greylisted, try again later");
    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @AfterAll
    static void stopServers() throws IOException {
        SMTP.stop();
        LATE_SMTP.stop();
        REJECTING_SMTP.close();
        GREYLISTING_SMTP.close();
    }

    static void register(DynamicPropertyRegistry registry, String name, int smtpPort) throws IOException {
        TestDatabases.register(registry);
        Path reports = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), name);
        registry.add("audit.reports.dir", reports::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtpPort);
        registry.add("audit.mail.from", () -> "secret-audit@acme.example"); // SMTP refuses one at localhost
    }

    static Inventory threeOverdueOwners() {
        return new Inventory(AuditRunsSupport.DAY_0)
                .overdueToken("alice-token", "alice@acme.example", 30)
                .overdueToken("bob-token", "bob@acme.example", 30)
                .overdueToken("carol-token", "carol@acme.example", 30);
    }

    @Nested
    @SpringBootTest(properties = "audit.mail.max-attempts=2")
    class WhenTheServerIsDown extends AuditRunsSupport {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) throws IOException {
            register(registry, "smtp-down", DOWN_PORT);
        }

        @AfterEach
        void serverDownAgain() {
            LATE_SMTP.stop();
        }

        @Test
        void mailStaysQueuedAndIsDeliveredExactlyOnceWhenTheServerIsBack() throws Exception {
            // given: the server is down for the whole run
            AuditRun down = run(0, threeOverdueOwners());

            // then: the run completes, nothing is lost, the auditor sees what is undelivered
            assertThat(down.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            assertThat(outbox(down)).containsExactly(
                    List.of("alice@acme.example", "FAILED_TEMPORARY", 1),
                    List.of("bob@acme.example", "PENDING", 0),
                    List.of("carol@acme.example", "PENDING", 0));
            assertThat(runSheetLines(down))
                    .contains("Undelivered owner emails", "bob@acme.example: PENDING after 0 attempt(s)",
                            "carol@acme.example: PENDING after 0 attempt(s)")
                    .anyMatch(line -> line.startsWith("alice@acme.example: FAILED_TEMPORARY after 1 attempt(s): cannot connect"));

            // when: the server is back for the next run (unchanged findings, within remind-every)
            LATE_SMTP.start();
            AuditRun back = run(1, threeOverdueOwners());
            AuditRun after = run(2, threeOverdueOwners());

            // then: every queued message arrives once, under the Message-ID recorded when it was queued
            assertThat(back.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            assertThat(ownerReminders(back)).isZero();
            assertThat(ownerReminders(after)).isZero();
            assertThat(outbox(down)).extracting(row -> row.get(1)).containsOnly("SENT");
            for (String owner : List.of("alice@acme.example", "bob@acme.example", "carol@acme.example")) {
                assertThat(deliveredTo(LATE_SMTP, owner)).as(owner).hasSize(1);
            }
            assertThat(Arrays.stream(LATE_SMTP.getReceivedMessages()).map(SmtpFailuresIntegrationTests::messageId))
                    .containsExactlyInAnyOrderElementsOf(messageIds(down));
            // and the run that delivered them says so on its own Run sheet
            assertThat(runSheetLines(back)).contains("Earlier runs' owner emails tried again",
                    "alice@acme.example (queued by run " + down.id() + "): SENT after 2 attempt(s)",
                    "bob@acme.example (queued by run " + down.id() + "): SENT after 1 attempt(s)");
            assertThat(runSheetLines(after)).doesNotContain("alice@acme.example (queued by run " + down.id()
                    + "): SENT after 2 attempt(s)");
        }

        @Test
        void aReminderNotYetDeliveredIsSupersededByANewerOneAndNeverSent() throws Exception {
            // given: the server is down; alice, bob and carol are queued
            AuditRun down = run(0, threeOverdueOwners());

            // when: the server is back the next day, and alice has one more overdue secret
            LATE_SMTP.start();
            AuditRun back = run(1, threeOverdueOwners().overdueToken("alice-second-token", "alice@acme.example", 10));

            // then: alice gets only today's reminder; bob and carol get the one queued yesterday
            assertThat(outbox(down)).containsExactly(
                    List.of("alice@acme.example", "SUPERSEDED", 1),
                    List.of("bob@acme.example", "SENT", 1),
                    List.of("carol@acme.example", "SENT", 1));
            assertThat(outbox(back)).containsExactly(List.of("alice@acme.example", "SENT", 1));
            List<MimeMessage> alice = deliveredTo(LATE_SMTP, "alice@acme.example");
            assertThat(alice).hasSize(1);
            assertThat(messageId(alice.get(0))).isEqualTo(messageIds(back).get(0));
        }

        @Test
        void aMessageIsGivenUpAfterMaxAttemptsFailedRuns() throws Exception {
            // given: two runs with the server down (max-attempts = 2)
            AuditRun first = run(0, threeOverdueOwners());
            assertThat(outbox(first)).first().isEqualTo(List.of("alice@acme.example", "FAILED_TEMPORARY", 1));

            // when
            run(1, threeOverdueOwners());

            // then
            assertThat(outbox(first)).containsExactly(
                    List.of("alice@acme.example", "FAILED_PERMANENT", 2),
                    List.of("bob@acme.example", "PENDING", 0),
                    List.of("carol@acme.example", "PENDING", 0));
            assertThat(jdbc.sql("SELECT last_error FROM mail_outbox WHERE run_id = ? AND recipient = 'alice@acme.example'")
                    .param(first.id()).query(String.class).single()).startsWith("cannot connect to smtp://127.0.0.1:");

            // and once the server is back, the given-up message is never sent; alice gets a fresh reminder instead
            LATE_SMTP.start();
            AuditRun back = run(2, threeOverdueOwners());
            List<MimeMessage> alice = deliveredTo(LATE_SMTP, "alice@acme.example");
            assertThat(alice).hasSize(1);
            assertThat(messageId(alice.get(0))).isEqualTo(jdbc.sql(
                    "SELECT message_id FROM mail_outbox WHERE run_id = ? AND recipient = 'alice@acme.example'")
                    .param(back.id()).query(String.class).single());
            assertThat(deliveredTo(LATE_SMTP, "bob@acme.example")).hasSize(1);
        }
    }

    @Nested
    @SpringBootTest(properties = "audit.mail.auditors=auditor@acme.example")
    class WhenOneRecipientIsRejected extends AuditRunsSupport {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) throws IOException {
            register(registry, "smtp-550", REJECTING_SMTP.port());
        }

        @Test
        void thatMessageFailsPermanentlyAndTheOthersAreDelivered() throws Exception {
            // given
            int before = REJECTING_SMTP.accepted().size();

            // when: the server answers 550 to RCPT TO:<bob@acme.example>
            AuditRun run = run(0, threeOverdueOwners());

            // then
            assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            assertThat(outbox(run)).containsExactly(
                    List.of("alice@acme.example", "SENT", 1),
                    List.of("bob@acme.example", "FAILED_PERMANENT", 1),
                    List.of("carol@acme.example", "SENT", 1),
                    List.of("auditor@acme.example", "SENT", 1));
            assertThat(jdbc.sql("SELECT last_error FROM mail_outbox WHERE run_id = ? AND recipient = 'bob@acme.example'")
                    .param(run.id()).query(String.class).single()).contains("550");
            assertThat(REJECTING_SMTP.accepted().subList(before, REJECTING_SMTP.accepted().size()))
                    .extracting(RejectingSmtpServer.Accepted::recipients)
                    .containsExactly(List.of("alice@acme.example"), List.of("carol@acme.example"),
                            List.of("auditor@acme.example"));
            assertThat(runSheetLines(run)).anyMatch(line ->
                    line.startsWith("bob@acme.example: FAILED_PERMANENT after 1 attempt(s)") && line.contains("550"));

            // and a permanent failure is not retried by the next run
            run(1, threeOverdueOwners());
            assertThat(outbox(run)).contains(List.of("bob@acme.example", "FAILED_PERMANENT", 1));
        }
    }

    @Nested
    @SpringBootTest(properties = "audit.mail.max-attempts=2")
    class WhenOneRecipientIsGreylisted extends AuditRunsSupport {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) throws IOException {
            register(registry, "smtp-451", GREYLISTING_SMTP.port());
        }

        @Test
        void aRunTriesThatMessageOnceThoughTwoStepsDeliver() throws Exception {
            // when: the server answers 451 to RCPT TO:<bob@acme.example>, in the queue step's delivery
            AuditRun run = run(0, threeOverdueOwners());

            // then: the send step after it does not try bob again in the same run
            assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            assertThat(outbox(run)).containsExactly(
                    List.of("alice@acme.example", "SENT", 1),
                    List.of("bob@acme.example", "FAILED_TEMPORARY", 1),
                    List.of("carol@acme.example", "SENT", 1));

            // and the next run tries once more, the last of max-attempts = 2
            run(1, threeOverdueOwners());
            assertThat(outbox(run)).contains(List.of("bob@acme.example", "FAILED_PERMANENT", 2));
        }
    }

    @Nested
    @SpringBootTest
    @Import(CrashingMailTransport.AfterSecondSend.class)
    class WhenTheProcessDiesBetweenSendAndRecord extends AuditRunsSupport {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) throws IOException {
            register(registry, "smtp-crash", SMTP.getSmtp().getPort());
        }

        @BeforeEach
        void emptyMailboxes() throws Exception {
            SMTP.purgeEmailFromAllMailboxes();
        }

        @Test
        void aRestartResendsAtMostTheMessageInFlightUnderTheSameMessageId() throws Exception {
            // given: five owners; the process dies right after the server accepted the second message, which the
            // queue step delivers as soon as it is stored
            Inventory inventory = new Inventory(DAY_0);
            for (String owner : List.of("o1", "o2", "o3", "o4", "o5")) {
                inventory.overdueToken(owner + "-token", owner + "@acme.example", 30);
            }
            AuditRun crashed = run(0, inventory);
            assertThat(crashed.status()).isEqualTo(AuditRun.RunStatus.FAILED);
            assertThat(jdbc.sql("SELECT step_name FROM batch_step_execution WHERE status = 'FAILED'"
                    + " ORDER BY step_execution_id DESC LIMIT 1").query(String.class).single())
                    .isEqualTo("queueOwnerRemindersStep");
            assertThat(SMTP.getReceivedMessages()).hasSize(2);
            // (the emails after it that were stored already stay PENDING; the others are never stored)
            assertThat(outbox(crashed)).extracting(row -> row.get(1)).startsWith("SENT", "PENDING")
                    .containsOnly("SENT", "PENDING");

            // when: the next run (within remind-every: the owners already queued get nothing new)
            AuditRun restarted = run(1, inventory);

            // then: every owner queued once over the two runs, all sent
            assertThat(restarted.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            assertThat(Stream.concat(outbox(crashed).stream(), outbox(restarted).stream()))
                    .allSatisfy(row -> assertThat(row.get(1)).isEqualTo("SENT"))
                    .extracting(row -> row.get(0)).containsExactlyInAnyOrder("o1@acme.example", "o2@acme.example",
                            "o3@acme.example", "o4@acme.example", "o5@acme.example");
            // and nothing missing, only the in-flight message twice, with the identical Message-ID
            List<String> ids = messageIds(crashed);
            Map<String, Long> received = Arrays.stream(SMTP.getReceivedMessages())
                    .map(SmtpFailuresIntegrationTests::messageId)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(received).containsOnlyKeys(Stream.concat(ids.stream(), messageIds(restarted).stream()).toList());
            assertThat(received.get(ids.get(1))).as("the message in flight").isEqualTo(2);
            assertThat(received).allSatisfy((id, copies) -> {
                if (!id.equals(ids.get(1))) {
                    assertThat(copies).as(id).isEqualTo(1);
                }
            });
        }
    }

    /**
     * The SENT mark commits on its own thread while the next message goes out, but that message's end waits for it:
     * whenever a message has been written to the server, every message accepted before it is marked SENT.
     */
    @Nested
    @SpringBootTest
    @Import(MarkCheckingTransport.Configuration.class)
    class WhenMessagesFollowEachOther extends AuditRunsSupport {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) throws IOException {
            register(registry, "smtp-marks", SMTP.getSmtp().getPort());
        }

        @Test
        void noMessageReachesItsEndBeforeTheMessageAcceptedBeforeItIsMarkedSent() throws Exception {
            Inventory inventory = new Inventory(DAY_0);
            for (int i = 0; i < 12; i++) {
                inventory.overdueToken("owner" + i + "-token", "owner" + i + "@acme.example", 30);
            }
            MarkCheckingTransport.reset(jdbc);
            // each SENT mark takes 50 ms: without the wait, the next message would end long before it commits
            jdbc.sql("""
                    CREATE FUNCTION slow_sent_mark() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF NEW.state = 'SENT' THEN PERFORM pg_sleep(0.05); END IF; RETURN NEW; END $$""").update();
            jdbc.sql("CREATE TRIGGER slow_sent_mark BEFORE UPDATE ON mail_outbox FOR EACH ROW"
                    + " EXECUTE FUNCTION slow_sent_mark()").update();
            AuditRun run;
            try {
                run = run(0, inventory);
            } finally {
                jdbc.sql("DROP TRIGGER slow_sent_mark ON mail_outbox").update();
                jdbc.sql("DROP FUNCTION slow_sent_mark()").update();
            }

            assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
            assertThat(MarkCheckingTransport.checked()).isEqualTo(12);
            assertThat(MarkCheckingTransport.unmarkedBefore()).as("messages accepted but not yet SENT when the next"
                    + " one ended").isEmpty();
        }
    }

    static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RejectingSmtpServer rejecting(String recipient, String... refusal) {
        try {
            return refusal.length == 0 ? new RejectingSmtpServer(recipient) : new RejectingSmtpServer(recipient, refusal[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
