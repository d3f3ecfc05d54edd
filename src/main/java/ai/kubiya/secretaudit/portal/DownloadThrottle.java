package ai.kubiya.secretaudit.portal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * Downloads yield to a running audit (docs/portal.md#downloads-while-a-run-writes): while a run writes, every download
 * (exports and workbooks together) shares {@code audit.portal.downloads.rate-while-running}, in slices of 64 KiB;
 * otherwise none waits. At 1,000,000 secrets on 2 cores, 10 auditors downloading back to back at 86 MB/s slowed the
 * job by 540 %: the portal and PostgreSQL serving it took most of a core from it.
 */
final class DownloadThrottle {

    static final int SLICE = 64 * 1024;

    private final TokenBucket bucket;
    private final BooleanSupplier writing;

    /**
     * @param bucket  null: no limit
     * @param writing whether a run writes ({@link RunWriting#now}): asked per slice, so it must be cheap
     */
    DownloadThrottle(TokenBucket bucket, BooleanSupplier writing) {
        this.bucket = bucket;
        this.writing = writing;
    }

    /** {@code out}, paced while a run writes. */
    OutputStream paced(OutputStream out) {
        if (bucket == null) {
            return out;
        }
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                for (int done = 0; done < length; done += SLICE) {
                    int slice = Math.min(SLICE, length - done);
                    if (writing.getAsBoolean()) {
                        bucket.take(slice);
                    }
                    out.write(bytes, offset + done, slice);
                }
            }
        };
    }
}
