package ai.kubiya.secretaudit.notify;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Where a message is written to become the outbox's bytes: a {@link java.io.ByteArrayOutputStream} without its
 * locks. Jakarta Mail writes each text part one byte at a time (its encoders are plain {@code FilterOutputStream}s),
 * and on Java 17, which has no biased locking, every one of those ~25,000 calls an email took a lock: 22 % of the
 * compose thread's samples (JFR, 100,000-secret benchmark). One thread writes it, then it is read once.
 */
final class MimeBuffer extends OutputStream {

    private byte[] bytes;
    private int size;

    MimeBuffer(int capacity) {
        bytes = new byte[Math.max(capacity, 1024)];
    }

    @Override
    public void write(int b) {
        if (size == bytes.length) {
            grow(1);
        }
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (len > bytes.length - size) {
            grow(len);
        }
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void grow(int needed) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + needed));
    }
}
