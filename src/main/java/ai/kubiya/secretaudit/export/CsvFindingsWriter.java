package ai.kubiya.secretaudit.export;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.finding.RowSource;
import ai.kubiya.secretaudit.report.FindingsColumns;
import ai.kubiya.secretaudit.report.FindingsColumns.Column;
import ai.kubiya.secretaudit.run.AuditRun;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Findings sheet as RFC 4180 CSV: a header of the sheet's titles, CRLF line ends, fields with a comma, quote,
 * CR or LF quoted (quotes doubled). UTF-8 with a byte order mark: without it Excel, where an auditor double-clicks
 * the file, reads UTF-8 as the local code page and garbles every non-ASCII name. Text holds what the workbook's
 * cell holds; text the workbook quote-prefixes because a spreadsheet could run it as a formula gets a leading
 * {@code '} here, the CSV form of the same defence (docs/evidence.md#formula-safe-text).
 */
final class CsvFindingsWriter implements FindingsWriter {

    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String CRLF = "\r\n";

    @Override
    public void write(AuditRun run, RowSource<FindingRow> findings, OutputStream out) throws IOException {
        List<Column> columns = FindingsColumns.all();
        out.write(BOM);
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        line(csv, columns.stream().map(Column::title).map(CsvFindingsWriter::quoted).toList());
        try {
            findings.forEach(row -> {
                try {
                    line(csv, columns.stream().map(column -> field(column.value().apply(row))).toList());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
    }

    private static void line(Writer csv, List<String> fields) throws IOException {
        csv.write(String.join(",", fields));
        csv.write(CRLF);
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            String cell = FindingsColumns.cellText(text);
            return quoted(FindingsColumns.mightBeFormula(cell) ? "'" + cell : cell);
        }
        return quoted(JsonValues.text(value));
    }

    static String quoted(String field) {
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\r') >= 0
                || field.indexOf('\n') >= 0;
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
