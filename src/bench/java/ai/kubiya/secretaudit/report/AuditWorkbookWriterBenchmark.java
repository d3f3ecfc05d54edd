package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.finding.InventoryRow;
import ai.kubiya.secretaudit.finding.RowSource;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Not a test: times the auditor workbook for 1,000,000 inventory + 400,000 finding rows beside a raw
 * SXSSF write of the same cells (no styles, no text cleaning), and owner workbooks per second. Compiled only in
 * the {@code bench} profile (src/bench/java): {@code mvn -B -Pbench -DskipTests test-compile}, then
 * {@code java -Xmx512m -cp target/classes:target/test-classes:<deps> ai.kubiya.secretaudit.report.AuditWorkbookWriterBenchmark}.
 */
final class AuditWorkbookWriterBenchmark {

    private static final int INVENTORY = 1_000_000;
    private static final int FINDINGS = 400_000;
    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");
    private static final Status[] STATUSES = Status.values();

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bench");
        RowSource<FindingRow> findings = sink -> { for (int i = 0; i < FINDINGS; i++) sink.accept(finding(i)); };
        RowSource<InventoryRow> inventory = sink -> { for (int i = 0; i < INVENTORY; i++) sink.accept(item(i)); };
        for (String pass : List.of("warm-up", "measured")) {
            time(pass + " raw SXSSF baseline", dir.resolve("raw.xlsx"), out -> raw(out, findings, inventory));
            time(pass + " AuditWorkbookWriter", dir.resolve("audit.xlsx"), out -> new AuditWorkbookWriter()
                    .write(out, evidence(), List.of(), findings, inventory));
        }
        OwnerWorkbookWriter owners = new OwnerWorkbookWriter();
        List<FindingRow> five = List.of(finding(1), finding(2), finding(3), finding(4), finding(5));
        for (String pass : List.of("warm-up", "measured")) {
            long start = System.nanoTime();
            for (int i = 0; i < 2_000; i++) {
                owners.write("owner" + i + "@example.com", LocalDate.of(2025, 6, 1), five,
                        row -> new OwnerAdvice("Rotate it.", null), null);
            }
            System.out.printf("%s owner workbooks (5 rows): %.0f/s%n", pass, 2_000 / ((System.nanoTime() - start) / 1e9));
        }
        System.out.printf("peak heap (sum of pool peaks): %d MB%n", peakHeap() >> 20);
        Files.delete(dir);
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void time(String label, Path file, Body body) throws IOException {
        long start = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file)) {
            body.write(out);
        }
        System.out.printf("%-32s %6.1f s  %5d MB%n", label, (System.nanoTime() - start) / 1e9, Files.size(file) >> 20);
        Files.delete(file);
    }

    private static void raw(OutputStream out, RowSource<FindingRow> findings, RowSource<InventoryRow> inventory)
            throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 500, true, false)) {
            Sheet f = workbook.createSheet("Findings");
            int[] n = {0};
            findings.forEach(r -> {
                Row row = f.createRow(n[0]++);
                row.createCell(0).setCellValue(r.secret());
                row.createCell(1).setCellValue(r.type());
                row.createCell(2).setCellValue(r.scope());
                row.createCell(3).setCellValue(r.integration());
                row.createCell(4).setCellValue(r.owner());
                row.createCell(5).setCellValue(r.rule().name());
                row.createCell(6).setCellValue(r.status().name());
                row.createCell(7).setCellValue(r.severity().name());
                row.createCell(8).setCellValue(r.dueDate());
                row.createCell(9).setCellValue(r.ageDays());
                row.createCell(10).setCellValue(r.lifecycle());
                row.createCell(11).setCellValue(r.message());
            });
            Sheet v = workbook.createSheet("Inventory");
            n[0] = 0;
            inventory.forEach(r -> {
                Row row = v.createRow(n[0]++);
                row.createCell(0).setCellValue(r.secret());
                row.createCell(1).setCellValue(r.type());
                row.createCell(2).setCellValue(r.scope());
                row.createCell(3).setCellValue(r.integration());
                row.createCell(4).setCellValue(r.owner());
                row.createCell(5).setCellValue(LocalDateTime.ofInstant(r.created(), ZoneOffset.UTC));
                row.createCell(6).setCellValue(LocalDateTime.ofInstant(r.lastUsed(), ZoneOffset.UTC));
                row.createCell(8).setCellValue(r.status().name());
            });
            workbook.write(out);
            workbook.dispose();
        }
    }

    private static FindingRow finding(int i) {
        return new FindingRow("secret-" + i, "api_key", "org", "integration-" + (i % 50), "owner" + (i % 5000)
                + "@example.com", Rule.ROTATION, STATUSES[i % STATUSES.length], Severity.HIGH,
                LocalDate.of(2025, 1, 1).plusDays(i % 365), i % 400, "OPEN", "Last rotated " + (i % 400)
                + " days ago; the policy allows 90 days for api_key secrets");
    }

    private static InventoryRow item(int i) {
        return new InventoryRow("secret-" + i, "api_key", "org", "integration-" + (i % 50),
                "owner" + (i % 5000) + "@example.com", BASE.plusSeconds(i * 37L), BASE.plusSeconds(i * 53L), null,
                STATUSES[i % STATUSES.length]);
    }

    private static RunEvidence evidence() {
        return new RunEvidence(1, BASE, BASE, BASE, "synthetic:1000000", false, INVENTORY, INVENTORY, 0, "v1",
                "rotation: 90d", "0.1.0", List.of(), Map.of(), List.of());
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
