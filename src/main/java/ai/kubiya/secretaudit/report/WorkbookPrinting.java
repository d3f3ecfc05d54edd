package ai.kubiya.secretaudit.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.poi.ss.usermodel.Footer;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * How every sheet of the auditor workbook prints (docs/evidence.md#printing): landscape, all columns on one page
 * width (as many pages down as it takes), the first row repeated on every page, and a footer naming the run, its
 * as-of and the page, and DRY RUN when it is one. Without it the 250-secret synthetic workbook printed as 91
 * portrait pages, Findings three columns a page and headers on the first page only.
 *
 * @param runId  the run the workbook is the evidence of
 * @param asOf   the run's as-of
 * @param dryRun true for a {@code --dry-run}: its workbook must never pass for a real run's on paper
 */
record WorkbookPrinting(long runId, Instant asOf, boolean dryRun) {

    static final String DRY_RUN = "DRY RUN";
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** SpreadsheetML footer codes: this page's number, the number of pages, bold. */
    private static final String PAGE = "&P";
    private static final String PAGES = "&N";
    private static final String BOLD = "&B";
    private static final CellRangeAddress FIRST_ROW = CellRangeAddress.valueOf("1:1");

    static WorkbookPrinting of(RunEvidence run) {
        return new WorkbookPrinting(run.runId(), run.asOf(), run.dryRun());
    }

    /** Sets print setup and footer on {@code sheet}; SXSSF keeps both in the sheet part it streams rows into. */
    void apply(Sheet sheet) {
        PrintSetup page = sheet.getPrintSetup();
        page.setLandscape(true);
        page.setFitWidth((short) 1);
        // 0: as many pages down as the rows need (Excel's "Fit to 1 page wide by automatic tall").
        page.setFitHeight((short) 0);
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        sheet.setRepeatingRows(FIRST_ROW);
        Footer footer = sheet.getFooter();
        footer.setLeft(left());
        footer.setCenter(dryRun ? BOLD + DRY_RUN : "");
        footer.setRight("Page " + PAGE + " of " + PAGES);
    }

    /**
     * The footer as SpreadsheetML codes ({@code &L…&C…&R…}), for sheets written as XML ({@link StreamedSheet});
     * POI reads it back as the left, centre and right {@link #apply} sets.
     */
    String footer() {
        return "&L" + left() + (dryRun ? "&C" + BOLD + DRY_RUN : "") + "&RPage " + PAGE + " of " + PAGES;
    }

    /** {@code Run 12, as of 2026-11-30 02:00:00 UTC}: no ampersand, which a footer would read as a code. */
    String left() {
        return "Run " + runId + ", as of " + AS_OF.format(asOf);
    }

    /** The Summary title: the run, its as-of, and DRY RUN first when it is one. */
    String title() {
        return (dryRun ? DRY_RUN + ": " : "") + "Secret rotation audit: run " + runId + ", as of " + AS_OF.format(asOf);
    }
}
