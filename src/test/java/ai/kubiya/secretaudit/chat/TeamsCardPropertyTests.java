package ai.kubiya.secretaudit.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * Whatever the secrets are called and however many there are, the card stays under Teams' limit, keeps the given
 * order, accounts for every finding (shown or counted in "… and N more"), and a name never adds a key, an element or a link.
 */
class TeamsCardPropertyTests {

    /** Every key a card may have: nothing a name could turn into a mention ({@code msteams}) or a new element. */
    private static final List<String> KEYS = List.of("type", "attachments", "contentType", "contentUrl", "content",
            "$schema", "version", "fallbackText", "body", "actions", "inlines", "items", "text", "weight", "size",
            "color", "fontType", "isSubtle", "underline", "separator", "selectAction", "title", "url");

    @Property(tries = 200)
    void everyFindingIsShownInOrderOrCountedAndTheCardFits(@ForAll @Size(max = 400) List<@From("names") String> names,
            @ForAll @IntRange(max = 100_000) int more) {
        List<ChatReminder.Item> items = new ArrayList<>();
        names.forEach(name -> items.add(TeamsCardTests.overdue(name)));

        byte[] bytes = TeamsCard.render(TeamsCardTests.reminder(items, more));
        JsonNode body = TeamsCardTests.card(bytes).get("body");

        assertThat(bytes.length).isLessThanOrEqualTo(TeamsCard.MAX_BYTES);
        List<String> shown = new ArrayList<>();
        body.forEach(element -> {
            if ("Container".equals(element.get("type").asString())) {
                shown.add(element.get("items").get(0).get("inlines").get(2).get("text").asString());
            }
        });
        assertThat(shown).isEqualTo(names.subList(0, shown.size()).stream()
                .map(name -> name.replace("{{", "{\u200B{")).toList());
        int counted = more + names.size() - shown.size();
        List<String> lines = TeamsCardTests.lines(TeamsCardTests.read(bytes));
        if (counted > 0) {
            assertThat(lines).contains("… and " + counted + " more: the email and its workbook list every one.");
        } else {
            assertThat(lines).noneMatch(line -> line.startsWith("… and "));
        }
        JsonNode message = TeamsCardTests.read(bytes);
        assertThat(TeamsCardTests.keys(message)).isSubsetOf(KEYS);
        assertThat(TeamsCardTests.values(message, "url")).isSubsetOf(TeamsCardTests.GUIDE, TeamsCardTests.WAIVER);
    }

    /** Mostly short names, some long (up to 3,000 characters), with markup characters and any Unicode. */
    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> markup = Arbitraries.of("*", "_", "[", "](", ")", "<at>", "</at>", "<!channel>", "{{", "}}",
                "\\", "\"", "\n", "`", "&amp;", "https://x.example").list().ofMaxSize(6).map(parts -> String.join("", parts));
        return Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().withChars("-_.").ofMinLength(1).ofMaxLength(60),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(3_000), markup.filter(name -> !name.isEmpty()));
    }
}
