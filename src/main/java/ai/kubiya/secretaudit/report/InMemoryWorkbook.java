package ai.kubiya.secretaudit.report;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * SXSSF without temp files, for workbooks small enough to hold in memory (an owner's attachment). Plain
 * SXSSF creates, writes, reads back and deletes two temp files per workbook (each sheet's rows, then the
 * package template); at a thousand owners a run that file traffic was a sixth of the notification step,
 * deletes above all. Rows go to a byte buffer instead, and the template is written in memory.
 */
final class InMemoryWorkbook extends SXSSFWorkbook {

    InMemoryWorkbook(int rowWindow) {
        super(null, rowWindow, false, false);
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        return new BufferedSheetData(new ByteArrayOutputStream(16 * 1024));
    }

    /** Writes the workbook; the stream is written but not closed. */
    void writeTo(java.io.OutputStream out) throws IOException {
        writeAvoidingTempFiles(out);
    }

    private static final class BufferedSheetData extends SheetDataWriter {

        private final ByteArrayOutputStream bytes;

        BufferedSheetData(ByteArrayOutputStream bytes) throws IOException {
            super(new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8)));
            this.bytes = bytes;
        }

        /** SXSSF closes the writer, flushing it into the buffer, before it asks for the rows. */
        @Override
        public InputStream getWorksheetXMLInputStream() {
            return new ByteArrayInputStream(bytes.toByteArray());
        }
    }
}
