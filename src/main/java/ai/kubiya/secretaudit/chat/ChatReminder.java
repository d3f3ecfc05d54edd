package ai.kubiya.secretaudit.chat;

import java.util.List;

/**
 * One owner reminder as a chat message carries it: what the email says first, without the workbook. Every string
 * is plain text (a renderer escapes it for its markup); none is ever a secret value.
 *
 * @param subject    the email's subject: the worst thing in words
 * @param intro      the email's first line
 * @param items      the worst findings, worst first (fewer than the email shows: chat messages are short)
 * @param more       how many findings are not among {@code items}
 * @param waiverText how to request a waiver, in words
 * @param waiverLink a link ({@code https:}, {@code http:} or {@code mailto:}) to request one; {@code null} when none
 */
public record ChatReminder(String subject, String intro, List<Item> items, int more, String waiverText,
                           String waiverLink) {

    public ChatReminder {
        items = List.copyOf(items);
    }

    /**
     * One finding.
     *
     * @param severity the word the email shows ({@code EXPIRED}, {@code OVERDUE}, …)
     * @param colour   its colour, six hex digits without {@code #}
     * @param secret   the secret's name, as the audited data has it (untrusted text)
     * @param problem  what is wrong, with the date: "overdue since 2025-08-22 (465 days)"
     * @param todo     what to do
     * @param link     where to do it (a guidance link); {@code null} when none
     */
    public record Item(String severity, String colour, String secret, String problem, String todo, String link) {
    }
}
