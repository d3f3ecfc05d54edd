package ai.kubiya.secretaudit.source.controlplane;

import ai.kubiya.secretaudit.source.SourceException;

/**
 * A Control Plane request that did not succeed. {@link #reason()} is short ("HTTP 404", "HTTP 503 after 5
 * attempts") for per-record problems; the message is the whole story for a failed run. Neither ever
 * contains the API key or a response body.
 */
final class ControlPlaneFailure extends SourceException {

    private final String reason;
    private final boolean retriesExhausted;

    ControlPlaneFailure(String message, String reason, boolean retriesExhausted) {
        super(message);
        this.reason = reason;
        this.retriesExhausted = retriesExhausted;
    }

    String reason() {
        return reason;
    }

    /** True when the failure was worth retrying and every attempt was used. */
    boolean retriesExhausted() {
        return retriesExhausted;
    }
}
