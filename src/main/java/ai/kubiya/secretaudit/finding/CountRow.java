package ai.kubiya.secretaudit.finding;

/** How many rows of a run share a value, e.g. status OVERDUE → 12; a missing value reads {@code (none)}. */
public record CountRow(String label, long count) {
}
