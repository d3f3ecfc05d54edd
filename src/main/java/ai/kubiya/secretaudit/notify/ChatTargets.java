package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.chat.TeamsWebhooks;
import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.notify.OwnerEmailComposer.Reminder;
import java.util.function.Function;

/**
 * Where a reminder's chat message goes, decided with the email's routing: the chat target its findings' routing rules
 * (the most specific rule matching each secret, as for recipients) all name, else the configured default, else (Slack
 * only) the owner's DM. A team or fallback email with neither gets no chat message.
 */
final class ChatTargets {

    private ChatTargets() {
    }

    /** A channel as written ({@code #name} or an ID), or {@code user:<email>}; {@code null}: no Slack message. */
    static String slack(Reminder reminder, RoutingRules rules, String defaultChannel) {
        String byRule = byRule(reminder, rules, RoutingRule::slackChannel);
        if (byRule != null) {
            return byRule;
        }
        if (defaultChannel != null) {
            return defaultChannel;
        }
        return reminder.owner() == null ? null : "user:" + reminder.recipient().getAddress();
    }

    /**
     * A reference to the webhook URL, never the URL (a credential: whoever has it can post); {@code null}: no Teams
     * card. The Teams transport finds the URL by its reference in the configuration.
     */
    static String teams(Reminder reminder, RoutingRules rules, String defaultUrl) {
        String url = byRule(reminder, rules, RoutingRule::teamsWebhookUrl);
        url = url != null ? url : defaultUrl;
        return url == null ? null : TeamsWebhooks.reference(url);
    }

    /**
     * The target the routing rules give every row of the reminder, or {@code null} when they do not all give the
     * same one: a channel is a team's, and an owner's secrets of other teams must not be posted in it (their
     * reminder goes to the default channel or the owner's DM instead).
     */
    private static String byRule(Reminder reminder, RoutingRules rules, Function<RoutingRule, String> target) {
        if (rules.rules().isEmpty()) {
            return null;
        }
        String common = null;
        for (FindingRow row : reminder.rows()) {
            RoutingRule rule = rules.match(row);
            String own = rule == null ? null : target.apply(rule);
            if (own == null || common != null && !common.equals(own)) {
                return null;
            }
            common = own;
        }
        return common;
    }
}
