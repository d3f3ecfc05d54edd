package ai.kubiya.secretaudit.report;

import java.util.List;

/** A titled table of counts on the {@code Summary} sheet, e.g. "By status" → OVERDUE 12, DUE_SOON 3. */
public record SummarySection(String title, List<Count> counts) {

    public SummarySection {
        counts = List.copyOf(counts);
    }

    public record Count(String label, long count) {
    }
}
