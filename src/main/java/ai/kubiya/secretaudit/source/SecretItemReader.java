package ai.kubiya.secretaudit.source;

import java.time.Instant;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Streams a source into the evaluate step. Its read count is saved with each chunk, so a restarted
 * step skips what it already persisted (it re-reads the source from the start and discards).
 */
public class SecretItemReader extends AbstractItemCountingItemStreamItemReader<SecretMetadata> {

    private final SecretSource source;
    private final Instant asOf;
    private SecretCursor cursor;

    public SecretItemReader(SecretSource source, Instant asOf) {
        this.source = source;
        this.asOf = asOf;
        setName("secretReader");
    }

    @Override
    protected void doOpen() {
        cursor = source.open(asOf);
    }

    @Override
    protected SecretMetadata doRead() {
        return cursor.hasNext() ? cursor.next() : null;
    }

    @Override
    protected void doClose() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}
