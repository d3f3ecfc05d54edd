package ai.kubiya.secretaudit.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The source streams this process has open, and the waits of its sources, so that another thread — a stop request
 * (SIGTERM) or the run's deadline — can end a read that is blocked. A read can block for good: a server that sends
 * {@code [} and then whitespace for ever, or one byte now and then (each read returns within
 * {@code kubiya.read-timeout}), or a FIFO that nobody writes. A request can wait long: for its response (up to
 * {@code kubiya.read-timeout} per attempt) and between attempts (up to {@code kubiya.max-backoff}). Closing the
 * stream, cancelling the request or ending the pause from here wakes the reader with a
 * {@link ReadAbortedException}; {@link SecretItemReader} turns that into a stop of the step.
 */
public final class SourceReads {

    /** {@code S_IFIFO} in {@code st_mode}: only a FIFO is opened to wake a reader blocked in open(2). */
    private static final int FIFO_TYPE = 0010000;
    private static final int FILE_TYPE_MASK = 0170000;

    private final Set<AbortableInputStream> open = ConcurrentHashMap.newKeySet();
    /**
     * How to wake each wait in progress (a file being opened, a request waiting for its response, a pause between
     * attempts): one object per wait, so that two waits on the same path never stand for each other.
     */
    private final Set<Runnable> waits = ConcurrentHashMap.newKeySet();
    private volatile String abortReason;

    /** Reads may start again: a new run begins. */
    public void allow() {
        abortReason = null;
    }

    /**
     * Ends every open read and wait, and refuses every read that starts until {@link #allow()}. Safe to call again
     * (the caller repeats it until the run has ended): a reader that was just entering {@code open} on a FIFO when
     * the last call came is woken by the next.
     *
     * @param reason what the aborted reads fail with, e.g. "the run exceeded audit.run.deadline (2h)"
     * @return whether a read was open (or waiting) to abort
     */
    public boolean abort(String reason) {
        abortReason = reason;
        boolean any = !open.isEmpty() || !waits.isEmpty(); // before: an aborted reader closes its stream at once
        open.forEach(AbortableInputStream::abort);
        waits.forEach(Runnable::run);
        return any;
    }

    /** The stream a source reads, abortable from another thread. */
    public InputStream track(InputStream in) {
        AbortableInputStream stream = new AbortableInputStream(in, this);
        open.add(stream);
        if (abortReason != null) {
            stream.abort();
        }
        return stream;
    }

    /**
     * Opens a file through a channel: unlike a {@code FileInputStream}, a channel closed by another thread
     * wakes a read blocked on a pipe (a FileInputStream's read stays blocked, measured on Linux).
     */
    public InputStream openFile(Path path) throws IOException {
        Runnable wake = () -> wakeFifoOpener(path);
        waits.add(wake); // before the check: an abort that comes after it finds this wait
        try {
            refuseIfAborted();
            FileChannel channel = FileChannel.open(path); // blocks on a FIFO until a writer opens it
            return track(new ChannelInputStream(channel));
        } finally {
            waits.remove(wake);
        }
    }

    /**
     * Waits for a response. An abort cancels the request, which closes its connection (JDK 16+): the thread is not
     * held until {@code kubiya.read-timeout} and the retries after it.
     *
     * @throws IOException as the request failed, or a {@link ReadAbortedException} when aborted before or during
     */
    public <T> T await(CompletableFuture<T> pending) throws IOException, InterruptedException {
        Runnable cancel = () -> pending.cancel(true);
        waits.add(cancel);
        try {
            refuseIfAborted();
            return pending.get();
        } catch (CancellationException e) {
            throw aborted();
        } catch (ExecutionException e) {
            if (abortReason != null) {
                // HttpClient's cancel fails the future with an IOException ("Request cancelled"), not as cancelled
                throw aborted();
            }
            throw e.getCause() instanceof IOException failure ? failure : new IOException(e.getCause());
        } finally {
            waits.remove(cancel);
            pending.cancel(true); // a no-op once it completed; else (refused, interrupted) nothing waits for it
        }
    }

    /**
     * Waits between two attempts of a request, or less: an abort ends the wait at once.
     *
     * @throws ReadAbortedException when aborted before or during the wait
     */
    public void pause(Duration delay) throws ReadAbortedException, InterruptedException {
        CountDownLatch woken = new CountDownLatch(1);
        Runnable wake = woken::countDown;
        waits.add(wake);
        try {
            refuseIfAborted();
            woken.await(delay.toMillis(), TimeUnit.MILLISECONDS); // millis: nanos overflow past 292 years
            refuseIfAborted();
        } finally {
            waits.remove(wake);
        }
    }

    void closed(AbortableInputStream stream) {
        open.remove(stream);
    }

    String abortReason() {
        return abortReason;
    }

    /** @throws ReadAbortedException when reads are aborted: nothing new starts */
    public void refuseIfAborted() throws ReadAbortedException {
        if (abortReason != null) {
            throw aborted();
        }
    }

    private ReadAbortedException aborted() {
        String reason = abortReason;
        return new ReadAbortedException(reason == null ? "the read was aborted" : reason);
    }

    /**
     * A reader blocked in open(2) on a FIFO has no stream to close yet. Opening the FIFO for reading and writing
     * (which never blocks on Linux) counts as a writer and lets its open return; closing it at once leaves the
     * reader at end of input, where its stream, already aborted, fails.
     */
    private static void wakeFifoOpener(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            if (mode instanceof Integer bits && (bits & FILE_TYPE_MASK) == FIFO_TYPE) {
                FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE).close();
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException ignored) {
            // not a FIFO we may open, or gone: nothing to wake
        }
    }
}
