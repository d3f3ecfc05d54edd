package ai.kubiya.secretaudit.source;

import java.io.IOException;

/** A source read ended from another thread: the run was asked to stop, or passed its deadline. */
public final class ReadAbortedException extends IOException {

    ReadAbortedException(String reason) {
        super(reason);
    }
}
