package ai.kubiya.secretaudit.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The source streams this process has open, so that another thread — a stop request (SIGTERM) or the run's
 * deadline — can end a read that is blocked in one. A read can block for good: a server that sends
 * {@code [} and then whitespace for ever, or one byte now and then (each read returns within
 * {@code kubiya.read-timeout}), or a FIFO that nobody writes. Closing the stream from here wakes the reader
 * with a {@link ReadAbortedException}; {@link SecretItemReader} turns that into a stop of the step.
 */
public final class SourceReads {

    /** {@code S_IFIFO} in {@code st_mode}: only a FIFO is opened to wake a reader blocked in open(2). */
    private static final int FIFO_TYPE = 0010000;
    private static final int FILE_TYPE_MASK = 0170000;

    private final Set<AbortableInputStream> open = ConcurrentHashMap.newKeySet();
    private final Set<Path> opening = ConcurrentHashMap.newKeySet();
    private volatile String abortReason;

    /** Reads may start again: a new run begins. */
    public void allow() {
        abortReason = null;
    }

    /**
     * Ends every open read, and refuses every read that starts until {@link #allow()}. Safe to call again (the
     * caller repeats it until the run has ended): a reader that was just entering {@code open} on a FIFO when
     * the last call came is woken by the next.
     *
     * @param reason what the aborted reads fail with, e.g. "the run exceeded audit.run.deadline (2h)"
     * @return whether a read was open (or opening) to abort
     */
    public boolean abort(String reason) {
        abortReason = reason;
        boolean any = !open.isEmpty() || !opening.isEmpty(); // before: an aborted reader closes its stream at once
        open.forEach(AbortableInputStream::abort);
        opening.forEach(SourceReads::wakeFifoOpener);
        return any;
    }

    /** The stream a source reads, abortable from another thread. */
    InputStream track(InputStream in) {
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
    InputStream openFile(Path path) throws IOException {
        opening.add(path);
        try {
            refuseIfAborted();
            FileChannel channel = FileChannel.open(path); // blocks on a FIFO until a writer opens it
            return track(new ChannelInputStream(channel));
        } finally {
            opening.remove(path);
        }
    }

    void closed(AbortableInputStream stream) {
        open.remove(stream);
    }

    String abortReason() {
        return abortReason;
    }

    private void refuseIfAborted() throws ReadAbortedException {
        String reason = abortReason;
        if (reason != null) {
            throw new ReadAbortedException(reason);
        }
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
