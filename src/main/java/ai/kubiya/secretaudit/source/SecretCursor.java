package ai.kubiya.secretaudit.source;

import java.util.Iterator;

/** A forward-only, closeable pass over an inventory; it never holds the whole inventory in memory. */
public interface SecretCursor extends Iterator<SecretMetadata>, AutoCloseable {

    @Override
    void close();

    /** How far this pass has got; {@link ReadProgress#UNKNOWN} unless the source can tell. */
    default ReadProgress progress() {
        return ReadProgress.UNKNOWN;
    }
}
