package ai.kubiya.secretaudit.evidence;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The signing key may come from the environment only ({@code AUDIT_EVIDENCE_SIGNINGKEY}): a key in
 * {@code application.yml} ends up in a repository or a ConfigMap, one on the command line in {@code ps} and the shell
 * history, and whoever reads it can sign a forged manifest. Checked by the command line before anything starts, in
 * every spelling Spring Boot would bind ({@code signing-key}, {@code signingKey}, …); the message names the key and
 * where it was found, never the value.
 */
public final class SigningKeyOrigin {

    private static final ConfigurationPropertyName NAME = ConfigurationPropertyName.of(EvidenceProperties.SIGNING_KEY);

    private SigningKeyOrigin() {
    }

    /** @throws IllegalArgumentException when any source but the process environment sets the key */
    public static void check(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof SystemEnvironmentPropertySource || source.getName().equals("configurationProperties")) {
                continue; // the latter is Spring Boot's view of all the others, the environment's key included
            }
            ConfigurationPropertySource view = ConfigurationPropertySource.from(source);
            if (view != null && view.getConfigurationProperty(NAME) != null) {
                throw new IllegalArgumentException(EvidenceProperties.SIGNING_KEY + " is set in " + describe(source)
                        + ": the signing key may only come from the environment (AUDIT_EVIDENCE_SIGNINGKEY)");
            }
        }
    }

    private static String describe(PropertySource<?> source) {
        return switch (source.getName()) {
            case "systemProperties" -> "a system property (-D)";
            case "commandLineArgs" -> "the command line";
            default -> source.getName();
        };
    }
}
