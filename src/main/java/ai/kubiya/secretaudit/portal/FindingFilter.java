package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The findings page's filters (exact matches; blank means any) and its keyset cursor: the (secret, rule) of the last
 * row of the previous page. Paging by key, never by offset: page 10,000 of a million findings costs what page 1 does.
 */
record FindingFilter(String status, String rule, String severity, String type, String scope, String integration,
                     String owner, String lifecycle, String afterSecret, String afterRule) {

    static final Set<String> LIFECYCLES = Set.of("NEW", "OPEN", "REOPENED", "WAIVED");
    /** Longer than any name the inventory allows; a longer value matches nothing and is refused instead. */
    private static final int MAX_TEXT = 512;

    /**
     * Blank values dropped, enumerations in upper case and checked: a bad value is a 400 whose message names the
     * filter and the values it takes, never the value sent.
     */
    FindingFilter {
        status = enumeration("status", status, names(Status.values()));
        rule = enumeration("rule", rule, names(Rule.values()));
        severity = enumeration("severity", severity, names(Severity.values()));
        lifecycle = enumeration("lifecycle", lifecycle, LIFECYCLES.stream().sorted().toList());
        afterRule = enumeration("afterRule", afterRule, names(Rule.values()));
        type = text("type", type);
        scope = text("scope", scope);
        integration = text("integration", integration);
        owner = text("owner", owner);
        afterSecret = cursor(afterSecret);
        if ((afterSecret == null) != (afterRule == null)) {
            throw new BadFilterException("afterSecret and afterRule go together (the last row of the previous page)");
        }
    }

    /** From the page's query parameters; parameters the page does not know are ignored. */
    static FindingFilter of(Map<String, String> parameters) {
        return new FindingFilter(parameters.get("status"), parameters.get("rule"), parameters.get("severity"),
                parameters.get("type"), parameters.get("scope"), parameters.get("integration"),
                parameters.get("owner"), parameters.get("lifecycle"), parameters.get("afterSecret"),
                parameters.get("afterRule"));
    }

    /** The values each enumerated filter takes, for the form's drop-downs. */
    static Map<String, List<String>> choices() {
        return Map.of("status", names(Status.values()), "rule", names(Rule.values()),
                "severity", names(Severity.values()), "lifecycle", LIFECYCLES.stream().sorted().toList());
    }

    /** The filters' names, in the order of the form and of the next page's link. */
    static final List<String> NAMES = List.of("status", "rule", "severity", "type", "scope", "integration", "owner",
            "lifecycle");

    /** The filters' values in the order of {@link #NAMES}, null where unset. */
    List<String> values() {
        return Arrays.asList(status, rule, severity, type, scope, integration, owner, lifecycle);
    }

    /** The filters that are set, by name, for the form (the cursor left out). */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> values = values();
        for (int i = 0; i < NAMES.size(); i++) {
            if (values.get(i) != null) {
                parameters.put(NAMES.get(i), values.get(i));
            }
        }
        return parameters;
    }

    private static String enumeration(String name, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw new BadFilterException("filter " + name + " takes one of " + String.join(", ", allowed));
        }
        return upper;
    }

    private static String text(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw new BadFilterException("filter " + name + " is longer than " + MAX_TEXT + " characters");
        }
        return value.strip();
    }

    /**
     * The last secret of the previous page, exactly as stored: a name ending in a space, stripped, would point before
     * itself and "Next" would show the same page again.
     */
    private static String cursor(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw new BadFilterException("filter afterSecret is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static List<String> names(Enum<?>[] values) {
        return new ArrayList<>(Arrays.stream(values).map(Enum::name).toList());
    }

    /** A filter value the page cannot use: 400, with a message that names the filter but not the value sent. */
    static final class BadFilterException extends RuntimeException {
        BadFilterException(String message) {
            super(message);
        }
    }
}
