package ai.kubiya.secretaudit.chat;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The Slack bot token may come from the environment only ({@code AUDIT_SLACK_TOKEN}): a token in
 * {@code application.yml} ends up in a repository or a ConfigMap, one on the command line in {@code ps} and the shell
 * history. Checked by the command line before anything starts; the message names the key and where it was found,
 * never the value.
 */
public final class SlackTokenOrigin {

    static final String KEY = "audit.slack.token";

    private SlackTokenOrigin() {
    }

    /** @throws IllegalArgumentException when any source but the process environment sets the token */
    public static void check(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof SystemEnvironmentPropertySource || isAttachedView(source)) {
                continue;
            }
            if (source.containsProperty(KEY)) {
                throw new IllegalArgumentException(KEY + " is set in " + describe(source) + ": the Slack bot token"
                        + " may only come from the environment (AUDIT_SLACK_TOKEN)");
            }
        }
    }

    /** Spring Boot's view of all the other sources (it would find the environment's token too). */
    private static boolean isAttachedView(PropertySource<?> source) {
        return source.getName().equals("configurationProperties");
    }

    private static String describe(PropertySource<?> source) {
        return switch (source.getName()) {
            case "systemProperties" -> "a system property (-D)";
            case "commandLineArgs" -> "the command line";
            default -> source.getName();
        };
    }
}
