package ai.kubiya.secretaudit.chat;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link ChatReminder} as a {@code chat.postMessage} payload (without {@code channel}, which is added when it is
 * posted): a notification {@code text} and Block Kit blocks. Every string from the reminder goes into a
 * {@code plain_text} object, which Slack never parses: a secret named {@code <!channel>} or {@code *bold*} shows as
 * written and pings nobody (docs/owners.md#slack-and-microsoft-teams). The only {@code mrkdwn} is the top-level
 * {@code text}, escaped. Links are buttons with a URL, never markup. Within Block Kit's limits: 50 blocks, 150
 * characters of header, 3000 of section text, 75 of button label.
 */
public final class SlackMessage {

    static final int MAX_BLOCKS = 50;
    static final int HEADER_LIMIT = 150;
    static final int TEXT_LIMIT = 3000;
    static final int URL_LIMIT = 3000;
    /** Header, intro, the "more" line, the waiver: the blocks around the items. */
    static final int MAX_ITEMS = MAX_BLOCKS - 4;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SlackMessage() {
    }

    public static byte[] render(ChatReminder reminder) {
        ObjectNode message = JSON.createObjectNode();
        String subject = nonBlank(reminder.subject());
        message.put("text", mrkdwn(truncate(subject, TEXT_LIMIT)));
        message.put("unfurl_links", false);
        message.put("unfurl_media", false);
        ArrayNode blocks = message.putArray("blocks");
        blocks.addObject().put("type", "header").set("text", plain(truncate(subject, HEADER_LIMIT)));
        section(blocks, reminder.intro(), null);
        List<ChatReminder.Item> items = reminder.items();
        int shown = Math.min(items.size(), MAX_ITEMS);
        for (ChatReminder.Item item : items.subList(0, shown)) {
            section(blocks, line(item), item.link());
        }
        int more = reminder.more() + items.size() - shown;
        if (more > 0) {
            ObjectNode context = blocks.addObject().put("type", "context");
            context.putArray("elements").add(plain("… and " + more + " more in the email's workbook"));
        }
        section(blocks, reminder.waiverText(), reminder.waiverLink());
        return JSON.writeValueAsBytes(message);
    }

    /** "🔴 EXPIRED  payments-tls\nexpired on 2026-11-20 (10 days ago)\nRenew the certificate, …" */
    private static String line(ChatReminder.Item item) {
        return marker(item.colour()) + " " + item.severity() + "  " + item.secret() + "\n" + item.problem() + "\n"
                + item.todo();
    }

    /** The email's colour as a mark that shows in every Slack client (Block Kit has no coloured text). */
    static String marker(String colour) {
        return switch (colour == null ? "" : colour.toUpperCase(java.util.Locale.ROOT)) {
            case "C00000" -> "🔴";
            case "E46C0A" -> "🟠";
            case "BF8F00" -> "🟡";
            default -> "⚪";
        };
    }

    private static void section(ArrayNode blocks, String text, String link) {
        ObjectNode section = blocks.addObject().put("type", "section");
        section.set("text", plain(truncate(nonBlank(text), TEXT_LIMIT)));
        if (isButtonUrl(link)) {
            ObjectNode button = section.putObject("accessory").put("type", "button");
            button.set("text", plain("Open"));
            button.put("url", link);
        }
    }

    /** Slack buttons open http(s) links only; a {@code mailto:} waiver link stays in the text, where it is written. */
    private static boolean isButtonUrl(String link) {
        return link != null && link.length() <= URL_LIMIT
                && (link.startsWith("https://") || link.startsWith("http://"));
    }

    /** {@code emoji: false}: a secret named {@code :rotating_light:} is not turned into a picture either. */
    private static ObjectNode plain(String text) {
        ObjectNode node = JSON.createObjectNode().put("type", "plain_text").put("text", text);
        node.put("emoji", false);
        return node;
    }

    /**
     * The notification text is mrkdwn: {@code &}, {@code <} and {@code >} are escaped as Slack asks (so no
     * {@code <!channel>} or link), and its formatting characters are replaced by look-alikes that do not format.
     */
    static String mrkdwn(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace('*', '∗').replace('_', 'ˍ').replace('~', '∼').replace('`', 'ˋ');
    }

    /** Slack refuses an empty text object. */
    private static String nonBlank(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }

    static String truncate(String text, int limit) {
        return text.codePointCount(0, text.length()) <= limit ? text
                : text.substring(0, text.offsetByCodePoints(0, limit - 1)) + "…";
    }
}
