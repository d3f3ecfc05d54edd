package ai.kubiya.secretaudit.policy;

import ai.kubiya.secretaudit.InvalidConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a waiver file: a YAML list (or a {@code waivers:} key holding one) of entries with every field
 * required. Anything an auditor could not accept stops start-up with a message naming the entry.
 */
public final class WaiverFile {

    private static final List<String> FIELDS = List.of("secret", "rule", "reason", "approved_by", "ticket", "expires");

    private WaiverFile() {
    }

    public static List<Waiver> read(Path file, LocalDate today, int maxDays) {
        requireRegularFile(file);
        Object document;
        try (Reader reader = Files.newBufferedReader(file)) {
            document = new Yaml(new DatesAsText()).load(reader);
        } catch (IOException e) {
            throw new InvalidConfigurationException("audit.waivers.file: cannot read " + file + " ("
                    + (e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName()) + ")");
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

    /**
     * A directory or a missing file said so only through Java's words ("Is a directory", the bare path), and a
     * FIFO blocked start-up until something wrote to it: anything but a regular file (or a link to one) is refused.
     */
    private static void requireRegularFile(Path file) {
        String where = "audit.waivers.file: " + file;
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigurationException(where + " does not exist");
        } catch (IOException e) {
            throw new InvalidConfigurationException("audit.waivers.file: cannot read " + file + " ("
                    + (e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName()) + ")");
        }
        if (attributes.isDirectory()) {
            throw new InvalidConfigurationException(where + " is a directory, not a waiver file");
        }
        if (!attributes.isRegularFile()) {
            throw new InvalidConfigurationException(where + " is not a regular file (a FIFO, device or socket),"
                    + " not a waiver file");
        }
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
            if (value instanceof Map || value instanceof List) {
                throw new InvalidConfigurationException(where + ": " + field + " must be a single value, not "
                        + value);
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
            expires = LocalDate.parse(text(fields, "expires"));
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

    /**
     * Reads unquoted dates as the text written, for {@link LocalDate#parse} to check strictly: SnakeYAML's
     * own timestamps are lenient, turning {@code 2026-02-30} into March 2 and {@code 2026-13-01} into 2027.
     */
    private static final class DatesAsText extends SafeConstructor {

        DatesAsText() {
            super(new LoaderOptions());
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }
    }
}
