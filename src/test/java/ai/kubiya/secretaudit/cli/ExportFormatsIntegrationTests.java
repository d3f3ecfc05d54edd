package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.export.ExportFormat;
import ai.kubiya.secretaudit.export.FindingsExport;
import ai.kubiya.secretaudit.support.Csv;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.Workbooks;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code export --format=csv|json|ocsf} on a run the command line made, read back and held against the Findings
 * sheet of the same run's workbook (POI); and what it refuses.
 */
class ExportFormatsIntegrationTests extends TestDatabaseCommandLine {

    static final Instant DAY_0 = Instant.parse("2026-11-26T00:00:00Z");
    static final String FORMULA_NAME = "=HYPERLINK(\"http://evil.example\",\"click\")";
    static final DateTimeFormatter SHEET_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void csvJsonAndOcsfHoldTheFindingsSheetOfTheSameRunRowForRow() throws Exception {
        // given: a run whose findings include a secret named like a formula, a comma and quotes
        audit(false);
        assertThat(execute("export", "--run=1", "--out=" + reports.resolve("run1.xlsx"))).as(err.toString()).isZero();
        List<Map<String, String>> sheet = Workbooks.rows(reports.resolve("run1.xlsx"), "Findings");

        // when
        assertThat(execute("export", "--run=1", "--format=csv", "--out=" + reports.resolve("run1.csv")))
                .as(err.toString()).isZero();
        assertThat(execute("export", "--run=latest", "--format=JSON", "--out=" + reports.resolve("run1.json")))
                .as(err.toString()).isZero();
        assertThat(execute("export", "--run=1", "--format=ocsf", "--out=" + reports.resolve("run1.ocsf.json")))
                .as(err.toString()).isZero();

        // then
        assertThat(sheet).hasSizeGreaterThan(100)
                .anySatisfy(row -> assertThat(row.get("Secret")).isEqualTo(FORMULA_NAME));
        assertThat(csv(reports.resolve("run1.csv"))).isEqualTo(sheet.stream().map(ExportFormatsIntegrationTests::formulaSafe).toList());
        JsonNode findings = json.readTree(reports.resolve("run1.json").toFile());
        assertThat(columns(findings)).isEqualTo(sheet);
        assertThat(findings).allSatisfy(finding -> assertThat(finding.at("/run/source").asString()).startsWith("file:"));
        JsonNode ocsf = json.readTree(reports.resolve("run1.ocsf.json").toFile());
        List<JsonNode> unmapped = new ArrayList<>();
        ocsf.forEach(finding -> unmapped.add(finding.at("/unmapped/finding")));
        assertThat(columns(unmapped)).isEqualTo(sheet);
        assertThat(ocsf).allSatisfy(finding -> {
            assertThat(finding.get("class_uid").asInt()).isEqualTo(2003);
            assertThat(finding.get("time").asLong()).isEqualTo(DAY_0.toEpochMilli());
        });
        assertThat(out.toString()).contains("Run 1 findings written to " + reports.resolve("run1.csv") + " as csv (")
                .contains(" as json (").contains(" as ocsf (");
    }

