package ai.kubiya.secretaudit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU of the PostgreSQL processes that serve the portal, apart from the job's (Linux; the bench's database runs
 * here). PostgreSQL serves each session in a process of its own, at the priority it was started with: the portal's
 * queries run at the job's priority whatever {@code --portal-nice} says, and at 1,000,000 secrets the searches of a
 * filter that matched nothing were 21 s of database time in 81 s under the load, more than the portal's JVM used.
 * Sampled every 500 ms from {@code pg_stat_activity} (a session's {@code application_name}: the job's sessions are
 * {@code secret-rotation-audit run}; the portal's are the other client sessions, this sampler's own left out) and
 * {@code /proc/<pid>/stat}; a session's process is counted from its start, and loses at most its last 500 ms.
 */
final class DatabaseSessionsCpu implements AutoCloseable {

    private static final String SAMPLER = "bench-cpu-sampler";
    private static final String JOB = "secret-rotation-audit run";
    private static final double TICKS_PER_SECOND = 100;

    private final Connection connection;
    private final Thread thread;
    private final Map<Integer, Long> lastTicks = new HashMap<>();
    private long portalTicks;
    private boolean failed;
    private volatile boolean running = true;

    DatabaseSessionsCpu(String jdbcUrl) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET application_name = '" + SAMPLER + "'");
        }
        thread = new Thread(this::sample, "database-cpu");
        thread.setDaemon(true);
        thread.start();
    }

    /** Core-seconds the portal's sessions have used so far; NaN once sampling failed (the report shows it). */
    synchronized double portalSeconds() {
        return failed ? Double.NaN : portalTicks / TICKS_PER_SECOND;
    }

    private void sample() {
        while (running) {
            try (Statement statement = connection.createStatement();
                 ResultSet sessions = statement.executeQuery("SELECT pid, application_name FROM pg_stat_activity"
                         + " WHERE backend_type = 'client backend'")) {
                while (sessions.next()) {
                    String name = sessions.getString(2);
                    long ticks = ticks(sessions.getInt(1));
                    Long before = lastTicks.put(sessions.getInt(1), ticks);
                    if (!SAMPLER.equals(name) && !JOB.equals(name) && ticks >= 0) {
                        // a process first seen, or a number used again by a new one: all of its time is new
                        long since = before == null || before < 0 || ticks < before ? 0 : before;
                        synchronized (this) {
                            portalTicks += ticks - since;
                        }
                    }
                }
                Thread.sleep(500);
            } catch (SQLException e) {
                synchronized (this) {
                    failed = running; // the database stopped under the bench, or the bench closed this
                }
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** utime + stime of a process, -1 once it is gone. */
    private static long ticks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
        connection.close();
    }
}
