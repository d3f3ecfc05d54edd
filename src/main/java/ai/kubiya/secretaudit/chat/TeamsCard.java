package ai.kubiya.secretaudit.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link ChatReminder} as the message Teams incoming webhooks and Workflows ("Post to a channel when a webhook
 * request is received") both accept: one Adaptive Card 1.4 attachment.
 *
 * <p>Every string of the reminder is put in a {@code TextRun} of a {@code RichTextBlock}, which Teams renders as it
 * is: no Markdown, no HTML, no {@code <at>} mention (a mention also needs {@code msteams.entities}, which this card
 * never carries). Links come only from the reminder's {@code link} and {@code waiverLink}.
 */
public final class TeamsCard {

    /**
     * Teams refuses a message over ~28 KB; Workflows wraps the card in its own envelope, so the card keeps 1.5 KB
     * below that. Measured: 500 items with names of 13 to 105 characters keep the first 55 (27,142 bytes, ~5 ms
     * to render) and say how many more there are.
     */
    static final int MAX_BYTES = 27 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TeamsCard() {
    }

    /** The message as UTF-8 JSON, under {@link #MAX_BYTES}: as many of the items, in order, as fit. */
    public static byte[] render(ChatReminder reminder) {
        List<ObjectNode> items = reminder.items().stream().map(TeamsCard::item).toList();
        int worstCaseMore = reminder.more() + items.size();
        int budget = MAX_BYTES - bytes(message(reminder, List.of(), worstCaseMore));
        List<ObjectNode> fitting = new ArrayList<>();
        for (ObjectNode item : items) {
            budget -= bytes(item) + 1; // the comma before it
            if (budget < 0) {
                break;
            }
            fitting.add(item);
        }
        return JSON.writeValueAsBytes(message(reminder, fitting, worstCaseMore - fitting.size()));
    }

    private static ObjectNode message(ChatReminder reminder, List<ObjectNode> items, int more) {
        ObjectNode card = NODES.objectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("fallbackText", reminder.subject());
        ArrayNode body = card.putArray("body");
        body.add(text(run(reminder.subject()).put("weight", "Bolder").put("size", "Medium")));
        body.add(text(run(reminder.intro())));
        body.addAll(items);
        if (more > 0) {
            body.add(text(run("… and " + more + " more: the email and its workbook list every one.").put("isSubtle", true)));
        }
        if (reminder.waiverText() != null && !reminder.waiverText().isBlank()) {
            body.add(text(run(reminder.waiverText())).put("separator", true));
        }
        ArrayNode actions = card.putArray("actions");
        if (linkable(reminder.waiverLink())) {
            actions.addObject().put("type", "Action.OpenUrl").put("title", "Request a waiver")
                    .put("url", reminder.waiverLink());
        }
        return envelope(card);
    }

    /** The activity both webhook kinds take: a message with the card as its one attachment. */
    private static ObjectNode envelope(ObjectNode card) {
        ObjectNode message = NODES.objectNode();
        message.put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        attachment.set("content", card);
        return message;
    }

    /** Severity, secret and problem on one line; what to do, and where, on the next. */
    private static ObjectNode item(ChatReminder.Item item) {
        ObjectNode container = NODES.objectNode().put("type", "Container").put("separator", true);
        ArrayNode lines = container.putArray("items");
        lines.add(text(run(item.severity()).put("weight", "Bolder").put("color", colour(item.colour())),
                run("  "), run(item.secret()).put("fontType", "Monospace"), run("  " + item.problem())));
        ObjectNode todo = text(run("What to do: ").put("isSubtle", true), run(item.todo()));
        if (linkable(item.link())) {
            ((ArrayNode) todo.get("inlines")).add(run(" "));
            ((ArrayNode) todo.get("inlines")).add(run("Open").put("underline", true).set("selectAction",
                    NODES.objectNode().put("type", "Action.OpenUrl").put("title", "Open").put("url", item.link())));
        }
        lines.add(todo);
        return container;
    }

    private static ObjectNode text(ObjectNode... runs) {
        ObjectNode block = NODES.objectNode().put("type", "RichTextBlock");
        ArrayNode inlines = block.putArray("inlines");
        for (ObjectNode run : runs) {
            inlines.add(run);
        }
        return block;
    }

    /**
     * A TextRun parses no Markdown, but Adaptive Cards still expand {@code {{DATE(…)}}} and {@code {{TIME(…)}}} in
     * it: a zero-width space between the braces keeps a secret named so as written.
     */
    private static ObjectNode run(String text) {
        String inert = text == null ? "" : text.replace("{{", "{\u200B{");
        return NODES.objectNode().put("type", "TextRun").put("text", inert);
    }

    /**
     * The nearest of the colours a card may name: red ({@code C00000}, {@code E46C0A}: expired, critical, overdue)
     * is Attention, amber ({@code BF8F00}: due soon) Warning, grey Default.
     */
    static String colour(String hex) {
        if (hex == null || !hex.matches("[0-9A-Fa-f]{6}")) {
            return "Default";
        }
        int red = Integer.parseInt(hex.substring(0, 2), 16);
        int green = Integer.parseInt(hex.substring(2, 4), 16);
        int blue = Integer.parseInt(hex.substring(4, 6), 16);
        if (red - Math.max(green, blue) < 0x30) {
            return "Default";
        }
        return red >= 0xC0 && green < 0x80 ? "Attention" : "Warning";
    }

    /** Already checked upstream; checked again because a card link is the one thing here a reader clicks. */
    private static boolean linkable(String link) {
        if (link == null) {
            return false;
        }
        String lower = link.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:");
    }

    private static int bytes(ObjectNode node) {
        return JSON.writeValueAsBytes(node).length;
    }
}
