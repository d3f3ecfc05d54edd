package ai.kubiya.secretaudit.source;

/** The inventory as a whole could not be read: the run must fail rather than report a partial inventory. */
public class SourceException extends RuntimeException {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
