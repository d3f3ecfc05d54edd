package ai.kubiya.secretaudit.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.report.FindingsColumns;
import ai.kubiya.secretaudit.support.Csv;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CsvFindingsWriterTests {

    @Test
    void theFileIsUtf8WithAByteOrderMarkAHeaderOfTheSheetsTitlesAndCrlfLines() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvFindingsWriter().write(Findings.run(false), Findings.source(Findings.everyStatus()), out);

        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).isEqualTo(CsvFindingsWriter.BOM);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<List<String>> records = Csv.parse(text);
        assertThat(records.get(0)).isEqualTo(FindingsColumns.all().stream().map(FindingsColumns.Column::title).toList());
        assertThat(records).hasSize(Status.values().length + 1);
        assertThat(records.get(1)).startsWith("secret-0", "token", "org", "github", "owner0@acme.example", "ROTATION",
                "OK", "LOW", "2026-12-01", "30");
        assertThat(records.get(2).get(1)).isEmpty();
    }

    @Test
    void textASpreadsheetWouldRunAsAFormulaGetsAQuoteAsInTheWorkbookAndNumbersDoNot() throws Exception {
        FindingRow row = new FindingRow("=HYPERLINK(\"http://evil.example\",\"click\")", "token", "+org", "-github",
                "@owner", Rule.METADATA, Status.INSUFFICIENT_DATA, Severity.LOW, null, -3, "NEW", "\tmessage", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvFindingsWriter().write(Findings.run(false), Findings.source(List.of(row)), out);

        List<String> record = Csv.parse(out.toString(StandardCharsets.UTF_8).substring(1)).get(1);
        assertThat(record.subList(0, 5)).containsExactly("'=HYPERLINK(\"http://evil.example\",\"click\")", "token",
                "'+org", "'-github", "'@owner");
        assertThat(record.get(9)).isEqualTo("-3");
        assertThat(record.get(11)).isEqualTo("'\tmessage");
    }

    /** Any text reads back as the workbook's cell holds it, behind a quote when that cell is quote-prefixed. */
    @Property(tries = 500)
    void anyTextReadsBackAsTheWorkbooksCell(@ForAll String text, @ForAll String other) {
        String line = CsvFindingsWriter.field(text) + "," + CsvFindingsWriter.field(other) + "\r\n";

        List<String> record = Csv.parse(line).get(0);

        assertThat(record).containsExactly(expected(text), expected(other));
    }

    private static String expected(String text) {
        String cell = FindingsColumns.cellText(text);
        return FindingsColumns.mightBeFormula(cell) ? "'" + cell : cell;
    }
}
