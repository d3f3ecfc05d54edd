package ai.kubiya.secretaudit.source;

import java.time.Instant;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Streams a source into the evaluate step. Its read count is saved with each chunk, so a restarted
 * step skips what it already persisted (it re-reads the source from the start and discards).
 *
 * <p>A read aborted from another thread ({@link SourceReads#abort}: a stop request or the run's deadline) is a
 * {@link JobInterruptedException}: Spring Batch then ends the step {@code STOPPED}, not {@code FAILED}, the
 * chunk being read rolls back, and the run is restartable from the last committed chunk.
 */
public class SecretItemReader extends AbstractItemCountingItemStreamItemReader<SecretMetadata> {

    private final SecretSource source;
    private final Instant asOf;
    private volatile SecretCursor cursor;

    public SecretItemReader(SecretSource source, Instant asOf) {
        this.source = source;
        this.asOf = asOf;
        setName("secretReader");
    }

    @Override
    protected void doOpen() throws Exception {
        try {
            cursor = source.open(asOf);
        } catch (SourceException e) {
            throw stopIfAborted(e);
        }
    }

    @Override
    protected SecretMetadata doRead() throws Exception {
        try {
            return cursor.hasNext() ? cursor.next() : null;
        } catch (SourceException e) {
            throw stopIfAborted(e);
        }
    }

    /** How far the source has been read, for the progress lines; safe to call from another thread. */
    public ReadProgress progress() {
        SecretCursor open = cursor;
        return open == null ? ReadProgress.UNKNOWN : open.progress();
    }

    @Override
    protected void doClose() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }

    private static Exception stopIfAborted(SourceException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReadAbortedException aborted) {
                JobInterruptedException stop = new JobInterruptedException(aborted.getMessage());
                stop.initCause(failure);
                return stop;
            }
        }
        return failure;
    }
}
