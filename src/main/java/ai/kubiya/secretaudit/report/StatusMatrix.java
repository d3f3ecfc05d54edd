package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.policy.Status;
import java.util.List;

/**
 * Counts in a grid, e.g. secrets by type (rows) and worst status (columns): the table behind the Summary
 * sheet's clustered chart.
 *
 * @param counts {@code counts[row][column]}
 */
public record StatusMatrix(String title, List<String> rows, List<Status> columns, long[][] counts) {

    public StatusMatrix {
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        if (counts.length != rows.size()) {
            throw new IllegalArgumentException("one row of counts per row label");
        }
    }

    public boolean isEmpty() {
        return rows.isEmpty() || columns.isEmpty();
    }
}
