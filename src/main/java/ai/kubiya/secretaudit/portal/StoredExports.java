package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.export.ExportFormat;
import ai.kubiya.secretaudit.run.AuditRun;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV, JSON and OCSF exports of completed runs, each written once into a private folder and then served as bytes
 * (docs/portal.md#stored-exports): a 1,000,000-finding export read and formatted a million rows per download, and 10
 * auditors downloading back to back kept a core busy beside the nightly job. A completed run's findings never change,
 * so neither does its export. The first request for a run and format starts the write on a background thread (one
 * database read, however many ask at once); a request waits for it at most {@link #WAIT}, then streams from the
 * database as before while the file keeps being written for later downloads. A file larger than the bound, or one
 * that could not be written (tried again after {@link #RETRY_AFTER}), is not kept and the caller streams. Files are
 * written under a temporary name and moved into place when complete, so an interrupted write never leaves a file
 * that is served. Names come from the run's number and the format's enum constant only, never from what a request
 * sent. Their SHA-256 and size live in memory only.
 */
final class StoredExports implements AutoCloseable {

    /** Writes one run's export; the caller closes {@code out}. */
    @FunctionalInterface
    interface Writer {
        void write(AuditRun run, ExportFormat format, OutputStream out) throws IOException;
    }

    /** A stored export, as recorded when it was written. */
    record Stored(Path file, String sha256, long size) {
    }

    private record Key(long runId, ExportFormat format) {
    }

    /** A full disk is seldom freed within minutes; a database gone for a moment is back by then. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    /**
     * How long a download waits for the file being written before it streams from the database instead: a
     * 1,000,000-finding OCSF file takes about a minute to write, and a proxy's read timeout is commonly 60 s (nginx's
     * default), so a request that waited for it got a 504. A streamed download sends its headers at once.
     */
    static final Duration WAIT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(StoredExports.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final StoredExportFolder folder;
    private final long maxBytes;
    private final Writer writer;
    private final long retryNanos;
    private final long waitNanos;
    /** One daemon thread per write running at once (each waits for an {@link ExportTurns} turn before reading). */
    private final ExecutorService writing = Executors.newCachedThreadPool(StoredExports::thread);
    /** In order of use, least recent first; an empty result: too large to keep. */
    private final Map<Key, FutureTask<Optional<Stored>>> files = new LinkedHashMap<>(16, 0.75f, true);
    /** When a write failed: until {@code retryAfter} has passed, downloads stream instead of trying again. */
    private final Map<Key, Long> failedAt = new HashMap<>();
    private long used;
    private boolean closed;

    /**
     * @param retryAfter how long after a failed write (a full disk) downloads stream from the database instead of
     *                   trying again: each try reads the run and fails again
     */
    StoredExports(StoredExportFolder folder, long maxBytes, Duration retryAfter, Writer writer) {
        this(folder, maxBytes, retryAfter, WAIT, writer);
    }

    /** @param wait how long a download waits for the file being written before it streams instead ({@link #WAIT}) */
    StoredExports(StoredExportFolder folder, long maxBytes, Duration retryAfter, Duration wait, Writer writer) {
        this.folder = folder;
        this.maxBytes = maxBytes;
        this.retryNanos = retryAfter.toNanos();
        this.waitNanos = wait.toNanos();
        this.writer = writer;
    }

    /**
     * The stored export of a completed run, its write started if it is not stored yet and waited for at most the
     * bound; empty when it is still being written past that, larger than the bound, or could not be written: stream
     * it instead.
     */
    Optional<Stored> get(AuditRun run, ExportFormat format) {
        Key key = new Key(run.id(), format);
        FutureTask<Optional<Stored>> task;
        synchronized (files) {
            if (closed) {
                return Optional.empty();
            }
            task = files.get(key);
            if (task == null || retry(key, task)) {
                failedAt.remove(key);
                task = new FutureTask<>(() -> written(key, run));
                files.put(key, task);
                writing.execute(task);
            }
        }
        try {
            return task.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            return Optional.empty(); // a failure was logged by the write; a write past the bound goes on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Removes a run's stored exports: retention removed the run. */
    void drop(long runId) {
        synchronized (files) {
            files.entrySet().removeIf(entry -> entry.getKey().runId() == runId && delete(entry.getValue()));
        }
    }

    /** Removes one stored export (it no longer matched its checksum): the next download writes it again. */
    void drop(Stored stored) {
        synchronized (files) {
            files.values().removeIf(task -> stored.equals(done(task)) && delete(task));
        }
    }

    /** The write, its failure recorded as it happens: nobody may be waiting for it any more. */
    private Optional<Stored> written(Key key, AuditRun run) throws IOException {
        try {
            return write(key, run);
        } catch (IOException | RuntimeException e) {
            failed(key, e);
            throw e;
        }
    }

    private Optional<Stored> write(Key key, AuditRun run) throws IOException {
        if (maxBytes == 0) {
            return Optional.empty();
        }
        String name = "run-" + key.runId() + "." + key.format().name().toLowerCase(Locale.ROOT);
        Optional<Stored> written = folder.write(name, maxBytes, out -> writer.write(run, key.format(), out));
        if (written.isEmpty()) {
            log.info("The {} export of run {} is larger than audit.portal.export-cache.max-size; it is streamed from"
                    + " the database on every download", key.format(), key.runId());
            return written;
        }
        return kept(key, written.get());
    }

    /**
     * Counts the new file and deletes the least recently used others until the stored total fits the bound; after
     * {@link #close()} the file is deleted instead.
     */
    private Optional<Stored> kept(Key added, Stored stored) throws IOException {
        synchronized (files) {
            if (closed) {
                Files.deleteIfExists(stored.file());
                return Optional.empty();
            }
            used += stored.size();
            Iterator<Map.Entry<Key, FutureTask<Optional<Stored>>>> eldest = files.entrySet().iterator();
            while (used > maxBytes && eldest.hasNext()) {
                Map.Entry<Key, FutureTask<Optional<Stored>>> entry = eldest.next();
                if (!entry.getKey().equals(added) && done(entry.getValue()) != null && delete(entry.getValue())) {
                    eldest.remove();
                }
            }
            return Optional.of(stored);
        }
    }

    /** Deletes a finished task's file (a file being sent stays readable to its reader until closed). */
    private boolean delete(FutureTask<Optional<Stored>> task) {
        Stored stored = done(task);
        if (stored != null) {
            used -= stored.size();
            try {
                Files.deleteIfExists(stored.file());
            } catch (IOException e) {
                log.warn("Could not delete a stored export ({})", e.getClass().getSimpleName());
            }
        }
        return task.isDone();
    }

    private static Stored done(FutureTask<Optional<Stored>> task) {
        if (!task.isDone()) {
            return null;
        }
        try {
            return task.get().orElse(null);
        } catch (ExecutionException | InterruptedException | CancellationException e) {
            return null;
        }
    }

    /** Whether a failed write may be tried again (under the lock). */
    private boolean retry(Key key, FutureTask<Optional<Stored>> task) {
        Long at = failedAt.get(key);
        return at != null && task.isDone() && System.nanoTime() - at >= retryNanos;
    }

    private void failed(Key key, Throwable cause) {
        synchronized (files) {
            if (failedAt.putIfAbsent(key, System.nanoTime()) == null) {
                log.warn("The {} export of run {} could not be stored ({}); it is streamed from the database", key
                        .format(), key.runId(), cause.getClass().getSimpleName());
            }
        }
    }

    private static Thread thread(Runnable write) {
        Thread thread = new Thread(write, "stored-export-" + THREADS.incrementAndGet());
        thread.setDaemon(true); // a write in progress never holds the JVM open at shutdown
        return thread;
    }

    @Override
    public void close() {
        writing.shutdownNow();
        synchronized (files) {
            closed = true;
            files.values().forEach(this::delete);
            files.clear();
        }
        folder.close();
    }
}
