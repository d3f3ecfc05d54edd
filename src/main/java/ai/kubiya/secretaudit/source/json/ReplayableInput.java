package ai.kubiya.secretaudit.source.json;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that first gives back the bytes put back into it, then reads on from the stream it wraps. A parser
 * that stopped for good hands back what it had buffered, and the next parser reads those bytes first.
 *
 * <p>One wrapper for the whole input, however often bytes are put back: chaining a new
 * {@link java.io.SequenceInputStream} per resynchronisation would nest one stream per bad record.
 *
 * <p>It also remembers, for the last {@value #REMEMBERED} bytes it handed out, which were a quote or a backslash
 * that no backslash escapes, so that {@link ElementResync} can tell whether a parser stopped right after a closing
 * quote. One flag per byte, carried along as the bytes pass, is exact however long a run of backslashes is;
 * looking back over the bytes themselves would not be once the run is longer than what is kept. It costs ~0.5 ns
 * a byte: 115 MB of inventory read in 477 ms instead of 415 ms, ~0.1 s of a 178 s run at 1,000,000 secrets.
 */
final class ReplayableInput extends FilterInputStream {

    /** More than a parser ever holds unread (Jackson reads 8,000 bytes at a time) and than one skip reads. */
    private static final int REMEMBERED = 1 << 16;
    private static final byte PLAIN = 0;
    private static final byte QUOTE = 1;
    private static final byte BACKSLASH = 2;

    private byte[] pending = new byte[0];
    private int next;
    /** The kind of each byte handed out, at its position modulo {@value #REMEMBERED}. */
    private final byte[] kinds = new byte[REMEMBERED];
    private long handedOut;
    private boolean escapesNext;

    ReplayableInput(InputStream in) {
        super(in);
    }

    /**
     * Takes back {@code bytes}, the last ones handed out, to hand them out again first.
     *
     * @throws IllegalStateException when more are taken back than are remembered
     */
    void unread(byte[] bytes) {
        if (bytes.length >= REMEMBERED || bytes.length > handedOut) {
            throw new IllegalStateException("cannot take back " + bytes.length + " bytes");
        }
        handedOut -= bytes.length;
        escapesNext = handedOut > 0 && kindAt(handedOut - 1) == BACKSLASH;
        putBack(bytes);
    }

    /** Whether the last byte handed out was a quote that no backslash escapes: it opened or closed a string. */
    boolean lastWasUnescapedQuote() {
        return handedOut > 0 && kindAt(handedOut - 1) == QUOTE;
    }

    /** Puts {@code parts} back, in this order, before whatever was still pending; they count as new bytes. */
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
        int b = next < pending.length ? pending[next++] & 0xFF : super.read();
        if (b >= 0) {
            remember(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    /** Never mixes put-back bytes with a read of the wrapped stream, which could block while bytes are at hand. */
    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = next == pending.length ? super.read(buffer, offset, length) : fromPending(buffer, offset, length);
        remember(buffer, offset, n);
        return n;
    }

    private int fromPending(byte[] buffer, int offset, int length) {
        int n = Math.min(length, pending.length - next);
        System.arraycopy(pending, next, buffer, offset, n);
        next += n;
        if (next == pending.length) {
            pending = new byte[0];
            next = 0;
        }
        return n;
    }

    /** An escaped byte is plain whatever it is; outside strings valid JSON has no backslash. */
    private void remember(byte[] bytes, int offset, int length) {
        boolean escapes = escapesNext;
        int at = (int) (handedOut & (REMEMBERED - 1));
        for (int i = offset; i < offset + length; i++) {
            byte kind = PLAIN;
            if (escapes) {
                escapes = false;
            } else if (bytes[i] == '"') {
                kind = QUOTE;
            } else if (bytes[i] == '\\') {
                kind = BACKSLASH;
                escapes = true;
            }
            kinds[at] = kind;
            at = (at + 1) & (REMEMBERED - 1);
        }
        escapesNext = escapes;
        handedOut += Math.max(length, 0);
    }

    private byte kindAt(long position) {
        return kinds[(int) (position & (REMEMBERED - 1))];
    }

    /** Reads what it skips, so that every byte passed over is remembered. */
    @Override
    public long skip(long n) throws IOException {
        return n <= 0 ? 0 : Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
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
