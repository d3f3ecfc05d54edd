package ai.kubiya.secretaudit.source.controlplane;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A response body that gives up when one read waits longer than the read timeout. {@code HttpClient}'s
 * own request timeout ends when the headers arrive; without this, a server that stalls in the middle of
 * a million-record body would hold the nightly run forever. Only time spent blocked in {@code read}
 * counts: a slow consumer (a chunk being written) is not the server's fault.
 */
final class IdleTimeoutInputStream extends FilterInputStream {

    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private final Duration timeout;
    private final ScheduledFuture<?> check;
    private volatile long readingSince;
    private volatile boolean timedOut;

    IdleTimeoutInputStream(InputStream in, Duration timeout) {
        super(in);
        this.timeout = timeout;
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), timeout.toNanos() / 4);
        this.check = WATCHDOG.scheduleWithFixedDelay(this::abortIfStalled, period, period, TimeUnit.NANOSECONDS);
    }

    @Override
    public int read() throws IOException {
        readingSince = System.nanoTime();
        try {
            return super.read();
        } catch (IOException e) {
            throw timedOut ? stalled() : e;
        } finally {
            readingSince = 0;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        readingSince = System.nanoTime();
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            throw timedOut ? stalled() : e;
        } finally {
            readingSince = 0;
        }
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }

    private void abortIfStalled() {
        long since = readingSince;
        if (since != 0 && System.nanoTime() - since > timeout.toNanos()) {
            timedOut = true;
            check.cancel(false);
            try {
                // closing the JDK's response stream wakes the blocked reader with an IOException
                in.close();
            } catch (IOException ignored) {
                // the reader fails either way
            }
        }
    }

    private HttpTimeoutException stalled() {
        return new HttpTimeoutException("the response stalled: no data for more than "
                + ControlPlaneClient.human(timeout) + " (kubiya.read-timeout)");
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "control-plane-read-timeout");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
