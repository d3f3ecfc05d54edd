package ai.kubiya.secretaudit.policy;

import ai.kubiya.secretaudit.InvalidConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a waiver file: a YAML list (or a {@code waivers:} key holding one) of entries with every field
 * required. Anything an auditor could not accept stops start-up with a message naming the entry.
 */
public final class WaiverFile {

    private static final List<String> FIELDS = List.of("secret", "rule", "reason", "approved_by", "ticket", "expires");

    private WaiverFile() {
    }

    public static List<Waiver> read(Path file, LocalDate today, int maxDays) {
        Object document;
        try (Reader reader = Files.newBufferedReader(file)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new InvalidConfigurationException("audit.waivers.file: cannot read " + file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw new InvalidConfigurationException("audit.waivers.file: " + file + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (document instanceof Map<?, ?> map && map.containsKey("waivers")) {
            document = map.get("waivers");
        }
        if (document == null) {
            return List.of();
        }
        if (!(document instanceof List<?> entries)) {
            throw new InvalidConfigurationException("audit.waivers.file: " + file + " must hold a list of waivers");
        }
        List<Waiver> waivers = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            waivers.add(entry(file, i + 1, entries.get(i), today, maxDays));
        }
        return List.copyOf(waivers);
    }

    private static Waiver entry(Path file, int number, Object entry, LocalDate today, int maxDays) {
        String where = "audit.waivers.file: " + file.getFileName() + " entry " + number;
        if (!(entry instanceof Map<?, ?> fields)) {
            throw new InvalidConfigurationException(where + " is not a mapping of " + FIELDS);
        }
        for (Object key : fields.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
                throw new InvalidConfigurationException(where + ": unknown field '" + key + "' (fields: " + FIELDS + ")");
            }
        }
        for (String field : FIELDS) {
            Object value = fields.get(field);
            if (value == null || String.valueOf(value).isBlank()) {
                throw new InvalidConfigurationException(where + ": " + field + " is required");
            }
        }
        Rule rule;
        try {
            rule = Rule.valueOf(String.valueOf(fields.get("rule")).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(where + ": rule '" + fields.get("rule") + "' is not one of "
                    + List.of(Rule.values()));
        }
        LocalDate expires;
        try {
            expires = fields.get("expires") instanceof java.util.Date date
                    ? date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate()
                    : LocalDate.parse(String.valueOf(fields.get("expires")).strip());
        } catch (DateTimeParseException e) {
            throw new InvalidConfigurationException(where + ": expires '" + fields.get("expires")
                    + "' is not a date (YYYY-MM-DD)");
        }
        if (expires.isAfter(today.plusDays(maxDays))) {
            throw new InvalidConfigurationException(where + ": expires " + expires + " is more than " + maxDays
                    + " days ahead (audit.waivers.max-days)");
        }
        return new Waiver(text(fields, "secret"), rule, text(fields, "reason"), text(fields, "approved_by"),
                text(fields, "ticket"), expires);
    }

    private static String text(Map<?, ?> fields, String field) {
        return String.valueOf(fields.get(field)).strip();
    }
}
