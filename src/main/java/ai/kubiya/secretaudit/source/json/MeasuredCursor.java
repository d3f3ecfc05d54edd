package ai.kubiya.secretaudit.source.json;

import ai.kubiya.secretaudit.source.ReadProgress;
import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A cursor over a byte stream that can say how many bytes it has read, of how many when the size is known (a
 * file's; a streamed HTTP body's usually is not): the progress lines of a long evaluate step.
 */
final class MeasuredCursor implements SecretCursor {

    private final SecretCursor records;
    private final CountingInput input;
    private final long totalBytes;

    private MeasuredCursor(SecretCursor records, CountingInput input, long totalBytes) {
        this.records = records;
        this.input = input;
        this.totalBytes = totalBytes;
    }

    /** @param totalBytes the size of {@code in}, or {@link ReadProgress#UNKNOWN_TOTAL} */
    static SecretCursor read(InputStream in, String sourceDescription, long totalBytes) {
        CountingInput counted = new CountingInput(in);
        return new MeasuredCursor(JsonInventoryReader.read(counted, sourceDescription), counted, totalBytes);
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public SecretMetadata next() {
        return records.next();
    }

    @Override
    public void close() {
        records.close();
    }

    @Override
    public ReadProgress progress() {
        return new ReadProgress(input.count, totalBytes, ReadProgress.Unit.BYTES);
    }

    /** Counts what the parser pulls; one thread writes, the progress line's thread reads. */
    private static final class CountingInput extends FilterInputStream {

        private volatile long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
