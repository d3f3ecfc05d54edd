package ai.kubiya.secretaudit.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that first gives back the bytes put back into it, then reads on from the stream it wraps. A parser
 * that stopped for good hands back what it had buffered, and the next parser reads those bytes first.
 *
 * <p>One wrapper for the whole input, however often bytes are put back: chaining a new
 * {@link java.io.SequenceInputStream} per resynchronisation would nest one stream per bad record.
 */
final class ReplayableInput extends FilterInputStream {

    private byte[] pending = new byte[0];
    private int next;

    ReplayableInput(InputStream in) {
        super(in);
    }

    /** Puts {@code parts} back, in this order, before whatever was still pending. */
    void putBack(byte[]... parts) {
        int length = pending.length - next;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        System.arraycopy(pending, next, joined, at, pending.length - next);
        pending = joined;
        next = 0;
    }

    @Override
    public int read() throws IOException {
        return next < pending.length ? pending[next++] & 0xFF : super.read();
    }

    /** Never mixes put-back bytes with a read of the wrapped stream, which could block while bytes are at hand. */
    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (next == pending.length) {
            return super.read(buffer, offset, length);
        }
        int n = Math.min(length, pending.length - next);
        System.arraycopy(pending, next, buffer, offset, n);
        next += n;
        if (next == pending.length) {
            pending = new byte[0];
            next = 0;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return next < pending.length ? read(new byte[(int) Math.min(n, pending.length - next)]) : super.skip(n);
    }

    @Override
    public int available() throws IOException {
        return next < pending.length ? pending.length - next : super.available();
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
