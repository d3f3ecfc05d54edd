package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.SecretRotationAuditConfiguration;
import ai.kubiya.secretaudit.cli.ConfigurationKeys.Element;
import ai.kubiya.secretaudit.cli.ConfigurationKeys.Miss;
import ai.kubiya.secretaudit.cli.ConfigurationKeys.Named;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Refuses to start on a key under {@code audit} that no configuration record reads — a misspelt key is otherwise
 * ignored, and {@code audit.mail.allowed-domain} (singular) leaves a restriction off. Every property source is
 * checked: configuration files, {@code -D} system properties, {@code SPRING_APPLICATION_JSON} and environment
 * variables starting with {@code AUDIT_}, read as Spring Boot binds them ({@code AUDIT_MAIL_ALLOWEDDOMAINS} and
 * {@code AUDIT_MAIL_ALLOWED_DOMAINS} both set {@code audit.mail.allowed-domains}). Runs before any bean exists, so
 * a typo never starts the database.
 */
final class UnknownConfigurationKeys implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /**
     * What Kubernetes sets for a Service named {@code audit} or {@code audit-…} in the namespace (service links:
     * {@code AUDIT_LOG_SERVICE_HOST}, {@code AUDIT_LOG_PORT_8080_TCP_ADDR}): someone else's, not ours to refuse.
     */
    private static final Pattern SERVICE_LINKS = Pattern.compile(
            "AUDIT(_[A-Z0-9]+)*_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9]+)*|PORT(_\\d+_(TCP|UDP|SCTP)(_PROTO|_PORT|_ADDR)?)?)");

    private final ConfigurationKeys keys;

    /** Scans the application's classes for its records: 160–680 ms in the packaged jar on 2 busy cores. */
    UnknownConfigurationKeys() {
        this(ConfigurationKeys.scan("audit", SecretRotationAuditConfiguration.class.getPackageName()));
    }

    UnknownConfigurationKeys(ConfigurationKeys keys) {
        this.keys = keys;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Set<String> unknown = new LinkedHashSet<>();
        for (PropertySource<?> source : context.getEnvironment().getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    check(name, source).ifPresent(unknown::add);
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new ApplicationContexts.ConfigurationError(String.join("; ", unknown), null);
        }
    }

    /** The problem with one property, if it is under {@code audit} and no record reads it. */
    Optional<String> check(String property, PropertySource<?> source) {
        boolean variable = source instanceof SystemEnvironmentPropertySource && !property.contains(".");
        List<String> written = variable ? variable(property) : property(property);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        List<Element> elements = written.stream()
                .map(element -> new Element(ConfigurationKeys.uniform(element), element.matches("\\[?\\d+]?")))
                .toList();
        return keys.find(elements, variable)
                .map(miss -> "unknown configuration key '" + property + "'" + hint(written, elements, miss, variable)
                        + origin(property, source));
    }

    /** The elements after {@code AUDIT_}, or none when the variable is not ours. */
    private static List<String> variable(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("AUDIT_") || SERVICE_LINKS.matcher(upper).matches()) {
            return List.of();
        }
        return List.of(name.substring("AUDIT_".length()).split("_"));
    }

    /** The elements after {@code audit.}, indexes as {@code [0]}, or none when the key is not under it. */
    private static List<String> property(String key) {
        ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
        if (!ConfigurationPropertyName.of("audit").isAncestorOf(name)) {
            return List.of();
        }
        List<String> written = new ArrayList<>();
        for (int i = 1; i < name.getNumberOfElements(); i++) {
            String element = name.getElement(i, Form.ORIGINAL);
            written.add(name.isNumericIndex(i) ? "[" + element + "]" : element);
        }
        return written;
    }

    /** " (did you mean 'audit.mail.allowed-domains'?)", or what the parent takes. */
    private static String hint(List<String> written, List<Element> elements, Miss miss, boolean variable) {
        String parent = join(written.subList(0, miss.at()), variable);
        if (miss.group() == null) {
            return " (" + parent + " takes a value, not keys below it)";
        }
        Named best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestSpan = 1;
        for (Named child : miss.group().children().values()) {
            String uniform = ConfigurationKeys.uniform(child.name());
            StringBuilder joined = new StringBuilder();
            for (int span = 1; miss.at() + span <= elements.size() && (span == 1 || variable); span++) {
                String typed = joined.append(elements.get(miss.at() + span - 1).uniform()).toString();
                int distance = Levenshtein.distance(typed, uniform);
                if (distance < bestDistance && near(typed, uniform, distance)) {
                    best = child;
                    bestDistance = distance;
                    bestSpan = span;
                }
            }
        }
        if (best == null) {
            List<String> known = miss.group().children().values().stream().map(Named::name).toList();
            return " (" + parent + " takes " + String.join(", ", known) + ")";
        }
        List<String> suggestion = new ArrayList<>(written.subList(0, miss.at()));
        suggestion.add(variable ? ConfigurationKeys.uniform(best.name()).toUpperCase(Locale.ROOT) : best.name());
        suggestion.addAll(written.subList(miss.at() + bestSpan, written.size()));
        return " (did you mean '" + join(suggestion, variable) + "'?)";
    }

    /** A few edits (a third of the key), or the start of it ({@code max-age} for {@code max-age-days}). */
    private static boolean near(String typed, String known, int distance) {
        return distance <= Math.max(2, known.length() / 3) || typed.length() >= 4 && known.startsWith(typed);
    }

    private static String join(List<String> elements, boolean variable) {
        StringBuilder key = new StringBuilder(variable ? "AUDIT" : "audit");
        for (String element : elements) {
            key.append(variable ? "_" : element.startsWith("[") ? "" : ".").append(element);
        }
        return key.toString();
    }

    private static String origin(String property, PropertySource<?> source) {
        Origin origin = source instanceof OriginLookup<?> ? ((OriginLookup<String>) source).getOrigin(property) : null;
        if (origin instanceof TextResourceOrigin text && text.getResource() != null) {
            return " in " + YamlConfigurationLoader.describe(text.getResource())
                    + (text.getLocation() == null ? "" : " line " + (text.getLocation().getLine() + 1));
        }
        return switch (source.getName()) {
            case "systemEnvironment" -> " in the environment";
            case "systemProperties" -> " in a system property (-D)";
            case "commandLineArgs" -> " on the command line";
            default -> " in " + source.getName();
        };
    }
}
