package ai.kubiya.secretaudit.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A source stream that {@link SourceReads#abort} closes under a blocked reader, which then fails with the reason. */
final class AbortableInputStream extends FilterInputStream {

    private final SourceReads reads;
    private volatile boolean aborted;

    AbortableInputStream(InputStream in, SourceReads reads) {
        super(in);
        this.reads = reads;
    }

    @Override
    public int read() throws IOException {
        failIfAborted();
        try {
            return super.read();
        } catch (IOException e) {
            failIfAborted();
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        failIfAborted();
        try {
            int read = super.read(buffer, offset, length);
            // a FIFO woken out of open(2) reads end of input: that is the abort, not the end of the inventory
            failIfAborted();
            return read;
        } catch (IOException e) {
            failIfAborted();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        reads.closed(this);
        super.close();
    }

    void abort() {
        aborted = true;
        try {
            in.close(); // wakes a reader blocked in the channel or the HTTP body with an IOException
        } catch (IOException ignored) {
            // the reader fails either way
        }
    }

    private void failIfAborted() throws ReadAbortedException {
        if (aborted) {
            String reason = reads.abortReason();
            throw new ReadAbortedException(reason == null ? "the read was aborted" : reason);
        }
    }
}
