package ai.kubiya.secretaudit.report;

import static ai.kubiya.secretaudit.report.TableLayout.Column.dateTime;
import static ai.kubiya.secretaudit.report.TableLayout.Column.status;
import static ai.kubiya.secretaudit.report.TableLayout.Column.text;

import ai.kubiya.secretaudit.finding.InventoryRow;
import java.util.List;

/**
 * The Inventory sheet (docs/evidence.md#sheets-and-columns): every secret read, with the worst status of its rules
 * and the field a ROTATION age is measured from (Age basis), beside the dates it chooses between.
 */
final class InventoryLayout {

    static final TableLayout<InventoryRow> TABLE = new TableLayout<>("Inventory", List.of(
            text("Secret", 40, InventoryRow::secret),
            text("Type", 14, InventoryRow::type),
            text("Scope", 16, InventoryRow::scope),
            text("Integration", 18, InventoryRow::integration),
            text("Owner", 32, InventoryRow::owner),
            dateTime("Created (UTC)", 20, InventoryRow::created),
            dateTime("Last used (UTC)", 20, InventoryRow::lastUsed),
            dateTime("Expires (UTC)", 20, InventoryRow::expires),
            status("Status", 18, InventoryRow::status),
            dateTime("Rotated (UTC)", 20, InventoryRow::rotated),
            dateTime("Updated (UTC)", 20, InventoryRow::updated),
            text("Age basis", 11, InventoryRow::ageBasis)));

    private InventoryLayout() {
    }
}
