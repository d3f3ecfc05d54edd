package ai.kubiya.secretaudit.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Teams card, read back as JSON: its shape, its order, what it lets a secret's name do, and its size. */
class TeamsCardTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String GUIDE = "https://runbooks.acme.example/rotate-cert?name=x";
    static final String WAIVER = "mailto:security@acme.example?subject=Waiver";

    @Test
    void theMessageIsOneAdaptiveCardAttachmentThatTeamsAndWorkflowsAccept() {
        JsonNode message = read(TeamsCard.render(reminder(List.of(expired("tls-api")), 0)));

        assertThat(message.get("type").asString()).isEqualTo("message");
        assertThat(message.get("attachments")).hasSize(1);
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.get("contentUrl").isNull()).isTrue();
        JsonNode card = attachment.get("content");
        assertThat(card.get("$schema").asString()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        assertThat(card.get("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asString()).isEqualTo("1.4");
    }

    @Test
    void theBodyShowsTheSubjectTheIntroTheItemsAsGivenAndTheWaiver() {
        ChatReminder reminder = reminder(List.of(expired("tls-api"), overdue("db-password")), 7);

        List<String> lines = lines(read(TeamsCard.render(reminder)));

        assertThat(lines).containsExactly(
                "1 certificate EXPIRED, 1 secret overdue",
                "Dana, 2 secrets need your attention.",
                "EXPIRED  tls-api  expired on 2026-11-29",
                "What to do: Issue a new certificate and deploy it. Open",
                "OVERDUE  db-password  overdue since 2025-08-22 (465 days)",
                "What to do: Rotate it.",
                "… and 7 more: the email and its workbook list every one.",
                "To request a waiver, write to security.");
    }

    @Test
    void theSeverityWordIsColouredAndTheSubjectIsABoldHeading() {
        JsonNode card = card(TeamsCard.render(reminder(List.of(expired("tls-api"), overdue("db")), 0)));

        JsonNode heading = card.get("body").get(0).get("inlines").get(0);
        assertThat(heading.get("weight").asString()).isEqualTo("Bolder");
        JsonNode severity = card.get("body").get(2).get("items").get(0).get("inlines").get(0);
        assertThat(severity.get("text").asString()).isEqualTo("EXPIRED");
        assertThat(severity.get("color").asString()).isEqualTo("Attention");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"C00000, Attention", "E46C0A, Attention", "BF8F00, Warning", "595959, Default", "zz, Default"})
    void eachColourOfTheEmailBecomesTheNearestColourACardMayName(String hex, String colour) {
        assertThat(TeamsCard.colour(hex)).isEqualTo(colour);
    }

    @Test
    void theOnlyLinksAreTheGuidanceLinkAndTheWaiverLink() {
        JsonNode card = card(TeamsCard.render(reminder(List.of(expired("[x](https://evil.example)")), 0)));

        assertThat(values(card, "url")).containsExactlyInAnyOrder(GUIDE, WAIVER);
        assertThat(card.get("actions").get(0).get("title").asString()).isEqualTo("Request a waiver");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<at>everyone</at>", "**bold**", "[x](https://evil.example)", "<!channel>",
        "_it_ <b>html</b> &amp; `code`", "- list\r- item", "https://evil.example/login"})
    void aSecretNamedLikeMarkupIsShownAsWrittenAndNeverFormatsLinksOrMentions(String name) {
        JsonNode message = read(TeamsCard.render(reminder(List.of(expired(name)), 0)));

        List<JsonNode> holders = holders(message, name);
        assertThat(holders).isNotEmpty().allSatisfy(node -> {
            assertThat(node.get("type").asString()).isEqualTo("TextRun");
            assertThat(node.get("text").asString()).isEqualTo(name);
        });
        assertThat(keys(message)).doesNotContain("msteams", "entities", "mentioned");
        assertThat(values(message, "type")).doesNotContain("TextBlock", "mention");
        assertThat(values(message, "url")).containsExactlyInAnyOrder(GUIDE, WAIVER);
    }

    @Test
    void aSecretNamedLikeADateFunctionIsNotExpanded() {
        JsonNode message = read(TeamsCard.render(reminder(List.of(expired("{{DATE(2017-02-14T06:08:00Z, SHORT)}}")), 0)));

        assertThat(lines(message)).contains("EXPIRED  {\u200B{DATE(2017-02-14T06:08:00Z, SHORT)}}  expired on 2026-11-29");
    }

    @Test
    void fiveHundredItemsStayUnderTeamsLimitWithTheFirstOnesAndHowManyMore() {
        List<ChatReminder.Item> items = new ArrayList<>();
        items.add(expired("tls-api"));
        IntStream.range(1, 500).forEach(i -> items.add(overdue("db-password-" + "x".repeat(i % 90) + i)));

        byte[] bytes = TeamsCard.render(reminder(items, 12));
        JsonNode card = card(bytes);

        assertThat(bytes.length).isLessThanOrEqualTo(TeamsCard.MAX_BYTES);
        int shown = card.get("body").size() - 4; // subject, intro, "… and N more", waiver
        assertThat(shown).isBetween(20, 499);
        assertThat(lines(read(bytes))).element(2).isEqualTo("EXPIRED  tls-api  expired on 2026-11-29");
        assertThat(lines(read(bytes))).contains("… and " + (500 - shown + 12) + " more: the email and its workbook list every one.");
    }

    @Test
    void aReminderWithoutWaiverLinkOrMoreHasNeitherLine() {
        ChatReminder reminder = new ChatReminder("1 secret overdue", "Dana, 1 secret needs your attention.",
                List.of(overdue("db")), 0, null, null);

        JsonNode card = card(TeamsCard.render(reminder));

        assertThat(card.get("body")).hasSize(3);
        assertThat(card.get("actions")).isEmpty();
    }

    static ChatReminder reminder(List<ChatReminder.Item> items, int more) {
        return new ChatReminder("1 certificate EXPIRED, 1 secret overdue", "Dana, 2 secrets need your attention.",
                items, more, "To request a waiver, write to security.", WAIVER);
    }

    static ChatReminder.Item expired(String name) {
        return new ChatReminder.Item("EXPIRED", "C00000", name, "expired on 2026-11-29",
                "Issue a new certificate and deploy it.", GUIDE);
    }

    static ChatReminder.Item overdue(String name) {
        return new ChatReminder.Item("OVERDUE", "E46C0A", name, "overdue since 2025-08-22 (465 days)", "Rotate it.",
                null);
    }

    static JsonNode read(byte[] bytes) {
        return JSON.readTree(bytes);
    }

    static JsonNode card(byte[] bytes) {
        return read(bytes).get("attachments").get(0).get("content");
    }

    /** Each RichTextBlock as the reader sees it: its runs joined. */
    static List<String> lines(JsonNode message) {
        List<String> lines = new ArrayList<>();
        walk(message, node -> {
            if ("RichTextBlock".equals(text(node, "type"))) {
                StringBuilder line = new StringBuilder();
                node.get("inlines").forEach(run -> line.append(run.get("text").asString()));
                lines.add(line.toString());
            }
        });
        return lines;
    }

    /** The objects with a string value that contains {@code text}. */
    static List<JsonNode> holders(JsonNode root, String text) {
        List<JsonNode> holders = new ArrayList<>();
        walk(root, node -> node.properties().stream().map(Map.Entry::getValue)
                .filter(value -> value.isString() && value.asString().contains(text))
                .findAny().ifPresent(value -> holders.add(node)));
        return holders;
    }

    static List<String> values(JsonNode root, String key) {
        List<String> values = new ArrayList<>();
        walk(root, node -> {
            if (node.has(key)) {
                values.add(node.get(key).asString());
            }
        });
        return values;
    }

    static List<String> keys(JsonNode root) {
        List<String> keys = new ArrayList<>();
        walk(root, node -> node.properties().forEach(entry -> keys.add(entry.getKey())));
        return keys;
    }

    /** Every object of the tree, depth first in document order. */
    static void walk(JsonNode node, java.util.function.Consumer<JsonNode> visit) {
        if (node.isObject()) {
            visit.accept(node);
        }
        node.forEach(child -> walk(child, visit));
    }

    private static String text(JsonNode node, String key) {
        return node.has(key) ? node.get(key).asString() : null;
    }
}
