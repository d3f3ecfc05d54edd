package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.chat.ChatReminder;
import ai.kubiya.secretaudit.chat.ChatTransport;
import ai.kubiya.secretaudit.chat.SlackMessage;
import ai.kubiya.secretaudit.chat.SlackProperties;
import ai.kubiya.secretaudit.chat.SlackWebApiTransport;
import ai.kubiya.secretaudit.chat.TeamsCard;
import ai.kubiya.secretaudit.chat.TeamsProperties;
import ai.kubiya.secretaudit.chat.TeamsWebhookTransport;
import ai.kubiya.secretaudit.chat.TeamsWebhooks;
import ai.kubiya.secretaudit.notify.OutboxRepository.Kind;
import ai.kubiya.secretaudit.notify.OwnerEmailComposer.Reminder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The chat services configured for this process: Slack when {@code AUDIT_SLACK_TOKEN} is set, Teams when a webhook
 * is configured. None: the reminders are emails only, and the chat send steps do nothing.
 */
@Component
public class ChatChannels {

    /**
     * One chat service as notify uses it.
     *
     * @param service   its name on the Run sheet and in log lines
     * @param target    where a reminder's message goes; {@code null}: it gets none ({@link ChatTargets})
     * @param renderer  the payload stored in the outbox
     * @param transport a new delivery's transport, closed at its end
     */
    record Channel(Kind kind, String service, Function<Reminder, String> target,
                   Function<ChatReminder, byte[]> renderer, Supplier<ChatTransport> transport) {
    }

    private final List<Channel> channels;

    ChatChannels(SlackProperties slack, TeamsProperties teams, RoutingRules rules) {
        List<Channel> enabled = new ArrayList<>();
        if (slack.enabled()) {
            enabled.add(new Channel(Kind.SLACK_REMINDER, "Slack",
                    reminder -> ChatTargets.slack(reminder, rules, slack.channel()), SlackMessage::render,
                    () -> new SlackWebApiTransport(slack)));
        }
        List<String> ruleWebhooks = rules.rules().stream().map(RoutingRule::teamsWebhookUrl)
                .filter(Objects::nonNull).toList();
        if (teams.webhookUrl() != null || !ruleWebhooks.isEmpty()) {
            TeamsWebhooks webhooks = TeamsWebhooks.of(teams, ruleWebhooks);
            enabled.add(new Channel(Kind.TEAMS_REMINDER, "Teams",
                    reminder -> ChatTargets.teams(reminder, rules, teams.webhookUrl()), TeamsCard::render,
                    () -> new TeamsWebhookTransport(teams, webhooks)));
        }
        this.channels = List.copyOf(enabled);
    }

    List<Channel> enabled() {
        return channels;
    }

    Optional<Channel> of(Kind kind) {
        return channels.stream().filter(channel -> channel.kind() == kind).findFirst();
    }
}
