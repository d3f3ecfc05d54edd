package ai.kubiya.secretaudit;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Credentials that may come from the process environment only: the Slack bot token ({@code AUDIT_SLACK_TOKEN}) and the
 * evidence signing key ({@code AUDIT_EVIDENCE_SIGNINGKEY}). One in {@code application.yml} ends up in a repository or a
 * ConfigMap, one on the command line in {@code ps} and the shell history. Checked by the command line before anything
 * starts, in every spelling Spring Boot would bind ({@code signing-key}, {@code signingKey}, …); the message names
 * the key and where it was found, never the value.
 */
public final class EnvironmentOnlyKeys {

    /** Key → what it is, for the message. */
    private static final Map<String, String> KEYS = Map.of(
            "audit.slack.token", "the Slack bot token",
            "audit.evidence.signing-key", "the signing key");

    private EnvironmentOnlyKeys() {
    }

    /** @throws IllegalArgumentException when any source but the process environment sets one of the keys */
    public static void check(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof SystemEnvironmentPropertySource || source.getName().equals("configurationProperties")) {
                continue; // the latter is Spring Boot's view of all the others, the environment's keys included
            }
            ConfigurationPropertySource view = ConfigurationPropertySource.from(source);
            KEYS.forEach((key, what) -> {
                if (view != null && view.getConfigurationProperty(ConfigurationPropertyName.of(key)) != null) {
                    throw new IllegalArgumentException(key + " is set in " + describe(source) + ": " + what
                            + " may only come from the environment (" + environmentName(key) + ")");
                }
            });
        }
    }

    /** {@code audit.evidence.signing-key} → {@code AUDIT_EVIDENCE_SIGNINGKEY}, as Spring Boot binds it. */
    public static String environmentName(String key) {
        return key.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static String describe(PropertySource<?> source) {
        return switch (source.getName()) {
            case "systemProperties" -> "a system property (-D)";
            case "commandLineArgs" -> "the command line";
            default -> source.getName();
        };
    }
}
