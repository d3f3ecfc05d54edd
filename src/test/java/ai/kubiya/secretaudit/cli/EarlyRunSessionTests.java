package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The {@code run} command is named on its database (real PostgreSQL) from the moment its first environment is read
 * until the command closes the session (its application started: its pool's sessions carry the name), so that a portal
 * paces downloads from the first second of the run's JVM (docs/portal.md#downloads-while-a-run-writes).
 */
class EarlyRunSessionTests {

    private static final SpringApplication APPLICATION = new SpringApplication();
    private static final String[] ARGUMENTS = {};

    private final String url = TestDatabases.newDatabase();
    private final JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), url,
            "postgres", ""));

    @Test
    void aRunIsNamedOnItsDatabaseFromItsEnvironmentUntilItHasStarted() throws Exception {
        EarlyRunSession session = new EarlyRunSession();

        session.onApplicationEvent(prepared(url));
        awaitRunSessions(n -> n == 1);
        session.onApplicationEvent(prepared(url)); // the application's own environment, after the preflight's
        Thread.sleep(200);
        awaitRunSessions(n -> n == 1);
        session.close();

        awaitRunSessions(n -> n == 0);
    }

    @Test
    void aCloseBeforeTheConnectionOpensLeavesNoSession() throws Exception {
        EarlyRunSession session = new EarlyRunSession();

        session.onApplicationEvent(prepared(url));
        session.close();

        openingDone(); // a connection opened after the failure is closed by the thread that opened it
        awaitRunSessions(n -> n == 0);
    }

    @Test
    void itConnectsWithThePoolsDriverPropertiesNeverWeaker() throws Exception {
        // the test server speaks no TLS: a connection that took the pool's sslmode cannot open
        EarlyRunSession session = new EarlyRunSession();
        ApplicationEnvironmentPreparedEvent event = prepared(url);
        event.getEnvironment().getPropertySources().addFirst(new MapPropertySource("pool", Map.of(
                "spring.datasource.hikari.data-source-properties.sslmode", "require")));

        session.onApplicationEvent(event);
        openingDone();

        awaitRunSessions(n -> n == 0);
        session.close();
    }

    @Test
    void anEmbeddedDatabaseOrOneThatRefusesIsLeftToThePool() throws Exception {
        EarlyRunSession embedded = new EarlyRunSession();
        embedded.onApplicationEvent(prepared(null));
        EarlyRunSession refused = new EarlyRunSession();
        refused.onApplicationEvent(prepared("jdbc:postgresql://127.0.0.1:1/postgres"));
        EarlyRunSession other = new EarlyRunSession();
        other.onApplicationEvent(prepared("jdbc:h2:mem:audit"));

        openingDone();
        awaitRunSessions(n -> n == 0);
    }

    /** Waits for every attempt to connect to have ended. */
    private static void openingDone() throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("early-run-session")) {
                thread.join(15_000);
                assertThat(thread.isAlive()).as("still connecting").isFalse();
            }
        }
    }

    private ApplicationEnvironmentPreparedEvent prepared(String databaseUrl) {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> properties = new HashMap<>();
        if (databaseUrl != null) {
            properties.put("spring.datasource.url", databaseUrl);
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), APPLICATION, ARGUMENTS,
                environment);
    }

    private void awaitRunSessions(IntPredicate expected) throws InterruptedException {
        int sessions = -1;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos(); System.nanoTime() < deadline; ) {
            sessions = jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name = ?", Integer.class, AuditRunLauncher.RUN_COMMAND_SESSIONS);
            if (expected.test(sessions)) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(sessions).as("sessions named %s", AuditRunLauncher.RUN_COMMAND_SESSIONS).matches(expected::test);
    }
}
