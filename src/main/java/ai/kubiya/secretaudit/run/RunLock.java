package ai.kubiya.secretaudit.run;

import ai.kubiya.secretaudit.DatabaseBusyException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * One audit run at a time per database, whatever launches it: a PostgreSQL session advisory lock held on
 * a dedicated connection for the whole run. If the process dies, the database ends the session and the lock
 * goes with it: no timeout guess is involved.
 */
@Component
public class RunLock {

    /** An arbitrary constant that names this application's lock among any others on the database. */
    public static final long LOCK_KEY = 0x5EC7_E7A0_D17L;

    private final DataSource dataSource;

    RunLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** @throws RunInProgressException when another run holds the lock */
    public Held acquire() {
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, LOCK_KEY);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    if (!result.getBoolean(1)) {
                        connection.close();
                        throw new RunInProgressException();
                    }
                }
            }
            return () -> release(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the run lock: " + e.getMessage(), e);
        }
    }

    private static void release(Connection connection) {
        try (connection; PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, LOCK_KEY);
            statement.execute();
        } catch (SQLException e) {
            // the session ends with the connection, and the lock with it
        }
    }

    public static class RunInProgressException extends DatabaseBusyException {
        RunInProgressException() {
            super("another audit run is in progress on this database; try again when it has finished");
        }
    }
}
