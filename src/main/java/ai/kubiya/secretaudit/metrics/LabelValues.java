package ai.kubiya.secretaudit.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps a label whose values come from the input (a secret's type, its integration) bounded: the {@value #MAX_VALUES}
 * most frequent values keep their name, every other one reads {@code other}, a missing one {@code none}. An inventory
 * with 200,000 distinct integrations then costs Prometheus 51 series per status, not 200,000.
 */
final class LabelValues {

    static final int MAX_VALUES = 50;
    static final String NONE = "none";
    static final String OTHER = "other";
    /** Prometheus accepts any length; a dashboard legend does not. */
    private static final int MAX_LENGTH = 64;

    private final Set<String> kept;

    private LabelValues(Set<String> kept) {
        this.kept = kept;
    }

    /** The values of {@code rows}' label (read with {@code value}), weighed by {@code count}. */
    static <T> LabelValues mostFrequent(Iterable<T> rows, Function<T, String> value, Function<T, Long> count) {
        Map<String, Long> totals = new HashMap<>();
        for (T row : rows) {
            String label = value.apply(row);
            if (label != null) {
                totals.merge(label, count.apply(row), Long::sum);
            }
        }
        Set<String> kept = totals.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_VALUES)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        return new LabelValues(kept);
    }

    String of(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        if (!kept.contains(value)) {
            return OTHER;
        }
        return value.length() <= MAX_LENGTH ? value : value.substring(0, MAX_LENGTH);
    }
}
