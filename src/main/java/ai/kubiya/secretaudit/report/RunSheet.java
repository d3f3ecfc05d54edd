package ai.kubiya.secretaudit.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * The Run sheet: the evidence of one run as (Field, Value) pairs, then the malformed records, the
 * owner workbooks sent with their SHA-256 and what routed them (audit.routing.file), the owners that could not be mailed, the owner emails
 * that were not delivered, and the chat messages (Slack, Teams) that were not. Printed, each of these parts starts a
 * page (docs/evidence.md#printing): on one page wide, field names and their values no longer land on different pages.
 */
final class RunSheet {

    static final String NAME = "Run";
    /** Keeps the three lists within one sheet's rows whatever their size; the rest is counted, not listed. */
    static final int LIST_LIMIT = 300_000;
    private static final int VALUE_WIDTH = 100;

    private RunSheet() {
    }

    static void write(Sheet sheet, CellWriter cells, RunEvidence run) {
        sheet.setColumnWidth(0, 40 * 256);
        sheet.setColumnWidth(1, VALUE_WIDTH * 256);
        sheet.setColumnWidth(2, 60 * 256);
        cells.header(sheet.createRow(0), List.of("Field", "Value"));
        int r = 1;
        cells.number(field(sheet, cells, r++, "Run id"), 1, run.runId());
        cells.dateTime(field(sheet, cells, r++, "As of (UTC)"), 1, run.asOf());
        cells.dateTime(field(sheet, cells, r++, "Started (UTC)"), 1, run.startedAt());
        cells.dateTime(field(sheet, cells, r++, "Ended (UTC)"), 1, run.endedAt());
        cells.text(field(sheet, cells, r++, "Source"), 1, run.source());
        cells.bool(field(sheet, cells, r++, "Dry run"), 1, run.dryRun());
        cells.number(field(sheet, cells, r++, "Secrets read"), 1, run.read());
        cells.number(field(sheet, cells, r++, "Secrets evaluated"), 1, run.evaluated());
        cells.number(field(sheet, cells, r++, "Malformed records"), 1, run.malformed());
        cells.text(field(sheet, cells, r++, "Inventory shrink guard"), 1,
                run.shrinkAccepted() == null ? "not overridden" : run.shrinkAccepted());
        cells.text(field(sheet, cells, r++, "Policy version"), 1, run.policyVersion());
        Row policy = field(sheet, cells, r++, "Policy");
        cells.wrappedText(policy, 1, run.policy());
        WrappedLines.fit(policy, WrappedLines.count(run.policy(), VALUE_WIDTH));
        cells.text(field(sheet, cells, r++, "Application version"), 1, run.appVersion());
        cells.text(field(sheet, cells, r++, "Chat messages sent"), 1, chatSent(run.chatSent()));

        r = list(sheet, cells, r + 1, List.of("Malformed records"), run.malformedRecords(),
                (row, line) -> cells.text(row, 0, line));
        List<Map.Entry<String, String>> sent = List.copyOf(new TreeMap<>(run.ownerWorkbooks()).entrySet());
        sheet.setRowBreak(r);
        cells.header(sheet.createRow(r + 1), 0, "Owner workbooks sent");
        r = table(sheet, cells, r + 2, List.of("Owner", "SHA-256", "Routed by"), sent, (row, owner) -> {
            cells.text(row, 0, owner.getKey());
            cells.text(row, 1, owner.getValue());
            cells.text(row, 2, run.routedBy().getOrDefault(owner.getKey(), ""));
        });
        r = list(sheet, cells, r + 1, List.of("Unroutable owners"), run.unroutable(),
                (row, line) -> cells.text(row, 0, line));
        r = list(sheet, cells, r + 1, List.of("Undelivered owner emails"), run.undelivered(),
                (row, line) -> cells.text(row, 0, line));
        r = list(sheet, cells, r + 1, List.of("Earlier runs' owner emails tried again"), run.carriedOver(),
                (row, line) -> cells.text(row, 0, line));
        list(sheet, cells, r + 1, List.of("Chat messages not delivered"), run.chatUndelivered(),
                (row, line) -> cells.text(row, 0, line));
    }

    /** "Slack 12, Teams 0"; "none" when no chat service delivered anything. */
    private static String chatSent(Map<String, Integer> sent) {
        if (sent.values().stream().allMatch(count -> count == 0)) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        sent.forEach((service, count) -> text.append(text.isEmpty() ? "" : ", ").append(service).append(' ')
                .append(count));
        return text.toString();
    }

    private static Row field(Sheet sheet, CellWriter cells, int index, String label) {
        Row row = sheet.createRow(index);
        cells.text(row, 0, label);
        return row;
    }

    /** A section on a page of its own when printed: the page breaks after the blank row above its header. */
    private static <T> int list(Sheet sheet, CellWriter cells, int first, List<String> header, List<T> items,
            BiConsumer<Row, T> writer) {
        sheet.setRowBreak(first - 1);
        return table(sheet, cells, first, header, items, writer);
    }

    /** @return the index of the row after the list */
    private static <T> int table(Sheet sheet, CellWriter cells, int first, List<String> header, List<T> items,
            BiConsumer<Row, T> writer) {
        cells.header(sheet.createRow(first), header);
        int next = first + 1;
        if (items.isEmpty()) {
            cells.text(sheet.createRow(next++), 0, "None");
        }
        for (T item : items.subList(0, Math.min(items.size(), LIST_LIMIT))) {
            writer.accept(sheet.createRow(next++), item);
        }
        if (items.size() > LIST_LIMIT) {
            cells.text(sheet.createRow(next++), 0, "… and " + (items.size() - LIST_LIMIT) + " more, not listed");
        }
        return next;
    }
}
