package ai.kubiya.secretaudit;

/**
 * Another run holds the database: the run lock on PostgreSQL, or the embedded server's data folder, which one
 * process at a time may use. The command stops with exit code 3 (docs/commands.md#exit-codes).
 */
public class DatabaseBusyException extends RuntimeException {

    public DatabaseBusyException(String message) {
        super(message);
    }

    public DatabaseBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
