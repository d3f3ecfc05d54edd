package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.InvalidConfigurationException;
import ai.kubiya.secretaudit.chat.TeamsWebhooks;
import ai.kubiya.secretaudit.policy.EmailAddresses;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code audit.routing.file}: {@code rules:} (each a {@code match:} of owner / scope / integration / name and
 * at least one of recipients, escalation-contact, slack-channel, teams-webhook-url) and {@code absent:} (addresses
 * of owners who have left). Checked as the waiver file is: anything wrong stops start-up naming the file and the
 * entry, never quoting the value (it may be anything an operator pasted).
 */
final class RoutingFile {

    private static final String KEY = "audit.routing.file: ";
    private static final List<String> TOP = List.of("rules", "absent");
    private static final List<String> FIELDS =
            List.of("match", "recipients", "escalation-contact", "slack-channel", "teams-webhook-url");
    private static final List<String> CRITERIA = List.of("owner", "scope", "integration", "name");

    private RoutingFile() {
    }

    static RoutingRules read(Path file) {
        Map<?, ?> document = document(file);
        String where = KEY + file.getFileName();
        keys(where, document, TOP);
        List<RoutingRule> rules = new ArrayList<>();
        List<?> entries = list(document.get("rules"));
        for (int i = 0; i < entries.size(); i++) {
            rules.add(rule(where + " rule " + (i + 1), i + 1, entries.get(i)));
        }
        Set<String> absent = new LinkedHashSet<>(addresses(document.get("absent"), where + ": absent"));
        return new RoutingRules(rules, absent);
    }

    private static Map<?, ?> document(Path file) {
        requireRegularFile(file);
        Object document;
        try (Reader reader = Files.newBufferedReader(file)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new InvalidConfigurationException(KEY + "cannot read " + file + " ("
                    + (e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName()) + ")");
        } catch (YAMLException e) {
            // SnakeYAML's first line names the position only; the lines after it quote the text
            throw new InvalidConfigurationException(KEY + file + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new InvalidConfigurationException(KEY + file + " must be a mapping with rules: and absent:");
        }
        return map;
    }

    /** As the waiver file: a directory or FIFO is refused by name, a FIFO would block start-up. */
    private static void requireRegularFile(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigurationException(KEY + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidConfigurationException(KEY + "cannot read " + file + " ("
                    + (e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName()) + ")");
        }
        if (attributes.isDirectory()) {
            throw new InvalidConfigurationException(KEY + file + " is a directory, not a routing file");
        }
        if (!attributes.isRegularFile()) {
            throw new InvalidConfigurationException(KEY + file + " is not a regular file (a FIFO, device or socket),"
                    + " not a routing file");
        }
    }

    private static RoutingRule rule(String where, int number, Object entry) {
        if (!(entry instanceof Map<?, ?> fields)) {
            throw new InvalidConfigurationException(where + " is not a mapping of " + FIELDS);
        }
        keys(where, fields, FIELDS);
        if (!(fields.get("match") instanceof Map<?, ?> match) || match.isEmpty()) {
            throw new InvalidConfigurationException(where + ": match is required (any of " + CRITERIA + ")");
        }
        keys(where + ": match", match, CRITERIA);
        String contact = text(fields.get("escalation-contact"), where + ": escalation-contact");
        if (contact != null) {
            address(contact, where + ": escalation-contact");
        }
        RoutingRule rule = new RoutingRule(number, glob(match.get("owner"), where + ": match.owner"),
                text(match.get("scope"), where + ": match.scope"),
                text(match.get("integration"), where + ": match.integration"),
                glob(match.get("name"), where + ": match.name"),
                addresses(fields.get("recipients"), where + ": recipients"), contact,
                text(fields.get("slack-channel"), where + ": slack-channel"),
                url(text(fields.get("teams-webhook-url"), where + ": teams-webhook-url"), where + ": teams-webhook-url"));
        if (rule.recipients().isEmpty() && contact == null && rule.slackChannel() == null
                && rule.teamsWebhookUrl() == null) {
            throw new InvalidConfigurationException(where + ": needs one of " + FIELDS.subList(1, FIELDS.size()));
        }
        return rule;
    }

    private static void keys(String where, Map<?, ?> fields, List<String> known) {
        for (Object key : fields.keySet()) {
            String name = String.valueOf(key);
            if (!known.contains(name)) {
                // a key is quoted only when it looks like one: anything else may be pasted data
                throw new InvalidConfigurationException(where + ": unknown field"
                        + (name.matches("[A-Za-z0-9_.-]{1,40}") ? " '" + name + "'" : "") + " (fields: " + known + ")");
            }
        }
    }

    /** Only {@code *} and {@code ?} are wildcards (policy/Glob): brackets or braces would silently match literally. */
    private static String glob(Object value, String where) {
        String glob = text(value, where);
        if (glob != null && glob.chars().anyMatch(c -> "[]{}".indexOf(c) >= 0 || Character.isISOControl(c))) {
            throw new InvalidConfigurationException(where + " is not a glob: only * and ? are wildcards, and"
                    + " [ ] { } and control characters are not allowed");
        }
        return glob;
    }

    private static String text(Object value, String where) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw new InvalidConfigurationException(where + " must be a single value, not a list or mapping");
        }
        String text = String.valueOf(value).strip();
        if (text.isEmpty()) {
            throw new InvalidConfigurationException(where + " is empty");
        }
        return text;
    }

    private static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list : List.of(value);
    }

    private static List<String> addresses(Object value, String where) {
        List<String> addresses = new ArrayList<>();
        List<?> items = list(value);
        for (int i = 0; i < items.size(); i++) {
            String address = text(items.get(i), where + " item " + (i + 1));
            if (address == null) {
                throw new InvalidConfigurationException(where + " item " + (i + 1) + " is empty");
            }
            address(address, where + " item " + (i + 1));
            if (addresses.stream().noneMatch(address::equalsIgnoreCase)) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    private static void address(String address, String where) {
        EmailAddresses.Parsed parsed = EmailAddresses.parse(address);
        if (!parsed.isValid()) {
            throw new InvalidConfigurationException(where + " is not a valid email address (" + parsed.problem() + ")");
        }
    }

    private static String url(String url, String where) {
        String problem = url == null ? null : TeamsWebhooks.check(url);
        if (problem != null) {
            throw new InvalidConfigurationException(where + " " + problem);
        }
        return url;
    }
}
