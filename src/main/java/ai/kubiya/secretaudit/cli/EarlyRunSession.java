package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.run.AuditRunLauncher;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Names the {@code run} command on its server database from its first second, before Spring has built a bean: a
 * {@code serve} on the same database paces downloads while a run writes, and sees a {@code run} process by its
 * sessions' name ({@link AuditRunLauncher#RUN_COMMAND_SESSIONS}, docs/portal.md#downloads-while-a-run-writes). Until
 * the pool's first connection the starting JVM was invisible: 3.8 s alone at 1,000,000 secrets, 7.1 s under the
 * bench's load, with downloads unpaced (docs/performance.md#the-portal-under-load). Once the first environment is read
 * (the preflight's), one connection so named is opened on a thread of its own (the start does not wait for it); the
 * command closes it once its application has started (its pool is connected by then, under the same name), or
 * failed to. Only for a database given by {@code spring.datasource.url}: the embedded one starts later, and no
 * {@code serve} shares it. It has the pool's driver properties ({@code spring.datasource.hikari.data-source-properties},
 * TLS settings included), and is the one connection beyond the pool's size while the pool fills. A connection that
 * fails is left to the pool to report.
 */
final class EarlyRunSession implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EarlyRunSession.class);
    private static final String DRIVER_PROPERTIES = "spring.datasource.hikari.data-source-properties";

    private Thread opening;
    private Connection connection;
    private boolean closed;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        open(event.getEnvironment());
    }

    private synchronized void open(Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank() || opening != null || closed) {
            return;
        }
        Properties properties = new Properties();
        // the pool's driver properties too (sslmode, sslrootcert, …): never a weaker connection than the pool's
        properties.putAll(Binder.get(environment).bind(DRIVER_PROPERTIES, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()));
        putIfSet(properties, "user", environment.getProperty("spring.datasource.username"));
        putIfSet(properties, "password", environment.getProperty("spring.datasource.password"));
        properties.setProperty("ApplicationName", AuditRunLauncher.RUN_COMMAND_SESSIONS);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("loginTimeout", "10"); // a server that accepts and never answers: the thread ends
        opening = new Thread(() -> connect(url, properties), "early-run-session");
        opening.setDaemon(true);
        opening.start();
    }

    private void connect(String url, Properties properties) {
        Connection opened;
        try {
            opened = new Driver().connect(url, properties); // null: not a PostgreSQL URL
        } catch (SQLException | RuntimeException e) {
            log.debug("No early session on the database: {}", e.getMessage());
            return;
        }
        if (opened == null) {
            return;
        }
        synchronized (this) {
            if (!closed) {
                connection = opened;
                return;
            }
        }
        quietly(opened); // the application started (or failed) first
    }

    @Override
    public void close() {
        Connection open;
        synchronized (this) {
            closed = true;
            open = connection;
            connection = null;
        }
        if (open != null) {
            quietly(open);
        }
    }

    private static void quietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the early session: {}", e.getMessage());
        }
    }

    private static void putIfSet(Properties properties, String key, String value) {
        if (value != null) {
            properties.setProperty(key, value);
        }
    }
}
