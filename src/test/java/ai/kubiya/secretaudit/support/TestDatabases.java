package ai.kubiya.secretaudit.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL per test JVM (started once, ~2 s), migrated once into a template database; every test
 * class gets a fresh copy of the template ({@code CREATE DATABASE … TEMPLATE …} takes milliseconds).
 */
public final class TestDatabases {

    private static final String TEMPLATE = "audit_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** A new, migrated, empty database; returns its JDBC URL. */
    public static synchronized String newDatabase() {
        EmbeddedPostgres server = server();
        String name = "audit_test_" + COUNTER.incrementAndGet();
        execute(server, "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return server.getJdbcUrl("postgres", name);
    }

    /** A new database with no tables at all, for a test that migrates it step by step; returns its JDBC URL. */
    public static synchronized String newEmptyDatabase() {
        EmbeddedPostgres server = server();
        String name = "audit_empty_" + COUNTER.incrementAndGet();
        execute(server, "CREATE DATABASE " + name);
        return server.getJdbcUrl("postgres", name);
    }

    /** Points the Spring context under test at a new database of its own. */
    public static void register(DynamicPropertyRegistry registry) {
        String url = newDatabase();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                // one server for the whole suite, and Spring keeps up to 32 test contexts, each with its own pool of
                // up to 10 connections: the default 100 ran out once the suite had 90-odd databases
                postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "400").start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
            }
            execute(postgres, "CREATE DATABASE " + TEMPLATE);
            Flyway.configure()
                    .dataSource(postgres.getJdbcUrl("postgres", TEMPLATE), "postgres", "")
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return postgres;
    }

    private static void execute(EmbeddedPostgres server, String sql) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }
}
