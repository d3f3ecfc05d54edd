package ai.kubiya.secretaudit.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Slack payload read back as JSON: what the owner sees first, and that text from the audited data can never
 * ping, link or format, whatever it is (a secret named {@code <!channel>} or {@code *bold*}).
 */
class SlackMessageTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static ChatReminder.Item item(String secret) {
        return new ChatReminder.Item("EXPIRED", "C00000", secret, "expired on 2026-11-29 (1 day ago)",
                "Renew the certificate.", "https://runbooks.acme.example/certs?name=x");
    }

    static ChatReminder reminder(List<ChatReminder.Item> items, int more) {
        return new ChatReminder("[Secret rotation] 1 certificate EXPIRED", "The audit found 1 secret.", items, more,
                "Cannot fix it in time? Request a waiver: mailto:security@acme.example",
                "mailto:security@acme.example");
    }

    static JsonNode render(ChatReminder reminder) {
        return JSON.readTree(SlackMessage.render(reminder));
    }

    @Test
    void theOwnerSeesTheSubjectAsHeaderThenTheWorstFindingWithItsSeverityWhatIsWrongAndWhatToDo() {
        JsonNode message = render(reminder(List.of(item("payments-tls")), 0));

        JsonNode blocks = message.get("blocks");
        assertThat(message.get("text").asString()).isEqualTo("[Secret rotation] 1 certificate EXPIRED");
        assertThat(blocks.get(0).get("type").asString()).isEqualTo("header");
        assertThat(blocks.get(0).get("text").get("text").asString()).isEqualTo("[Secret rotation] 1 certificate"
                + " EXPIRED");
        assertThat(blocks.get(2).get("text").get("text").asString()).isEqualTo("🔴 EXPIRED  payments-tls\n"
                + "expired on 2026-11-29 (1 day ago)\nRenew the certificate.");
        assertThat(blocks.get(2).get("accessory").get("url").asString())
                .isEqualTo("https://runbooks.acme.example/certs?name=x");
    }

    @Test
    void aSecretNamedLikeAMentionOrMarkupStaysPlainTextAndTheNotificationTextIsEscaped() {
        ChatReminder hostile = new ChatReminder("<!channel> *bold* _it_ ~s~ `c` & <https://evil.example|x>",
                "<!here>", List.of(item("<!channel>"), item("*bold*"), item("<@U0ADMIN>")), 0, "w", null);

        JsonNode message = render(hostile);

        assertThat(message.get("text").asString()).doesNotContain("<", ">", "*", "_", "~", "`")
                .startsWith("&lt;!channel&gt; ∗bold∗").contains("&amp;");
        List<JsonNode> texts = textObjects(message);
        assertThat(texts).isNotEmpty().allSatisfy(text -> {
            assertThat(text.get("type").asString()).isEqualTo("plain_text");
            assertThat(text.get("emoji").asBoolean()).isFalse();
        });
        assertThat(texts.stream().map(text -> text.get("text").asString()))
                .anyMatch(text -> text.contains("<!channel>")).anyMatch(text -> text.contains("*bold*"));
    }

    @Property(tries = 200)
    void whateverTheNamesNoTextObjectIsMarkupAndTheNotificationTextHasNoAngleBrackets(
            @ForAll String subject, @ForAll String secret) {
        JsonNode message = render(new ChatReminder(subject, "intro", List.of(item(secret)), 0, "w", null));

        assertThat(textObjects(message)).allSatisfy(text -> assertThat(text.get("type").asString())
                .isEqualTo("plain_text"));
        assertThat(message.get("text").asString()).doesNotContain("<", ">", "*", "`");
    }

    @Test
    void aLongListStaysWithinFiftyBlocksAndCountsWhatIsLeftOut() {
        List<ChatReminder.Item> items = new ArrayList<>();
        IntStream.range(0, 60).forEach(i -> items.add(item("cert-" + i)));

        JsonNode blocks = render(reminder(items, 7)).get("blocks");

        assertThat(blocks.size()).isEqualTo(SlackMessage.MAX_BLOCKS);
        JsonNode more = blocks.get(blocks.size() - 2);
        assertThat(more.get("type").asString()).isEqualTo("context");
        assertThat(more.get("elements").get(0).get("text").asString())
                .isEqualTo("… and " + (60 - SlackMessage.MAX_ITEMS + 7) + " more in the email's workbook");
    }

    @Test
    void aLongSubjectIsCutToTheHeadersLimitAndAMailtoWaiverStaysInTheTextWithoutAButton() {
        ChatReminder reminder = new ChatReminder("x".repeat(400), "intro", List.of(), 0,
                "Request a waiver: mailto:security@acme.example", "mailto:security@acme.example");

        JsonNode blocks = render(reminder).get("blocks");

        String header = blocks.get(0).get("text").get("text").asString();
        assertThat(header).hasSize(SlackMessage.HEADER_LIMIT).endsWith("…");
        JsonNode waiver = blocks.get(blocks.size() - 1);
        assertThat(waiver.get("text").get("text").asString()).contains("mailto:security@acme.example");
        assertThat(waiver.has("accessory")).isFalse();
    }

    /** Every {@code {"type": …, "text": …}} object of the blocks: where Slack would read markup, if anywhere. */
    static List<JsonNode> textObjects(JsonNode message) {
        List<JsonNode> found = new ArrayList<>();
        collect(message.get("blocks"), found);
        return found;
    }

    private static void collect(JsonNode node, List<JsonNode> found) {
        if (node.isObject() && node.has("type") && node.has("text") && node.get("text").isString()) {
            found.add(node);
        }
        node.forEach(child -> collect(child, found));
    }
}