    @Test
    void thePortalsEntryWritesTheSameBytesAsTheCommandInEveryFormat() throws Exception {
        audit(false);
        for (ExportFormat format : ExportFormat.values()) {
            Path file = reports.resolve("run1." + format.extension());
            assertThat(execute("export", "--run=1", "--format=" + format, "--out=" + file)).as(err.toString()).isZero();
        }

        try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
            FindingsExport export = context.getBean(FindingsExport.class);
            for (ExportFormat format : ExportFormat.values()) {
                ByteArrayOutputStream streamed = new ByteArrayOutputStream();
                export.write(1, format, streamed);
                assertThat(streamed.toByteArray()).as(format.name())
                        .isEqualTo(Files.readAllBytes(reports.resolve("run1." + format.extension())));
            }
        }
    }

    @Test
    void aDryRunExportsAndSaysSoInTheRunAndTheOcsfMetadata() throws Exception {
        audit(true);

        assertThat(execute("export", "--run=1", "--format=json", "--out=" + reports.resolve("dry.json")))
                .as(err.toString()).isZero();
        assertThat(execute("export", "--run=1", "--format=ocsf", "--out=" + reports.resolve("dry.ocsf.json")))
                .as(err.toString()).isZero();

        assertThat(json.readTree(reports.resolve("dry.json").toFile()))
                .allSatisfy(finding -> assertThat(finding.at("/run/dry_run").asBoolean()).isTrue());
        assertThat(json.readTree(reports.resolve("dry.ocsf.json").toFile()))
                .allSatisfy(finding -> assertThat(finding.at("/metadata/labels/0").asString()).isEqualTo("dry-run"));
        assertThat(out.toString()).contains("Run 1 (a dry run) findings written to");
    }

    @Test
    void anUnknownFormatIsAUsageErrorListingTheFormatsWithoutQuotingIt() {
        assertThat(execute("export", "--run=1", "--format=pdf-secret", "--out=" + reports.resolve("x.pdf")))
                .isEqualTo(2);

        assertThat(err.toString()).contains("error: --format must be one of xlsx, csv, json, ocsf")
                .doesNotContain("pdf-secret");
        assertThat(reports.resolve("x.pdf")).doesNotExist();
    }

    @Test
    void everyFormatRefusesWhatTheWorkbookRefusesAndARunThatDidNotComplete() throws Exception {
        audit(false);
        Path existing = Files.writeString(reports.resolve("existing.csv"), "keep me");
        Path folder = Files.createDirectories(reports.resolve("folder"));

        assertThat(execute("export", "--run=1", "--format=csv", "--out=" + existing)).isEqualTo(2);
        assertThat(execute("export", "--run=1", "--format=json", "--out=" + folder, "--force")).isEqualTo(2);
        assertThat(execute("export", "--run=42", "--format=ocsf", "--out=" + reports.resolve("none.json")))
                .isEqualTo(2);
        assertThat(Files.readString(existing)).isEqualTo("keep me");
        assertThat(err.toString()).contains("already exists; give --force").contains("is a directory")
                .contains("run 42 does not exist");

        try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("UPDATE audit_run SET status = 'FAILED' WHERE id = 1");
        }
        assertThat(execute("export", "--run=1", "--format=csv", "--out=" + reports.resolve("failed.csv")))
                .isEqualTo(2);
        assertThat(err.toString()).contains("run 1 is FAILED, not COMPLETED");
        assertThat(reports.resolve("failed.csv")).doesNotExist();
        assertThat(execute("export", "--run=1", "--format=csv", "--out=" + existing, "--force")).isEqualTo(2);
        assertThat(Files.readString(existing)).isEqualTo("keep me");
    }

    void audit(boolean dryRun) {
        Path inventory = new Inventory(DAY_0).generated(150, "acme.example")
                .overdueToken(FORMULA_NAME, "alice@acme.example", 5)
                .overdueToken("token, \"quoted\"", "+bob@acme.example", 9)
                .writeTo(reports.resolve("inventory.json"));
        List<String> args = new ArrayList<>(List.of("run", "--source=file:" + inventory, "--as-of=2026-11-26"));
        if (dryRun) {
            args.add("--dry-run");
        }
        assertThat(execute(args.toArray(String[]::new))).as(err.toString()).isZero();
    }

    /** The CSV's records after the header, each as title → text, the header checked against the sheet's titles. */
    static List<Map<String, String>> csv(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<List<String>> records = Csv.parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        List<String> titles = records.get(0);
        return records.subList(1, records.size()).stream().map(record -> {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < titles.size(); i++) {
                row.put(titles.get(i), sheetText(record.get(i)));
            }
            return row;
        }).toList();
    }

    /** The sheet's row as the CSV must hold it: text a spreadsheet would run behind a quote (the workbook's rule). */
    static Map<String, String> formulaSafe(Map<String, String> row) {
        Map<String, String> safe = new LinkedHashMap<>();
        row.forEach((title, text) -> safe.put(title, !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0
                && !text.matches("-\\d+") ? "'" + text : text));
        return safe;
    }

    /** Each object's Findings fields as title → text, in the sheet's order of titles. */
    List<Map<String, String>> columns(Iterable<JsonNode> findings) throws Exception {
        List<String> titles = new ArrayList<>(Workbooks.rows(reports.resolve("run1.xlsx"), "Findings").get(0).keySet());
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode finding : findings) {
            Map<String, String> row = new LinkedHashMap<>();
            titles.forEach(title -> {
                JsonNode value = finding.get(fieldName(title));
                assertThat(value).as(title).isNotNull();
                row.put(title, value.isNull() ? "" : sheetText(value.asString()));
            });
            rows.add(row);
        }
        return rows;
    }

    static String fieldName(String title) {
        return title.replace(" (UTC)", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_|_$", "");
    }

    /** An instant (ISO, UTC) as the sheet shows a date-time cell; any other text as it is. */
    static String sheetText(String text) {
        try {
            return LocalDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC).format(SHEET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return text;
        }
    }
}
