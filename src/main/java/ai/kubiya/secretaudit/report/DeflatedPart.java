package ai.kubiya.secretaudit.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.util.TempFile;

/**
 * One part of the workbook (a sheet's XML), deflated into a temp file as it is written, then copied into the
 * package as it is: compressed once, never read back and inflated as SXSSF's temp files are. The bytes are handed
 * in chunks to {@code deflating}, a single thread, so that compressing overlaps with reading and formatting the
 * rows; at most {@value #CHUNKS} chunks of {@value #CHUNK} bytes exist at once. The temp file lives in POI's temp
 * folder and is deleted by {@link #close()}.
 */
final class DeflatedPart extends OutputStream {

    static final int CHUNK = 1 << 18;
    static final int CHUNKS = 4;

    private final Path file;
    private final OutputStream raw;
    private final Deflater deflater;
    private final DeflaterOutputStream out;
    private final Executor deflating;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final CRC32 crc = new CRC32();
    private long size;
    private byte[] chunk;
    private int filled;
    private FutureTask<Void> last;
    private volatile Throwable failure;
    private boolean finished;

    DeflatedPart(int level, Executor deflating) throws IOException {
        this.file = TempFile.createTempFile("audit-sheet", ".deflated").toPath();
        this.deflater = new Deflater(level, true);
        this.deflating = deflating;
        try {
            this.raw = Files.newOutputStream(file);
        } catch (IOException | RuntimeException e) {
            deflater.end();
            Files.deleteIfExists(file);
            throw e;
        }
        this.out = new DeflaterOutputStream(new BufferedOutputStream(raw, 1 << 16), deflater, 1 << 16);
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK]);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (chunk == null) {
                chunk = take();
                filled = 0;
            }
            int n = Math.min(length, CHUNK - filled);
            System.arraycopy(bytes, offset, chunk, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == CHUNK) {
                handOff();
            }
        }
    }

    /** Ends the deflated data, once every chunk is compressed; nothing can be written after it. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (chunk != null) {
            handOff();
        }
        await();
        try {
            out.finish();
            out.close();
        } finally {
            raw.close(); // a failed flush above leaves it open (full disk): the file's space goes with the handle
        }
        // a finished part waits for the package to be assembled: it keeps neither its chunks nor the deflater's memory
        free.clear();
        deflater.end();
    }

    /** Adds this part to {@code zip} under {@code name}, its deflated bytes copied without inflating them. */
    void copyTo(ZipArchiveOutputStream zip, String name, long time) throws IOException {
        finish();
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(ZipEntry.DEFLATED);
        entry.setTime(time);
        entry.setSize(size);
        entry.setCompressedSize(Files.size(file));
        entry.setCrc(crc.getValue());
        try (InputStream raw = Files.newInputStream(file)) {
            zip.addRawArchiveEntry(entry, raw);
        }
    }

    /** Deletes the temp file, finished or not, once no chunk is being compressed into it. */
    @Override
    public void close() throws IOException {
        try {
            if (!finished) {
                finished = true;
                awaitQuietly();
                out.close();
            }
        } finally {
            raw.close();
            deflater.end();
            Files.deleteIfExists(file);
        }
    }

    private void handOff() throws IOException {
        rethrow();
        byte[] full = chunk;
        int length = filled;
        chunk = null;
        last = new FutureTask<>(() -> {
            try {
                if (failure == null) {
                    crc.update(full, 0, length);
                    size += length;
                    out.write(full, 0, length);
                }
            } catch (Throwable e) {
                // an Error too (OutOfMemoryError, zlib's InternalError): the chunks after it must not be written
                // as if the part were whole, its CRC and size would not match its bytes
                failure = e;
            } finally {
                free.add(full);
            }
            return null;
        });
        deflating.execute(last);
    }

    private void rethrow() throws IOException {
        Throwable e = failure;
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e != null) {
            throw new IllegalStateException("could not compress a workbook part", e);
        }
    }

    private byte[] take() throws IOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing a workbook part");
        }
    }

    private void await() throws IOException {
        if (last != null) {
            try {
                last.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while compressing a workbook part");
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not compress a workbook part", e.getCause());
            }
        }
        rethrow();
    }

    private void awaitQuietly() {
        try {
            await();
        } catch (IOException | RuntimeException e) {
            // closing after a failure: the temp file is deleted whatever the last chunk did
        }
    }
}
