package ai.kubiya.secretaudit.bench;

import ai.kubiya.secretaudit.policy.Rule;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Baseline (c): the cells of the auditor workbook's big sheets (Findings, Inventory, Changes), read from
 * the same tables in the same order and written with bare SXSSF — no styles, no text cleaning, no
 * header, autofilter or frozen pane — with the auditor writer's row window and temp-file compression.
 */
final class RawWorkbook {

    private static final String FINDINGS = "SELECT secret, type, scope, integration, owner, rule, status, severity,"
            + " due_date, age_days, lifecycle, message, waiver FROM finding WHERE run_id = ? ORDER BY owner, secret, rule";
    private static final String INVENTORY = "SELECT name, type, scope, integration, owner, created_at, last_used,"
            + " expires_at, status FROM run_secret WHERE run_id = ? ORDER BY position";
    private static final String CHANGES = """
            SELECT lifecycle, secret, type, scope, integration, owner, rule, status, first_seen_as_of, NULL::int
            FROM finding WHERE run_id = ? AND lifecycle IN ('NEW', 'REOPENED')
            UNION ALL
            SELECT 'RESOLVED', f.secret, f.type, f.scope, f.integration, f.owner, f.rule, f.last_status,
                   f.first_seen_as_of, floor(extract(epoch FROM (r.as_of - f.first_seen_as_of)) / 86400)::int
            FROM resolved_finding f JOIN audit_run r ON r.id = f.run_id WHERE f.run_id = ?
            ORDER BY 1, 6, 2, 7""";

    private static final String ACTIONABLE = "SELECT secret, type, scope, integration, owner, rule, status, severity,"
            + " due_date, age_days, lifecycle, message, waiver FROM finding WHERE run_id = ?"
            + " AND status NOT IN ('OK', 'WAIVED') ORDER BY owner NULLS LAST, secret, rule";

    private static final int MAX_DATA_ROWS = 1_048_575;

    record Written(long nanos, long rows, long bytes) {
    }

    private RawWorkbook() {
    }

    static Written write(String jdbcUrl, long runId, Path file) throws SQLException, IOException {
        long start = System.nanoTime();
        long rows = 0;
        try (Connection connection = PersistenceBaselines.SingleConnection.open(jdbcUrl);
             SXSSFWorkbook workbook = new SXSSFWorkbook(null, 500, true, false);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            rows += sheets(workbook, "Findings", connection, FINDINGS, runId, true);
            rows += sheets(workbook, "Inventory", connection, INVENTORY, runId, false);
            rows += sheets(workbook, "Changes", connection, CHANGES, runId, false);
            workbook.write(out);
            connection.commit();
        }
        return new Written(System.nanoTime() - start, rows, Files.size(file));
    }

    /**
     * The owners' attachments: each owner's actionable findings (the rows the notifier reads) written as one
     * bare SXSSF workbook per owner, in memory, the way SXSSF is used by default (its temp files included).
     *
     * @return rows = owners
     */
    static Written perOwner(String jdbcUrl, long runId) throws SQLException, IOException {
        long start = System.nanoTime();
        long owners = 0;
        long bytes = 0;
        try (Connection connection = PersistenceBaselines.SingleConnection.open(jdbcUrl);
             PreparedStatement statement = connection.prepareStatement(ACTIONABLE)) {
            statement.setFetchSize(2000);
            statement.setLong(1, runId);
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                String owner = null;
                SXSSFWorkbook workbook = null;
                Sheet sheet = null;
                int rowNumber = 0;
                while (rs.next()) {
                    String rowOwner = rs.getString("owner");
                    if (workbook == null || !java.util.Objects.equals(owner, rowOwner)) {
                        bytes += finish(workbook);
                        owners += workbook == null ? 0 : 1;
                        workbook = new SXSSFWorkbook();
                        sheet = workbook.createSheet("Findings");
                        rowNumber = 0;
                        owner = rowOwner;
                    }
                    Row row = sheet.createRow(rowNumber++);
                    for (int c = 0; c < columns; c++) {
                        cell(row, c, rs.getObject(c + 1));
                    }
                    row.createCell(columns).setCellValue(Rule.valueOf(rs.getString("rule")).controls());
                }
                bytes += finish(workbook);
                owners += workbook == null ? 0 : 1;
            }
            connection.commit();
        }
        return new Written(System.nanoTime() - start, owners, bytes);
    }

    private static long finish(SXSSFWorkbook workbook) throws IOException {
        if (workbook == null) {
            return 0;
        }
        try (workbook; java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            workbook.write(out);
            return out.size();
        }
    }

    /** Like the auditor workbook, a table past Excel's 1,048,575 data rows goes on in {@code Name (2)}, … */
    private static long sheets(SXSSFWorkbook workbook, String name, Connection connection, String sql, long runId,
                               boolean controls) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(2000);
            for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                statement.setLong(i, runId);
            }
            long rows = 0;
            int rowNumber = 0;
            Sheet sheet = workbook.createSheet(name);
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    if (rowNumber == MAX_DATA_ROWS) {
                        sheet = workbook.createSheet(name + " (" + (rows / MAX_DATA_ROWS + 1) + ")");
                        rowNumber = 0;
                    }
                    rows++;
                    Row row = sheet.createRow(rowNumber++);
                    for (int c = 0; c < columns; c++) {
                        cell(row, c, rs.getObject(c + 1));
                    }
                    if (controls) {
                        row.createCell(columns).setCellValue(Rule.valueOf(rs.getString("rule")).controls());
                    }
                }
            }
            return rows;
        }
    }

    private static void cell(Row row, int column, Object value) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
        } else if (value instanceof Timestamp timestamp) {
            cell.setCellValue(timestamp.toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime());
        } else if (value instanceof Date date) {
            cell.setCellValue(date.toLocalDate());
        } else {
            cell.setCellValue(value.toString());
        }
    }
}
