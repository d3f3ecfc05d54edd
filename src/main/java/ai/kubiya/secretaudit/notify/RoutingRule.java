package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.policy.Glob;
import java.util.List;
import java.util.Locale;

/**
 * One rule of the routing file: which secrets it matches (any of owner glob, scope, integration, name glob) and
 * where their reminders may go. Scope and integration compare case-insensitively, as the policy overrides do; the
 * owner glob too, since an address's letter case names no other mailbox; the name glob is exact, as elsewhere.
 *
 * @param number            its position in the file, from 1: the Run sheet names a rule by it
 * @param recipients        where the findings of an owner who cannot be mailed go (a team list); may be empty
 * @param escalationContact copied on escalated reminders for the secrets it matches, instead of
 *                          {@code audit.mail.escalation-cc}; {@code null} keeps that
 * @param slackChannel      the Slack channel of the reminders it matches (ChatTargets); {@code null} when unset
 * @param teamsWebhookUrl   the Teams webhook of the reminders it matches (ChatTargets); {@code null} when unset
 */
record RoutingRule(int number, String owner, String scope, String integration, String name,
                   List<String> recipients, String escalationContact, String slackChannel, String teamsWebhookUrl) {

    RoutingRule {
        recipients = List.copyOf(recipients);
    }

    /** How many criteria are set, counted as {@code policy/PolicyOverride#specificity} counts them. */
    int specificity() {
        return (owner != null ? 1 : 0) + (scope != null ? 1 : 0) + (integration != null ? 1 : 0)
                + (name != null ? 1 : 0);
    }

    boolean matches(String secretOwner, String secretScope, String secretIntegration, String secretName,
                    Glob ownerGlob, Glob nameGlob) {
        return (owner == null || secretOwner != null && ownerGlob.matches(secretOwner.toLowerCase(Locale.ROOT)))
                && (scope == null || scope.equalsIgnoreCase(secretScope))
                && (integration == null || integration.equalsIgnoreCase(secretIntegration))
                && (name == null || nameGlob.matches(secretName));
    }

    /** For the Run sheet: the number and the criteria, which are the operator's own words, never a secret's. */
    String describe() {
        StringBuilder text = new StringBuilder("routing rule ").append(number).append(" (");
        String separator = "";
        for (String[] criterion : new String[][] {{"owner", owner}, {"scope", scope}, {"integration", integration},
                {"name", name}}) {
            if (criterion[1] != null) {
                text.append(separator).append(criterion[0]).append('=').append(criterion[1]);
                separator = ", ";
            }
        }
        return text.append(')').toString();
    }
}
