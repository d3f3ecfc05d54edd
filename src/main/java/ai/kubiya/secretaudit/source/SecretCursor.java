package ai.kubiya.secretaudit.source;

import java.util.Iterator;

/** A forward-only, closeable pass over an inventory; it never holds the whole inventory in memory. */
public interface SecretCursor extends Iterator<SecretMetadata>, AutoCloseable {

    @Override
    void close();
}
