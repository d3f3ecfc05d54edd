package ai.kubiya.secretaudit.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Holds the evaluate step inside a chunk's COPY, at the first secret at or after a position, until opened: a
 * row trigger on {@code run_secret} waits for an advisory lock that the gate holds on a connection of its own.
 * Works for whatever process runs the job, so a test can stop, stall or kill a run mid-chunk.
 */
public final class ChunkGate implements AutoCloseable {

    private static final int LOCK = 7;

    private final JdbcClient jdbc;
    private final Connection connection;

    public ChunkGate(DataSource dataSource, int position) throws SQLException {
        this.jdbc = JdbcClient.create(dataSource);
        jdbc.sql("""
                CREATE FUNCTION hold_chunk() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.position >= %d THEN
                        PERFORM pg_advisory_lock_shared(%d);
                        PERFORM pg_advisory_unlock_shared(%d);
                    END IF;
                    RETURN NEW;
                END $$""".formatted(position, LOCK, LOCK)).update();
        jdbc.sql("CREATE TRIGGER hold_chunk BEFORE INSERT ON run_secret FOR EACH ROW EXECUTE FUNCTION hold_chunk()")
                .update();
        connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + LOCK + ")");
        }
    }

    /** Whether a chunk is waiting at the gate. */
    public boolean holding() {
        return jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = ? AND NOT granted")
                .param(LOCK).query(Long.class).single() > 0;
    }

    public void open() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
        }
    }

    /** Opens the gate if still closed, and removes it (waiting for a held chunk's transaction to end). */
    @Override
    public void close() throws SQLException {
        connection.close();
        jdbc.sql("DROP TRIGGER hold_chunk ON run_secret").update();
        jdbc.sql("DROP FUNCTION hold_chunk()").update();
    }
}
