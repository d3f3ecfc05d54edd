package ai.kubiya.secretaudit.notify;

import static ai.kubiya.secretaudit.support.ReceivedMail.deliveredTo;
import static ai.kubiya.secretaudit.support.ReceivedMail.onlyOneDeliveredTo;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import ai.kubiya.secretaudit.chat.SlackProperties;
import ai.kubiya.secretaudit.chat.TeamsProperties;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.SecretBuilder;
import ai.kubiya.secretaudit.support.TestMail;
import ai.kubiya.secretaudit.support.Workbooks;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/owners.md#slack-and-microsoft-teams end to end: the job on a real PostgreSQL and a real SMTP server
 * (GreenMail), with WireMock answering as Slack's Web API. The reminder an owner is emailed also reaches their
 * Slack DM (or the channel of its routing rule) through the outbox: at most once, retried by the next run when
 * Slack was away, failed for good and listed on the Run sheet when Slack says it cannot be delivered.
 */
@SpringBootTest(properties = {
        "audit.slack.token=xoxb-integration-7e3a",
        "audit.slack.read-timeout=5s"})
class SlackRemindersIntegrationTests extends AuditRunsSupport {

    static final GreenMail SMTP = TestMail.startSmtp();
    static final WireMockServer SLACK = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    OwnerNotifier owners;

    @Autowired
    OutboxRepository outbox;

    @Autowired
    ChatOutbox chatOutbox;

    @Autowired
    MailProperties mail;

    @Autowired
    MailCounts mailCounts;
    static final String ROUTING = """
            absent: [zoe@acme.example]
            rules:
              - match: {scope: payments}
                slack-channel: "#payments"
              - match: {scope: infra}
                recipients: [infra-team@acme.example]
                slack-channel: "#infra"
            """;

    static {
        SLACK.start();
    }

