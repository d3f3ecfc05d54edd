package ai.kubiya.secretaudit.report;

import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;

/**
 * The Summary sheet: a heading, one two-column table (label, count) per section with a bar chart of the
 * first, then the status-by-type table with a clustered bar chart of it.
 */
final class SummarySheet {

    static final String NAME = "Summary";
    private static final int FIRST_SECTION_ROW = 2;

    private SummarySheet() {
    }

    static void write(SXSSFSheet sheet, CellWriter cells, RunEvidence run, List<SummarySection> sections) {
        write(sheet, cells, run, sections, null);
    }

    static void write(SXSSFSheet sheet, CellWriter cells, RunEvidence run, List<SummarySection> sections,
                      StatusMatrix matrix) {
        sheet.setColumnWidth(0, 40 * 256);
        sheet.setColumnWidth(1, 12 * 256);
        cells.title(sheet.createRow(0), 0, WorkbookPrinting.of(run).title());
        int next = FIRST_SECTION_ROW;
        for (SummarySection section : sections) {
            next = writeSection(sheet, cells, section, next) + 1;
        }
        if (!sections.isEmpty() && !sections.get(0).counts().isEmpty()) {
            addChart(sheet, sections.get(0), FIRST_SECTION_ROW + 1);
        }
        if (matrix != null && !matrix.isEmpty()) {
            int header = next;
            writeMatrix(sheet, cells, matrix, header);
            addMatrixChart(sheet, matrix, header);
        }
    }

    private static void writeMatrix(SXSSFSheet sheet, CellWriter cells, StatusMatrix matrix, int first) {
        Row header = sheet.createRow(first);
        cells.header(header, 0, matrix.title());
        for (int c = 0; c < matrix.columns().size(); c++) {
            sheet.setColumnWidth(c + 1, 18 * 256);
            cells.header(header, c + 1, matrix.columns().get(c).name());
        }
        for (int r = 0; r < matrix.rows().size(); r++) {
            Row row = sheet.createRow(first + 1 + r);
            cells.text(row, 0, matrix.rows().get(r));
            for (int c = 0; c < matrix.columns().size(); c++) {
                cells.number(row, c + 1, matrix.counts()[r][c]);
            }
        }
    }

    /** One series per status, one cluster per type. */
    private static void addMatrixChart(SXSSFSheet sheet, StatusMatrix matrix, int header) {
        int firstRow = header + 1;
        int lastRow = header + matrix.rows().size();
        String[] labels = matrix.rows().stream().map(CellWriter::clean).toArray(String[]::new);
        int anchorRow = FIRST_SECTION_ROW + 22;
        BarChart chart = barChart(sheet, matrix.title(), matrix.columns().size() + 2, anchorRow,
                matrix.columns().size() + 14, anchorRow + 22);
        chart.chart().getOrAddLegend();
        for (int c = 0; c < matrix.columns().size(); c++) {
            Long[] values = new Long[matrix.rows().size()];
            for (int r = 0; r < values.length; r++) {
                values[r] = matrix.counts()[r][c];
            }
            chart.addSeries(matrix.columns().get(c).name(), StatusColours.of(matrix.columns().get(c)),
                    XDDFDataSourcesFactory.fromArray(labels, range(sheet, firstRow, lastRow, 0)),
                    XDDFDataSourcesFactory.fromArray(values, range(sheet, firstRow, lastRow, c + 1)));
        }
        chart.plot();
    }

    /** A titled column chart with a category axis and a value axis, anchored at the given cells. */
    private static BarChart barChart(SXSSFSheet sheet, String title, int col1, int row1, int col2, int row2) {
        if (sheet.getDrawingPatriarch() == null) {
            sheet.createDrawingPatriarch();
        }
        XSSFDrawing drawing = sheet.getDrawingPatriarch();
        XSSFChart chart = drawing.createChart(drawing.createAnchor(0, 0, 0, 0, col1, row1, col2, row2));
        chart.setTitleText(CellWriter.clean(title));
        chart.setTitleOverlay(false);
        XDDFCategoryAxis categories = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis axis = chart.createValueAxis(AxisPosition.LEFT);
        axis.setCrosses(AxisCrosses.AUTO_ZERO);
        XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, categories, axis);
        bars.setBarDirection(BarDirection.COL);
        bars.setVaryColors(false);
        return new BarChart(chart, bars);
    }

    private record BarChart(XSSFChart chart, XDDFBarChartData bars) {

        /** With an explicit fill: without one, some spreadsheets (LibreOffice) draw the bars invisible. */
        void addSeries(String title, byte[] rgb, XDDFDataSource<String> categories,
                       XDDFNumericalDataSource<Long> values) {
            XDDFChartData.Series series = bars.addSeries(categories, values);
            series.setTitle(title, null);
            series.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(rgb)));
        }

        void plot() {
            chart.plot(bars);
        }
    }

    /** @return the index of the row after the section */
    private static int writeSection(SXSSFSheet sheet, CellWriter cells, SummarySection section, int first) {
        Row header = sheet.createRow(first);
        cells.header(header, 0, section.title());
        cells.header(header, 1, "Count");
        int next = first + 1;
        for (SummarySection.Count count : section.counts()) {
            Row row = sheet.createRow(next++);
            cells.text(row, 0, count.label());
            cells.number(row, 1, count.count());
        }
        return next;
    }

    /** The chart keeps cached values as well as references, so it renders without recalculation. */
    private static void addChart(SXSSFSheet sheet, SummarySection section, int firstDataRow) {
        List<SummarySection.Count> counts = section.counts();
        String[] labels = counts.stream().map(c -> c.label() == null ? "" : CellWriter.clean(c.label()))
                .toArray(String[]::new);
        Long[] values = counts.stream().map(SummarySection.Count::count).toArray(Long[]::new);
        int lastDataRow = firstDataRow + counts.size() - 1;

        BarChart chart = barChart(sheet, section.title(), 3, FIRST_SECTION_ROW, 12, FIRST_SECTION_ROW + 20);
        chart.addSeries("Count", new byte[] {(byte) 0x44, (byte) 0x72, (byte) 0xC4},
                XDDFDataSourcesFactory.fromArray(labels, range(sheet, firstDataRow, lastDataRow, 0)),
                XDDFDataSourcesFactory.fromArray(values, range(sheet, firstDataRow, lastDataRow, 1)));
        chart.plot();
    }

    private static String range(SXSSFSheet sheet, int firstRow, int lastRow, int column) {
        return new CellRangeAddress(firstRow, lastRow, column, column).formatAsString(sheet.getSheetName(), true);
    }
}
