package ai.kubiya.secretaudit.notify;

import static ai.kubiya.secretaudit.support.ReceivedMail.onlyOneDeliveredTo;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.kubiya.secretaudit.chat.TeamsWebhooks;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.SecretBuilder;
import ai.kubiya.secretaudit.support.TestMail;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/owners.md#microsoft-teams end to end: the job on a real PostgreSQL and SMTP server, WireMock answering as two
 * Teams webhooks (the default, and a routing rule's). Each owner email becomes one card on its webhook through the
 * outbox, which keeps a reference to the URL, never the URL; 429 is waited out, a removed webhook fails for good and
 * is listed on the Run sheet, an outage leaves the rest for the next run, and nothing is posted twice.
 */
@SpringBootTest
class TeamsRemindersIntegrationTests extends AuditRunsSupport {

    static final GreenMail SMTP = TestMail.startSmtp();
    static final WireMockServer TEAMS = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String DEFAULT_HOOK = "/webhookb2/default?sig=default-signature";
    static final String PAYMENTS_HOOK = "/webhookb2/payments?sig=payments-signature";

    static {
        TEAMS.start();
    }

    @AfterAll
    static void stopServers() {
        SMTP.stop();
        TEAMS.stop();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path directory = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "teams");
        TestMail.registerRun(registry, SMTP, directory);
        Path routing = Files.writeString(directory.resolve("routing.yaml"), """
                rules:
                  - match: {scope: payments}
                    teams-webhook-url: "%s"
                """.formatted(TEAMS.baseUrl() + PAYMENTS_HOOK));
        registry.add("audit.routing.file", routing::toString);
        registry.add("audit.teams.webhook-url", () -> TEAMS.baseUrl() + DEFAULT_HOOK);
        registry.add("audit.teams.read-timeout", () -> "5s");
    }

    @BeforeEach
    void emptyMailboxesAndAcceptingWebhooks() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        TEAMS.resetAll();
        TEAMS.stubFor(post(urlEqualTo(DEFAULT_HOOK)).willReturn(aResponse().withStatus(202)));
        TEAMS.stubFor(post(urlEqualTo(PAYMENTS_HOOK)).willReturn(aResponse().withStatus(200).withBody("1")));
    }

    @Test
    void eachOwnerEmailBecomesOneCardWithTheExpiredCertificateFirstAndTheOutboxNeverHoldsTheUrl() throws Exception {
        Inventory inventory = new Inventory(DAY_0).overdueToken("dana-ci-token", "dana@acme.example", 300)
                .add(certificate("dana-tls", "dana@acme.example"))
                .overdueToken("bob-payments-token", "bob@acme.example", 3).with("scope", "payments");

        AuditRun run = run(0, inventory);

        assertThat(onlyOneDeliveredTo(SMTP, "dana@acme.example").getSubject())
                .startsWith("[Secret rotation] 1 certificate EXPIRED");
        JsonNode dana = onlyCard(DEFAULT_HOOK);
        JsonNode body = dana.get("attachments").get(0).get("content").get("body");
        assertThat(body.get(0).toString()).contains("[Secret rotation] 1 certificate EXPIRED");
        assertThat(body.get(2).toString()).contains("EXPIRED", "dana-tls").doesNotContain("dana-ci-token");
        assertThat(body.get(3).toString()).contains("OVERDUE", "dana-ci-token");
        assertThat(onlyCard(PAYMENTS_HOOK).toString()).contains("bob-payments-token");
        assertThat(teamsRows(run)).containsExactlyInAnyOrder(
                tuple("dana@acme.example", TeamsWebhooks.reference(TEAMS.baseUrl() + DEFAULT_HOOK), "SENT", 1),
                tuple("bob@acme.example", TeamsWebhooks.reference(TEAMS.baseUrl() + PAYMENTS_HOOK), "SENT", 1));
        assertThat(jdbc.sql("SELECT count(*) FROM mail_outbox WHERE position('signature' IN convert_from(mime, 'UTF8')"
                + " || coalesce(chat_target, '') || coalesce(last_error, '')) > 0").query(Long.class).single())
                .as("rows holding a webhook URL").isZero();
        assertThat(SlackRemindersIntegrationTests.runSheetValue(run, "Chat messages sent"))
                .isEqualTo("Slack 0, Teams 2");
    }

    @Test
    void a429IsWaitedOutAndTheCardIsPostedOnce() throws Exception {
        TEAMS.stubFor(post(urlEqualTo(DEFAULT_HOOK)).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("calm"));
        TEAMS.stubFor(post(urlEqualTo(DEFAULT_HOOK)).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(202)));

        AuditRun run = run(0, new Inventory(DAY_0).overdueToken("dana-token", "dana@acme.example", 3));

        TEAMS.verify(2, postRequestedFor(urlEqualTo(DEFAULT_HOOK)));
        assertThat(teamsRows(run)).extracting(row -> row.toList().get(2)).containsExactly("SENT");
    }

    @Test
    void aRemovedWebhookFailsForGoodAndIsListedOnTheRunSheetWhileTheOtherWebhookIsServed() throws Exception {
        TEAMS.stubFor(post(urlEqualTo(PAYMENTS_HOOK)).willReturn(aResponse().withStatus(404)));
        Inventory inventory = new Inventory(DAY_0).overdueToken("bob-payments-token", "bob@acme.example", 3)
                .with("scope", "payments").overdueToken("dana-token", "dana@acme.example", 3);

        AuditRun run = run(0, inventory);

        assertThat(teamsRows(run)).extracting(row -> row.toList().get(0), row -> row.toList().get(2))
                .containsExactlyInAnyOrder(tuple("bob@acme.example", "FAILED_PERMANENT"),
                        tuple("dana@acme.example", "SENT"));
        assertThat(runSheetLines(run)).anyMatch(line -> line.startsWith("Teams → ") && line.contains("bob@acme.example")
                && line.contains("FAILED_PERMANENT after 1 attempt(s)") && !line.contains("signature"));
    }

    @Test
    void anOutageMidRunLeavesTheRestForTheNextRunAndNoCardIsPostedTwice() throws Exception {
        TEAMS.stubFor(post(urlEqualTo(DEFAULT_HOOK)).inScenario("outage").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(202)).willSetStateTo("down"));
        TEAMS.stubFor(post(urlEqualTo(DEFAULT_HOOK)).inScenario("outage").whenScenarioStateIs("down")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Inventory inventory = new Inventory(DAY_0).overdueToken("bob-token", "bob@acme.example", 3)
                .overdueToken("carol-token", "carol@acme.example", 3)
                .overdueToken("dana-token", "dana@acme.example", 3);

        AuditRun first = run(0, inventory);

        assertThat(teamsRows(first)).extracting(row -> row.toList().get(2))
                .containsExactly("SENT", "FAILED_TEMPORARY", "PENDING");
        List<String> firstRun = postedSecrets();
        TEAMS.resetAll();
        emptyMailboxesAndAcceptingWebhooks();
        run(1, inventory);

        assertThat(teamsRows(first)).extracting(row -> row.toList().get(2)).containsOnly("SENT");
        List<String> accepted = new ArrayList<>(firstRun.subList(0, 1));
        accepted.addAll(postedSecrets());
        assertThat(accepted).containsExactlyInAnyOrder("bob-token", "carol-token", "dana-token");
    }

    static SecretBuilder certificate(String name, String owner) {
        return SecretBuilder.okSecretAsOf(DAY_0).name(name).type("certificate").createdBy(owner)
                .expiresAt(DAY_0.minus(Duration.ofDays(1)));
    }

    /** The one card posted to {@code hook}. */
    static JsonNode onlyCard(String hook) {
        List<JsonNode> cards = TEAMS.findAll(postRequestedFor(urlEqualTo(hook))).stream()
                .map(request -> JSON.readTree(request.getBodyAsString())).toList();
        assertThat(cards).as("cards posted to " + hook).hasSize(1);
        return cards.get(0);
    }

    /** The first item's secret of every card posted to the default webhook, in the order received. */
    static List<String> postedSecrets() {
        return TEAMS.findAll(postRequestedFor(urlEqualTo(DEFAULT_HOOK))).stream()
                .map(request -> request.getBodyAsString().replaceAll("(?s).*\"((?:bob|carol|dana)-token)\".*", "$1"))
                .toList();
    }

    /** (recipient, chat_target, state, attempts) of the run's Teams rows, by id. */
    List<Tuple> teamsRows(AuditRun run) {
        return jdbc.sql("SELECT recipient, chat_target, state, attempts FROM mail_outbox WHERE run_id = ?"
                        + " AND kind = 'TEAMS_REMINDER' ORDER BY id")
                .param(run.id()).query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getInt(4))).list();
    }
}
