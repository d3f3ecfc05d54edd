package ai.kubiya.secretaudit.report;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * The parts of a workbook written beside POI ({@link DeflatedPart}s, by part name), and the package they end up
 * in: POI's package with each of these parts in place of POI's stand-in for it. Closing deletes the parts.
 */
final class WorkbookParts implements Closeable {

    /** 2000-01-01, as {@link XlsxStream}'s entries: POI's own time read back as 1979, before the zip format's epoch. */
    private static final long ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    private final int level;
    private final Map<String, DeflatedPart> parts = new LinkedHashMap<>();
    private final ExecutorService deflating = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-workbook-deflate");
        thread.setDaemon(true);
        return thread;
    });

    /** @param level the deflate level of the parts ({@link java.util.zip.Deflater}'s 0..9) */
    WorkbookParts(int level) {
        this.level = level;
    }

    /** A new part that replaces POI's {@code partName} (e.g. {@code /xl/worksheets/sheet2.xml}). */
    DeflatedPart create(String partName) {
        try {
            DeflatedPart part = new DeflatedPart(level, deflating);
            parts.put(partName.startsWith("/") ? partName.substring(1) : partName, part);
            return part;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes POI's package {@code template} to {@code out}, each entry in POI's order with a fixed time, the parts
     * created here copied raw in place of their stand-ins. {@code out} is not closed.
     */
    void write(byte[] template, OutputStream out) throws IOException {
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(template));
             ZipArchiveOutputStream zip = new ZipArchiveOutputStream(new Unclosed(out))) {
            for (ZipArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                DeflatedPart part = parts.get(entry.getName());
                if (part != null) {
                    part.copyTo(zip, entry.getName(), ENTRY_TIME);
                    continue;
                }
                ZipArchiveEntry copy = new ZipArchiveEntry(entry.getName());
                copy.setTime(ENTRY_TIME);
                zip.putArchiveEntry(copy);
                in.transferTo(zip);
                zip.closeArchiveEntry();
            }
            zip.finish();
        }
    }

    @Override
    public void close() throws IOException {
        deflating.shutdown();
        IOException failure = null;
        for (DeflatedPart part : parts.values()) {
            try {
                part.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The caller's stream, flushed but left open when the zip stream is closed. */
    private static final class Unclosed extends FilterOutputStream {

        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