    @AfterAll
    static void stopServers() {
        SMTP.stop();
        SLACK.stop();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path directory = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "slack");
        TestMail.registerRun(registry, SMTP, directory);
        Path routing = Files.writeString(directory.resolve("routing.yaml"), ROUTING);
        registry.add("audit.routing.file", routing::toString);
        registry.add("audit.slack.base-url", () -> SLACK.baseUrl() + "/api/");
    }

    @BeforeEach
    void emptyMailboxesAndAnAcceptingSlack() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        SLACK.resetAll();
        for (String owner : List.of("dana", "bob", "carol", "erin")) {
            SLACK.stubFor(post(urlEqualTo("/api/users.lookupByEmail")).withRequestBody(containing("email=" + owner))
                    .willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\"U0" + owner.toUpperCase() + "\"}}")));
        }
        accept();
    }

    @Test
    void eachOwnerIsEmailedAndGetsTheSameReminderAsASlackDmWithTheExpiredCertificateFirst() throws Exception {
        Inventory inventory = new Inventory(DAY_0).overdueToken("dana-ci-token", "dana@acme.example", 300)
                .add(certificate("dana-tls", "dana@acme.example"))
                .overdueToken("bob-token", "Bob@Acme.example", 3);

        AuditRun run = run(0, inventory);

        assertThat(onlyOneDeliveredTo(SMTP, "dana@acme.example").getSubject())
                .startsWith("[Secret rotation] 1 certificate EXPIRED");
        assertThat(deliveredTo(SMTP, "bob@acme.example")).hasSize(1);
        JsonNode dana = posted("U0DANA");
        assertThat(dana.get("text").asString()).startsWith("[Secret rotation] 1 certificate EXPIRED");
        JsonNode blocks = dana.get("blocks");
        assertThat(blocks.get(2).get("text").get("text").asString()).startsWith("🔴 EXPIRED  dana-tls\nexpired on ");
        assertThat(blocks.get(3).get("text").get("text").asString()).contains("OVERDUE  dana-ci-token");
        assertThat(posted("U0BOB").get("blocks").get(2).get("text").get("text").asString()).contains("bob-token");
        assertThat(slackRows(run)).containsExactlyInAnyOrder(tuple("dana@acme.example", "user:dana@acme.example",
                "SENT", 1), tuple("Bob@Acme.example", "user:Bob@Acme.example", "SENT", 1));
        assertThat(runSheetLines(run)).contains("Chat messages not delivered");
        assertThat(runSheetValue(run, "Chat messages sent")).isEqualTo("Slack 2, Teams 0");
        assertThat(mailCounts.runChat(run.id())).containsExactly(entry("Slack", new MailCounts.RunMail(2, 2, 0)));
    }

    @Test
    void aReminderWhoseSecretsAllBelongToARulesChannelIsPostedThereAndAMixedOneGoesToTheDm() throws Exception {
        Inventory inventory = new Inventory(DAY_0).overdueToken("dana-ci-token", "dana@acme.example", 3)
                .with("scope", "payments")
                .overdueToken("dana-payments-token", "dana@acme.example", 30).with("scope", "payments")
                .overdueToken("bob-payments-token", "bob@acme.example", 30).with("scope", "payments")
                .overdueToken("bob-hr-token", "bob@acme.example", 3);

        AuditRun run = run(0, inventory);

        assertThat(posted("#payments").get("blocks").get(2).get("text").get("text").asString())
                .contains("dana-payments-token");
        // bob's HR secret is no business of #payments: his reminder goes to him
        assertThat(posted("U0BOB").get("blocks").toString()).contains("bob-payments-token", "bob-hr-token");
        assertThat(postedChannels()).containsExactlyInAnyOrder("#payments", "U0BOB");
        assertThat(slackRows(run)).extracting(row -> row.toList().get(1))
                .containsExactlyInAnyOrder("#payments", "user:bob@acme.example");
    }

    @Test
    void anOwnerWithoutASlackAccountIsFailedForGoodAndListedOnTheRunSheetWhileOthersAreDelivered() throws Exception {
        SLACK.stubFor(post(urlEqualTo("/api/users.lookupByEmail")).withRequestBody(containing("email=zed"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"users_not_found\"}")));
        Inventory inventory = new Inventory(DAY_0).overdueToken("zed-token", "zed@acme.example", 3)
                .overdueToken("dana-token", "dana@acme.example", 3);

        AuditRun run = run(0, inventory);

        assertThat(deliveredTo(SMTP, "zed@acme.example")).hasSize(1);
        assertThat(slackRows(run)).contains(tuple("zed@acme.example", "user:zed@acme.example", "FAILED_PERMANENT", 1),
                tuple("dana@acme.example", "user:dana@acme.example", "SENT", 1));
        assertThat(runSheetLines(run)).contains("Slack → DM for zed@acme.example: FAILED_PERMANENT after 1"
                + " attempt(s): users_not_found: no Slack user has this email address");
    }

    @Test
    void aRefusedTokenStopsSlackDeliveryAndTheNextRunDeliversWhatWasLeftOnceSlackAcceptsIt() throws Exception {
        answerEveryPost(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}"));
        Inventory inventory = threeOwners();

        AuditRun first = run(0, inventory);

        SLACK.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
        assertThat(slackRows(first)).extracting(row -> row.toList().get(2))
                .containsExactly("FAILED_TEMPORARY", "PENDING", "PENDING");
        assertThat(runSheetLines(first)).anyMatch(line -> line.startsWith("Slack → DM for bob@acme.example:"
                + " FAILED_TEMPORARY after 1 attempt(s): Slack rejected the bot token (invalid_auth)"));
        assertThat(SMTP.getReceivedMessages()).hasSize(3);

        AuditRun second = run(1, inventory);
        assertThat(runSheetLines(second)).contains("Slack → DM for bob@acme.example (queued by run " + first.id()
                + "): FAILED_TEMPORARY after 2 attempt(s): Slack rejected the bot token (invalid_auth)");

        SLACK.resetMappings();
        emptyMailboxesAndAnAcceptingSlack();
        run(2, inventory);

        assertThat(slackRows(first)).extracting(row -> row.toList().get(2)).containsOnly("SENT");
        assertThat(postedChannels()).containsExactlyInAnyOrder("U0BOB", "U0CAROL", "U0DANA");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerErrorIsRetriedByTheNextRunAndEachMessageIsDeliveredExactlyOnce() throws Exception {
        answerEveryPost(aResponse().withStatus(503));
        Inventory inventory = threeOwners();

        AuditRun first = run(0, inventory);

        // an outage answers every message so: the first one's failure stops the delivery, the rest keep their attempts
        assertThat(slackRows(first)).extracting(row -> row.toList().get(2))
                .containsExactly("FAILED_TEMPORARY", "PENDING", "PENDING");
        SLACK.resetAll();
        emptyMailboxesAndAnAcceptingSlack();
        run(1, inventory);

        assertThat(slackRows(first)).extracting(row -> row.toList().get(2), row -> row.toList().get(3))
                .containsExactly(tuple("SENT", 2), tuple("SENT", 1), tuple("SENT", 1));
        assertThat(postedChannels()).containsExactlyInAnyOrder("U0BOB", "U0CAROL", "U0DANA");
    }

    @Test
    void anOutageMidRunLeavesTheRestForTheNextRunAndNoMessageIsPostedTwice() throws Exception {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).inScenario("outage").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"ok\":true}")).willSetStateTo("one sent"));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).inScenario("outage").whenScenarioStateIs("one sent")
                .willReturn(okJson("{\"ok\":true}")).willSetStateTo("down"));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).inScenario("outage").whenScenarioStateIs("down")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Inventory inventory = threeOwners().overdueToken("erin-token", "erin@acme.example", 3);

        AuditRun first = run(0, inventory);

        List<String> firstRun = postedChannels();
        assertThat(firstRun).hasSize(3);
        assertThat(slackRows(first)).extracting(row -> row.toList().get(2))
                .containsExactly("SENT", "SENT", "FAILED_TEMPORARY", "PENDING");
        SLACK.resetAll();
        emptyMailboxesAndAnAcceptingSlack();
        run(1, inventory);

        List<String> accepted = new ArrayList<>(firstRun.subList(0, 2));
        accepted.addAll(postedChannels());
        assertThat(accepted).containsExactlyInAnyOrder("U0BOB", "U0CAROL", "U0DANA", "U0ERIN");
        assertThat(slackRows(first)).extracting(row -> row.toList().get(2)).containsOnly("SENT");
    }

    @Test
    void aTeamEmailGoesToItsRulesChannelAndOnlyThere() throws Exception {
        Inventory inventory = new Inventory(DAY_0).overdueToken("zoe-infra-token", "zoe@acme.example", 3)
                .with("scope", "infra").overdueToken("zoe-org-token", "zoe@acme.example", 3);

        AuditRun run = run(0, inventory);

        assertThat(deliveredTo(SMTP, "infra-team@acme.example")).hasSize(1);
        assertThat(posted("#infra").get("blocks").get(2).get("text").get("text").asString())
                .contains("zoe-infra-token");
        assertThat(postedChannels()).containsExactly("#infra");
        assertThat(slackRows(run)).containsExactly(tuple("infra-team@acme.example", "#infra", "SENT", 1));
    }

    @Test
    void aNewerReminderSupersedesTheSlackMessageALastRunCouldNotDeliver() throws Exception {
        answerEveryPost(aResponse().withStatus(503));
        AuditRun first = run(0, new Inventory(DAY_0).overdueToken("dana-token", "dana@acme.example", 3));
        SLACK.resetAll();
        emptyMailboxesAndAnAcceptingSlack();

        AuditRun second = run(1, new Inventory(DAY_0).overdueToken("dana-token", "dana@acme.example", 3)
                .overdueToken("dana-new-token", "dana@acme.example", 3));

        assertThat(slackRows(first)).extracting(row -> row.toList().get(2)).containsExactly("SUPERSEDED");
        assertThat(slackRows(second)).extracting(row -> row.toList().get(2)).containsExactly("SENT");
        assertThat(posted("U0DANA").get("blocks").toString()).contains("dana-new-token");
    }

    /** A run of a process without AUDIT_SLACK_TOKEN (a wrong Secret, a local run) must not use up the attempts. */
    @Test
    void withoutATokenTheSlackStepLeavesQueuedMessagesAlone() throws Exception {
        answerEveryPost(aResponse().withStatus(503));
        AuditRun first = run(0, threeOwners());
        List<Tuple> before = slackRows(first);
        ChatSender withoutSlack = new ChatSender(new ChatChannels(new SlackProperties(null, "https://slack.com/api/",
                null, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                new TeamsProperties(null, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                RoutingRules.none()),
                outbox, chatOutbox, mail, Clock.systemUTC());

        OutboxSender.Result result = withoutSlack.send(OutboxRepository.Kind.SLACK_REMINDER, first.id() + 1);

        assertThat(result).isEqualTo(new OutboxSender.Result(0, 0, 0));
        assertThat(slackRows(first)).isEqualTo(before).extracting(row -> row.toList().get(2))
                .containsExactly("FAILED_TEMPORARY", "PENDING", "PENDING");
    }

    /** The queue step restarted after a crash between the email's row and its Slack row, and once more. */
    @Test
    void aRestartedQueueStepQueuesTheMissingSlackMessageAndNoSecondOne() throws Exception {
        AuditRun run = run(0, threeOwners());
        jdbc.sql("DELETE FROM mail_outbox WHERE run_id = ? AND kind = 'SLACK_REMINDER' AND recipient = ?")
                .params(run.id(), "carol@acme.example").update();

        LocalDate day0 = DAY_0.atZone(ZoneOffset.UTC).toLocalDate();
        int emails = owners.queueReminders(run.id(), run.asOf(), day0);
        owners.queueReminders(run.id(), run.asOf(), day0);

        assertThat(emails).isZero();
        assertThat(slackRows(run)).extracting(row -> row.toList().get(0), row -> row.toList().get(2))
                .containsExactly(tuple("bob@acme.example", "SENT"), tuple("dana@acme.example", "SENT"),
                        tuple("carol@acme.example", "PENDING"));
    }

    @Test
    void aDryRunPostsNothingToSlack() throws Exception {
        AuditRun run = dryRun(0, threeOwners());

        assertThat(SLACK.getAllServeEvents()).isEmpty();
        assertThat(slackRows(run)).isEmpty();
    }

    static Inventory threeOwners() {
        return new Inventory(DAY_0).overdueToken("bob-token", "bob@acme.example", 3)
                .overdueToken("carol-token", "carol@acme.example", 3)
                .overdueToken("dana-token", "dana@acme.example", 3);
    }

    static SecretBuilder certificate(String name, String owner) {
        return SecretBuilder.okSecretAsOf(DAY_0).name(name).type("certificate").createdBy(owner)
                .expiresAt(DAY_0.minus(Duration.ofDays(1)));
    }

    static void accept() {
        answerEveryPost(okJson("{\"ok\":true,\"ts\":\"1.2\"}"));
    }

    static void answerEveryPost(ResponseDefinitionBuilder answer) {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(answer));
    }

    /** The channel of every chat.postMessage request, in the order received. */
    static List<String> postedChannels() {
        return SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).stream()
                .map(request -> JSON.readTree(request.getBodyAsString()).get("channel").asString()).toList();
    }

    /** The one message posted to {@code channel}. */
    static JsonNode posted(String channel) {
        List<JsonNode> messages = SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).stream()
                .map(request -> JSON.readTree(request.getBodyAsString()))
                .filter(message -> message.get("channel").asString().equals(channel)).toList();
        assertThat(messages).as("messages posted to " + channel).hasSize(1);
        return messages.get(0);
    }

    /** (recipient, chat_target, state, attempts) of the run's Slack rows, by id. */
    List<Tuple> slackRows(AuditRun run) {
        return jdbc.sql("SELECT recipient, chat_target, state, attempts FROM mail_outbox WHERE run_id = ?"
                        + " AND kind = 'SLACK_REMINDER' ORDER BY id")
                .param(run.id()).query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getInt(4))).list();
    }

    static String runSheetValue(AuditRun run, String field) throws Exception {
        return Workbooks.rows(Path.of(run.workbookPath()), "Run").stream()
                .filter(row -> field.equals(row.get("Field"))).map(row -> row.get("Value")).findFirst().orElseThrow();
    }
}
